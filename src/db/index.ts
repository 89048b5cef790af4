// The one database factory: DATABASE_URL → a Prisma client for that provider.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaClient } from '../../generated/prisma/sqlite/client.js'
import { postgresAdapterFactory, sqliteAdapterFactory } from './adapters.js'
import { withQueryMetrics } from './metrics.js'
import { parseDatabaseUrl, type Provider } from './url.js'

export { PrismaClient }
export type { Provider }
export { migrate, type MigrateOptions } from './migrate.js'

export interface Db {
  // Typed as the SQLite client: both generated clients have the same model API.
  prisma: PrismaClient
  provider: Provider
  ping(): Promise<void>
  close(): Promise<void>
}

export async function createDb(databaseUrl: string): Promise<Db> {
  const target = parseDatabaseUrl(databaseUrl)
  let prisma: PrismaClient
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.path), { recursive: true })
    prisma = new PrismaClient({ adapter: sqliteAdapterFactory(target.path) })
  } else {
    // Loaded on demand: a SQLite deployment never needs the PostgreSQL client.
    const { PrismaClient: PgPrismaClient } = await import('../../generated/prisma/postgresql/client.js')
    prisma = new PgPrismaClient({ adapter: postgresAdapterFactory(target.url) }) as unknown as PrismaClient
  }
  try {
    await prisma.$connect()
    if (target.provider === 'sqlite') await assertWal(prisma)
  } catch (error) {
    await prisma.$disconnect()
    throw error
  }
  const measured = withQueryMetrics(prisma)
  return {
    prisma: measured,
    provider: target.provider,
    ping: async () => {
      await measured.$queryRawUnsafe('SELECT 1')
    },
    close: () => prisma.$disconnect(),
  }
}

// Some filesystems (network mounts) cannot hold a WAL; SQLite then silently keeps its
// rollback journal, and the concurrency and durability this service assumes are gone.
async function assertWal(prisma: PrismaClient): Promise<void> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode')
  if (row?.journal_mode !== 'wal') {
    throw new Error(`SQLite database could not switch to WAL mode (journal_mode=${String(row?.journal_mode)})`)
  }
}
