import t from 'tap'
import { isDatabaseUnavailable, isUniqueViolation, needsReopen } from '../../src/db/errors.js'

// The shapes each layer produces: Prisma's wrapper with the driver adapter's error in
// meta.driverAdapterError, the adapter's error with its kind and the database's own code in
// cause, and errors node-postgres and Node raise without either.
const adapterError = (cause: Record<string, unknown>) => ({ name: 'DriverAdapterError', cause })
const prismaError = (code: string, cause: Record<string, unknown>) => ({ code, meta: { driverAdapterError: adapterError(cause) } })

t.test('what counts as the database being unavailable', async (t) => {
  const unavailable: Array<[string, unknown]> = [
    ['Prisma: server not reachable', { code: 'P1001' }],
    ['Prisma: connection closed', { code: 'P1017' }],
    ['Prisma: pool timeout', { code: 'P2024' }],
    ['a raw query whose connection was refused', prismaError('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1' })],
    ['PostgreSQL is shutting down (57P01)', prismaError('P2039', { kind: 'postgres', originalCode: '57P01' })],
    ['PostgreSQL statement timeout (57014)', prismaError('P2039', { kind: 'postgres', originalCode: '57014' })],
    ['PostgreSQL connection exception class 08', prismaError('P2039', { kind: 'postgres', originalCode: '08006' })],
    ['PostgreSQL too many connections', { code: '53300' }],
    ['SQLite disk full', prismaError('P2039', { kind: 'sqlite', originalCode: 'SQLITE_FULL' })],
    ['SQLite write I/O error', prismaError('P2039', { kind: 'sqlite', originalCode: 'SQLITE_IOERR_WRITE' })],
    ['SQLite cannot open the file', Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' })],
    ['a socket error, as the cause', new Error('query failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })],
    ['pg connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg connection ended', new Error('Connection terminated unexpectedly')],
    ['pg read timeout', new Error('Query read timeout')],
  ]
  for (const [what, error] of unavailable) t.ok(isDatabaseUnavailable(error), what)

  const notUnavailable: Array<[string, unknown]> = [
    ['a unique violation', { code: 'P2002' }],
    ['a record not found', { code: 'P2025' }],
    ['a PostgreSQL syntax error', prismaError('P2010', { kind: 'postgres', originalCode: '42601' })],
    ['a SQLite constraint', prismaError('P2039', { kind: 'sqlite', originalCode: 'SQLITE_CONSTRAINT_CHECK' })],
    ['a programming error', new TypeError('x is undefined')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ]
  for (const [what, error] of notUnavailable) t.notOk(isDatabaseUnavailable(error), what)

  const cyclic: Record<string, unknown> = { code: 'P2025' }
  cyclic.cause = cyclic
  t.notOk(isDatabaseUnavailable(cyclic), 'a cause chain that loops ends')
})

t.test('which SQLite errors call for opening the file again', async (t) => {
  t.ok(needsReopen(prismaError('P2039', { kind: 'sqlite', originalCode: 'SQLITE_IOERR_READ' })), 'an I/O error')
  t.ok(needsReopen({ code: 'SQLITE_NOTADB' }), 'a file that is no longer a database')
  t.ok(needsReopen({ code: 'SQLITE_CANTOPEN' }), 'a file that cannot be opened')
  t.notOk(needsReopen(prismaError('P2039', { kind: 'sqlite', originalCode: 'SQLITE_FULL' })), 'a full disk leaves the connection sound')
  t.notOk(needsReopen({ code: 'P1008' }), 'a busy timeout too')
})

t.test('isUniqueViolation', async (t) => {
  t.ok(isUniqueViolation({ code: 'P2002' }))
  t.notOk(isUniqueViolation({ code: 'P1001' }))
  t.notOk(isUniqueViolation(null))
})
