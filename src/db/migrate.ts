// Applies the committed migrations of the database's provider (prisma/<provider>/migrations)
// with the wasm schema engine. Runs at every server start, so it must be idempotent and
// tolerate several processes starting at once.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { postgresMigrationAdapterFactory, sqliteAdapterFactory } from './adapters.js'
import { NO_FILTERS, readMigrations, readSchema, withSchemaEngine } from './schema-engine.js'
import { parseDatabaseUrl } from './url.js'

export interface MigrateOptions {
  log?: (msg: string) => void
}

// Long enough for another process to finish applying a migration, short enough that a
// stuck start-up is reported rather than hanging a deployment.
const LOCK_TIMEOUT_MS = 120_000

export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const target = parseDatabaseUrl(databaseUrl)
  const [schema, migrationsList] = await Promise.all([readSchema(target.provider), readMigrations(target.provider)])
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory
  let unlock = async (): Promise<void> => {}
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.path), { recursive: true })
    unlock = await lockSqlite(`${target.path}.migrate-lock`, options.log)
    adapterFactory = sqliteAdapterFactory(target.path)
  } else {
    // The engine serialises PostgreSQL migrations itself, with pg_advisory_lock(72707369)
    // on its own connection; a second lock here would deadlock against it.
    adapterFactory = postgresMigrationAdapterFactory(target.url)
  }
  try {
    // The engine checks the _prisma_migrations table itself: applied migrations are skipped,
    // an edited or failed one stops start-up with the engine's explanation.
    const { appliedMigrationNames } = await withSchemaEngine(
      { schema, adapterFactory, log: (line) => forwardProblems(line, options.log) },
      (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    )
    for (const name of appliedMigrationNames) options.log?.(`applied migration ${name}`)
    return { applied: appliedMigrationNames }
  } finally {
    await unlock()
  }
}

// The engine logs JSON lines at INFO for every step, including whole SQL scripts; a
// start-up log only needs its warnings and errors.
function forwardProblems(line: string, log?: (msg: string) => void): void {
  if (log === undefined) return
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } }
    if (entry.level === 'WARN' || entry.level === 'ERROR') log(`schema engine ${entry.level}: ${entry.fields?.message ?? line.trim()}`)
  } catch {
    log(`schema engine: ${line.trim()}`)
  }
}

// Without a lock two processes both find _prisma_migrations empty, both run the first
// migration, and the loser records it as failed, which blocks every later start (P3009).
// The lock is an exclusive transaction on a side file: SQLite's locks are released by the
// OS when a process dies, so a crashed migrator cannot leave a stale lock behind, and it
// does not touch the main database, whose own locks the engine needs.
async function lockSqlite(lockPath: string, log?: (msg: string) => void): Promise<() => Promise<void>> {
  const db = new Database(lockPath, { timeout: 0 })
  const deadline = Date.now() + LOCK_TIMEOUT_MS
  let waiting = false
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE')
      return async () => {
        db.exec('ROLLBACK')
        db.close()
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) {
        db.close()
        throw new Error(`could not take the migration lock ${lockPath}`, { cause: error })
      }
      if (!waiting) log?.('waiting for another process to finish migrating')
      waiting = true
      // better-sqlite3 waits synchronously; polling keeps the event loop free.
      await sleep(50)
    }
  }
}
