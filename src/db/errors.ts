/**
 * A unique constraint refused the write: P2002 from Prisma Client on every provider (its
 * `meta` differs), or the driver adapter's own error for the SQL sent through it (select.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: { kind?: unknown } }
  return code === 'P2002' || (name === 'DriverAdapterError' && cause?.kind === 'UniqueConstraintViolation')
}

// Prisma's codes for a database it cannot reach or that does not answer in time: P1001 not
// reachable, P1002 and P1008 timed out, P1011 TLS failed, P1017 connection closed, P2024 no
// pool connection in time, P2037 too many connections.
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024', 'P2037'])

// What the driver adapters report for the same situations (DriverAdapterError's cause.kind).
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
  'TlsConnectionError',
])

// PostgreSQL SQLSTATEs: class 08 (connection exception) is matched by prefix; 57P01-03 the
// server is shutting down or starting, 57014 a statement cancelled by statement_timeout
// (the server is too slow to answer: a retry later is the remedy), 53xxx out of disk,
// memory or connections, 58030 an I/O error on the server.
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '57014', '53000', '53100', '53200', '53300', '58030'])

// SQLite's primary codes for a file it cannot read or write (the extended codes, such as
// SQLITE_IOERR_WRITE, share the prefix), and a lock not released within the busy timeout.
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|LOCKED|CORRUPT|NOTADB|NOMEM)/

// Node's socket errors, and the disk's.
const ERRNO_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENOSPC',
  'EIO',
  'EROFS',
])

// node-postgres raises these as plain Errors without a code, and the adapter passes them on.
const PG_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection error and is not queryable/i

function codeOf(value: Record<string, unknown>): string | undefined {
  return typeof value.code === 'string' ? value.code : undefined
}

function matches(value: Record<string, unknown>): boolean {
  const code = codeOf(value)
  if (code !== undefined) {
    if (PRISMA_UNAVAILABLE.has(code) || ERRNO_UNAVAILABLE.has(code) || POSTGRES_UNAVAILABLE.has(code) || code.startsWith('08')) return true
    if (SQLITE_UNAVAILABLE.test(code)) return true
  }
  if (typeof value.kind === 'string' && ADAPTER_UNAVAILABLE.has(value.kind)) return true
  if (typeof value.originalCode === 'string') {
    const original = value.originalCode
    if (POSTGRES_UNAVAILABLE.has(original) || original.startsWith('08') || SQLITE_UNAVAILABLE.test(original)) return true
  }
  return typeof value.message === 'string' && PG_MESSAGES.test(value.message)
}

/**
 * The database cannot serve the request now (down, unreachable, too slow, out of space),
 * as opposed to a request it refused. Prisma wraps the driver's error (meta.driverAdapterError,
 * whose cause holds the kind and the database's own code) or passes it through (node-postgres
 * connect timeouts), so the whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(error, matches)
}

function someInChain(error: unknown, test: (value: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>()
  const pending: unknown[] = [error]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value !== 'object' || value === null || seen.has(value)) continue
    seen.add(value)
    const record = value as Record<string, unknown>
    if (test(record)) return true
    pending.push(record.cause, (record.meta as Record<string, unknown> | undefined)?.driverAdapterError)
    if (Array.isArray(record.errors)) pending.push(...record.errors)
  }
  return false
}

// The file itself failed the connection: a disk error, a file it can no longer open, or
// one that is no longer a database. A full disk or a lock leaves the connection sound.
const SQLITE_FILE_FAILED = /^SQLITE_(IOERR|CANTOPEN|NOTADB|CORRUPT)/

/** A SQLite connection that saw this error should be closed and the file opened again. */
export function needsReopen(error: unknown): boolean {
  return someInChain(error, (value) =>
    [value.code, value.originalCode].some((code) => typeof code === 'string' && SQLITE_FILE_FAILED.test(code)),
  )
}
