import { Problem } from './problems.js'

/** An opaque page cursor: the position after which the next page starts. */
export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }
    if (typeof value.after === 'string' && value.after.length > 0) return value.after
  } catch {
    // reported below
  }
  throw new Problem('validation_failed', {
    errors: [{ pointer: '/query/cursor', detail: 'is not a cursor this service issued' }],
  })
}
