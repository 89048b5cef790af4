// The one database factory: DATABASE_URL → a Prisma client for that provider.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaClient } from '../../generated/prisma/sqlite/client.js'
import type { DatabaseOptions } from '../config.js'
import { assertSqliteHeader, postgresAdapterFactory, reopeningSqliteAdapterFactory, SQLITE_BUSY_TIMEOUT_MS } from './adapters.js'
import { withQueryMetrics } from './metrics.js'
import { createCachedSelect, createSelect, createTransact, type Select, sharingConnection, type Transact } from './select.js'
import { parseDatabaseUrl, type Provider } from './url.js'

export { PrismaClient }
export type { Provider }
export { migrate, type MigrateOptions } from './migrate.js'

export interface Db {
  // Typed as the SQLite client: both generated clients have the same model API.
  prisma: PrismaClient
  provider: Provider
  /** The hot reads, through the client's own driver adapter (see select.ts). */
  select: Select
  /**
   * `select` behind a read cache on SQLite (createCachedSelect), where every connection
   * can tell when the file changed; on PostgreSQL, which several instances share and which
   * could tell only at the cost of a query, `select` itself.
   */
  cachedSelect: Select
  /** A transaction of such SQL, for the hot write (see select.ts). */
  transaction: Transact
  /**
   * Rejects when the database does not answer a trivial query within timeoutMs, or (SQLite)
   * its file cannot be read.
   */
  ping(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function createDb(databaseUrl: string, options?: DatabaseOptions): Promise<Db> {
  const target = parseDatabaseUrl(databaseUrl)
  let prisma: PrismaClient
  let connected: ReturnType<typeof sharingConnection>['connected']
  let checkFile = async (): Promise<void> => {}
  let version: (() => Promise<string>) | undefined
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.path), { recursive: true })
    const adapter = reopeningSqliteAdapterFactory(target.path, options?.statementTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS)
    const shared = sharingConnection(adapter)
    connected = shared.connected
    prisma = new PrismaClient({ adapter: shared.factory })
    version = adapter.version
    const path = target.path
    // `SELECT 1` is answered without the file, from an open connection; reading the header
    // proves the file is still there and readable, and when it is not, the connection is
    // dropped so that requests answer 503 too instead of serving a cache.
    checkFile = async () => {
      try {
        await assertSqliteHeader(path)
      } catch (error) {
        await adapter.reset()
        throw error
      }
    }
  } else {
    // Loaded on demand: a SQLite deployment never needs the PostgreSQL client.
    const { PrismaClient: PgPrismaClient } = await import('../../generated/prisma/postgresql/client.js')
    const shared = sharingConnection(postgresAdapterFactory(target.url, options))
    connected = shared.connected
    prisma = new PgPrismaClient({ adapter: shared.factory }) as unknown as PrismaClient
  }
  try {
    await prisma.$connect()
    if (target.provider === 'sqlite') await assertWal(prisma)
  } catch (error) {
    await prisma.$disconnect()
    throw error
  }
  const measured = withQueryMetrics(prisma)
  const select = createSelect(target.provider, connected)
  return {
    prisma: measured,
    provider: target.provider,
    select,
    cachedSelect: version ? createCachedSelect(select, version) : select,
    transaction: createTransact(target.provider, connected),
    ping: async (timeoutMs) => {
      const query = checkFile().then(() => prisma.$queryRawUnsafe('SELECT 1'))
      if (timeoutMs === undefined) {
        await query
        return
      }
      // a black-holed server never refuses: only a deadline of our own ends the wait
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DatabaseTimeoutError(`the database did not answer within ${timeoutMs} ms`)), timeoutMs)
      })
      query.catch(() => {})
      try {
        await Promise.race([query, deadline])
      } finally {
        clearTimeout(timer)
      }
    },
    close: () => prisma.$disconnect(),
  }
}

/** The database did not answer in time; classified as unavailable (ETIMEDOUT). */
export class DatabaseTimeoutError extends Error {
  override name = 'DatabaseTimeoutError'
  readonly code = 'ETIMEDOUT'
}

// Some filesystems (network mounts) cannot hold a WAL; SQLite then silently keeps its
// rollback journal, and the concurrency and durability this service assumes are gone.
async function assertWal(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode')
  if (row?.journal_mode !== 'wal') {
    throw new Error(`SQLite database could not switch to WAL mode (journal_mode=${String(row?.journal_mode)})`)
  }
}
