// Driver adapter factories shared by the app's Prisma client and the wasm schema engine,
// so that both see the same connection settings.
import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import pg from 'pg'
import { needsReopen } from './errors.js'

// Several processes may write the same file; SQLite waits this long for a lock before it
// answers SQLITE_BUSY (the service's DATABASE_STATEMENT_TIMEOUT_MS replaces it).
export const SQLITE_BUSY_TIMEOUT_MS = 10_000

// WAL lets readers run while one process writes; synchronous=NORMAL keeps every committed
// transaction across a process crash (kill -9) and only risks the last ones on power loss,
// for about 7x the insert rate of the default. journal_mode is stored in the file; the other
// two are per connection, hence set on each one.
const SQLITE_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;'

interface SqliteAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  connect(): Promise<SqliteConnection>
}

export function sqliteAdapterFactory(
  path: string,
  busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
  options: { fileMustExist?: boolean } = {},
): SqliteAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs, ...options })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => prepareSqlite(await inner.connect()),
    connectToShadowDb: async () => prepareSqlite(await inner.connectToShadowDb()),
  }
}

/**
 * The service's SQLite connection, opened again after the file failed it. An open connection
 * goes on reading the file it opened (from its cache, even from a deleted inode) and reports
 * a broken disk only as I/O errors on some statements; after such an error, or when the
 * owner calls reset() (the readiness check found the file unreadable), the connection is
 * closed and the next statement opens the file anew: it fails while the file is unreadable
 * (503) and succeeds once it is back, without a restart. Reopening never creates the file:
 * an empty database in its place would answer "no such table" instead of "unavailable".
 */
export interface ReopeningSqliteFactory extends SqlDriverAdapterFactory {
  reset(): Promise<void>
  /**
   * A token that differs from the last one whenever the database may have changed in
   * between: a write committed by this connection, by another connection or another
   * process, or the connection opened anew. What a read cache validates its entries by.
   */
  version(): Promise<string>
}

/** A service connection to SQLite, with what the read cache needs of it. */
interface SqliteConnection extends SqlDriverAdapter {
  /**
   * SQLite's PRAGMA data_version: it changes when another connection commits to the file
   * (not when this one does), and a new connection numbers anew.
   */
  dataVersion(): number
}

const SQLITE_HEADER = 'SQLite format 3\u0000'

/**
 * The file can be read and is a SQLite database; otherwise rejects with SQLite's code for
 * it, SQLITE_CANTOPEN (missing, no permission, EIO: the OS error is the cause) or SQLITE_NOTADB.
 */
export async function assertSqliteHeader(path: string): Promise<void> {
  const failure = (code: string, message: string, cause?: unknown) => Object.assign(new Error(message, { cause }), { code })
  let header: Buffer
  try {
    const file = await open(path, 'r')
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(SQLITE_HEADER.length), 0, SQLITE_HEADER.length, 0)
      header = buffer.subarray(0, bytesRead)
    } finally {
      await file.close()
    }
  } catch (error) {
    throw failure('SQLITE_CANTOPEN', `cannot read the SQLite database ${path}`, error)
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw failure('SQLITE_NOTADB', `${path} is not a SQLite database`)
}

export function reopeningSqliteAdapterFactory(path: string, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS): ReopeningSqliteFactory {
  const first = sqliteAdapterFactory(path, busyTimeoutMs)
  const again = sqliteAdapterFactory(path, busyTimeoutMs, { fileMustExist: true })
  let current: Promise<SqliteConnection> | undefined
  let opened = false
  // Counts what this process did that may have changed the database (data_version cannot
  // tell): every statement but a plain SELECT outside a transaction, every transaction once
  // it has ended (a read made on the connection meanwhile may have seen its uncommitted
  // writes), and every close (the next connection's data_version is not comparable).
  let changes = 0
  const close = async (connection: Promise<SqliteConnection>) => {
    if (current !== connection) return
    current = undefined
    changes++
    await (await connection.catch(() => undefined))?.dispose()
  }
  const connection = (): Promise<SqliteConnection> => {
    if (current === undefined) {
      // A file that is not a database is never opened: SQLite would take the -wal file left
      // beside it by the database that was there for its own, and delete it on closing.
      const opening = opened ? assertSqliteHeader(path).then(() => again.connect()) : first.connect()
      opened = true
      current = opening
      // a file that cannot be opened now may be back by the next statement
      opening.catch(() => void close(opening))
    }
    return current
  }
  const guarded =
    <A extends unknown[], R>(call: (adapter: SqliteConnection, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const opening = connection()
      try {
        return await call(await opening, ...args)
      } catch (error) {
        if (needsReopen(error)) await close(opening)
        throw error
      }
    }
  const counted = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run()
    } finally {
      changes++
    }
  }
  const ended = (transaction: Transaction): Transaction =>
    override(transaction, {
      commit: () => counted(() => transaction.commit()),
      rollback: () => counted(() => transaction.rollback()),
    })
  return {
    provider: 'sqlite',
    adapterName: '@prisma/adapter-better-sqlite3',
    reset: async () => {
      if (current) await close(current)
    },
    version: guarded(async (a) => `${changes}.${a.dataVersion()}`),
    connect: async () => {
      const adapter = await connection()
      const info = adapter.getConnectionInfo?.()
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: guarded((a, query: SqlQuery) => (PLAIN_SELECT.test(query.sql) ? a.queryRaw(query) : counted(() => a.queryRaw(query)))),
        executeRaw: guarded((a, query: SqlQuery) => counted(() => a.executeRaw(query))),
        executeScript: guarded((a, script: string) => counted(() => a.executeScript(script))),
        startTransaction: guarded(async (a, isolationLevel?: IsolationLevel) => ended(await a.startTransaction(isolationLevel))),
        ...(info ? { getConnectionInfo: () => info } : {}),
        dispose: async () => {
          if (current) await close(current)
        },
      }
    },
  }
}

// A read: Prisma's queries that change nothing start so; anything else counts as a change.
const PLAIN_SELECT = /^\s*SELECT\s/i

// Statements kept prepared per connection: Prisma's queries repeat a small set of SQL texts,
// and the hot reads (select.ts) a handful more. Bounded, since an IN list of another length
// is another text.
const STATEMENT_CACHE_SIZE = 256

interface CachedStatement {
  statement: Statement
  columns?: ReturnType<Statement['columns']>
}

/**
 * A statement cache in the adapter. @prisma/adapter-better-sqlite3 prepares every query
 * anew and binds its arguments to the statement for good (`prepare(sql).bind(args)`),
 * which took about half of a primary-key lookup's time (and `columns()` as much again).
 * Its connection's prepare() is replaced by one that hands out a cached statement behind
 * the few methods the adapter calls (bind, reader, columns, raw().all, run), with the
 * arguments passed per call instead of bound. The adapter is pinned to an exact version;
 * test/db/select.test.ts drives the cache with the calls the adapter makes, and the service's
 * connection with statements run again with other arguments.
 */
export function cacheStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = client.prepare.bind(client)
  const cache = new Map<string, CachedStatement>()
  const handle = (entry: CachedStatement, args: unknown[]) => ({
    reader: entry.statement.reader,
    bind: (bound: unknown[]) => handle(entry, bound),
    columns: () => {
      entry.columns ??= entry.statement.columns()
      return entry.columns
    },
    raw: () => ({ all: () => entry.statement.raw(true).all(...args) }),
    run: () => entry.statement.run(...args),
  })
  client.prepare = ((sql: string) => {
    let entry = cache.get(sql)
    if (entry) {
      // most recently used last, so that the oldest is the first key
      cache.delete(sql)
    } else {
      entry = { statement: prepare(sql) }
      if (cache.size >= size) cache.delete(cache.keys().next().value as string)
    }
    cache.set(sql, entry)
    return handle(entry, [])
  }) as unknown as Database.Database['prepare']
}

async function prepareSqlite(adapter: SqlDriverAdapter): Promise<SqliteConnection> {
  let dataVersion: Statement
  try {
    const client = (adapter as unknown as { client: Database.Database }).client
    dataVersion = client.prepare('PRAGMA data_version').pluck()
    cacheStatements(client)
    await adapter.executeScript(SQLITE_PRAGMAS)
  } catch (error) {
    // a file that opens but is not a database: without this, every retry would keep one
    // more descriptor open
    await adapter.dispose()
    throw error
  }
  // the proxy adds dataVersion to the adapter
  return override(adapter as SqliteConnection, {
    dataVersion: () => dataVersion.get() as number,
    // Engine bug: the shadow database replays each migration with executeRaw(whole script),
    // and better-sqlite3 refuses more than one statement per prepare().
    executeRaw: async (query) => {
      try {
        return await adapter.executeRaw(query)
      } catch (error) {
        if (query.args.length === 0 && error instanceof RangeError && /more than one statement/.test(error.message)) {
          await adapter.executeScript(query.sql)
          return 0
        }
        throw error
      }
    },
  })
}

export interface PostgresPoolOptions {
  connectTimeoutMs: number
  statementTimeoutMs: number
  poolMax: number
}

export function postgresAdapterFactory(url: string, pool?: PostgresPoolOptions): SqlMigrationAwareDriverAdapterFactory {
  if (pool === undefined) return new PrismaPg({ connectionString: url })
  return new PrismaPg({
    connectionString: url,
    max: pool.poolMax,
    // bounds both opening a connection and waiting for a free one: a stopped or
    // black-holed server fails the request instead of queueing it for ever
    connectionTimeoutMillis: pool.connectTimeoutMs,
    // the server cancels a slow statement; the client gives up on a server that stopped
    // answering altogether, which statement_timeout cannot notice
    statement_timeout: pool.statementTimeoutMs,
    query_timeout: pool.statementTimeoutMs,
    keepAlive: true,
    // An idle connection that dies when the server stops emits the pool's 'error', which
    // ends the process when nobody listens: PrismaPg.connect() listens (the outage test
    // proves it), and the pool opens new connections when the server is back.
  })
}

// Engine bug: its introspection reads pg_catalog's "char" columns (OID 18), which
// @prisma/adapter-pg refuses to map; the values are plain one-letter strings, so declaring
// them text is exact. Only the schema engine's connections use this client.
const PG_CHAR_OID = 18
const PG_TEXT_OID = 25

// pg.Client#query has a dozen overloads (callbacks, promises, submittables); this override
// passes every form through, so it is typed as loosely as pg's own implementation.
/* biome-ignore-start lint/suspicious/noExplicitAny: see above */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): any {
    const last = args.length - 1
    const fix = (result: any): any => {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const field of r?.fields ?? []) {
          if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID
        }
      }
      return result
    }
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void
      args[last] = (err: unknown, res: unknown) => callback(err, err ? res : fix(res))
      return (super.query as (...a: unknown[]) => unknown)(...args)
    }
    const result = (super.query as (...a: unknown[]) => any)(...args)
    return typeof result?.then === 'function' ? result.then(fix) : result
  }
}
/* biome-ignore-end lint/suspicious/noExplicitAny: see above */

export function postgresMigrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const connect = (connectionString: string): Promise<SqlDriverAdapter> =>
    new PrismaPg({ connectionString, Client: CharAsTextClient } as pg.PoolConfig).connect()
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(url),
    // Engine/adapter bug: PrismaPg.connectToShadowDb() creates a scratch database but then
    // connects with the original connection string, so the "shadow" replay would run against
    // the main database. Connect to the scratch database by name and drop it afterwards.
    connectToShadowDb: async () => {
      const admin = await connect(url)
      const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`
      await admin.executeScript(`CREATE DATABASE "${name}"`)
      const shadowUrl = new URL(url)
      shadowUrl.pathname = `/${name}`
      let shadow: SqlDriverAdapter
      try {
        shadow = await connect(shadowUrl.toString())
      } catch (error) {
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`)
        await admin.dispose()
        throw error
      }
      return override(shadow, {
        dispose: async () => {
          await shadow.dispose()
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
          await admin.dispose()
        },
      })
    },
  }
}

// Adapters keep state in private fields, so methods are bound to the original object
// rather than copied onto a new one.
export function override<T extends object>(adapter: T, overrides: Partial<T>): T {
  return new Proxy(adapter, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return (overrides as Record<PropertyKey, unknown>)[prop]
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
