// Driver adapter factories shared by the app's Prisma client and the wasm schema engine,
// so that both see the same connection settings.
import { randomUUID } from 'node:crypto'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

// Several processes may write the same file; SQLite waits this long for a lock before it
// answers SQLITE_BUSY (the service's DATABASE_STATEMENT_TIMEOUT_MS replaces it).
export const SQLITE_BUSY_TIMEOUT_MS = 10_000

// WAL lets readers run while one process writes; synchronous=NORMAL keeps every committed
// transaction across a process crash (kill -9) and only risks the last ones on power loss,
// for about 7x the insert rate of the default. journal_mode is stored in the file; the other
// two are per connection, hence set on each one.
const SQLITE_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;'

export function sqliteAdapterFactory(path: string, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => prepareSqlite(await inner.connect()),
    connectToShadowDb: async () => prepareSqlite(await inner.connectToShadowDb()),
  }
}

async function prepareSqlite(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
  await adapter.executeScript(SQLITE_PRAGMAS)
  return override(adapter, {
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
export function override(adapter: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return (overrides as Record<PropertyKey, unknown>)[prop]
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
