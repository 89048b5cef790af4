/** A unique constraint refused the write: P2002 on every provider (its `meta` differs). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}
