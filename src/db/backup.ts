// Online backups of the SQLite database: SQLite's backup API copies the pages of one read
// transaction, so the copy is the database as it was at one instant, while the service goes
// on writing (WAL mode: a reader neither waits for writers nor blocks them).
import { link, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_BUSY_TIMEOUT_MS } from './adapters.js'

export interface BackupSummary {
  pages: number
  bytes: number
  durationMs: number
}

export class BackupError extends Error {
  override name = 'BackupError'
}

// Everything in one step: copied in smaller steps, the backup starts again whenever a
// writer commits between two of them, and under steady writes it might never finish.
const ALL_PAGES = 0x7fffffff

/** Copies the SQLite database at `source` into the new file `target` (replaced only with `force`). */
export async function backupSqlite(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  const started = performance.now()
  if (!options.force && (await exists(target))) throw new BackupError(`${target} exists; pass --force to replace it`)
  // written beside the target and moved into place when complete: a backup interrupted
  // halfway never looks like a good one
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`)
  const db = new Database(source, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS })
  try {
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES })
    const check = new Database(partial, { readonly: true })
    try {
      const result = check.pragma('integrity_check', { simple: true })
      if (result !== 'ok') throw new BackupError(`the copy failed its integrity check: ${String(result)}`)
    } finally {
      check.close()
    }
    if (options.force) await rm(target, { force: true })
    // link() fails when the target appeared meanwhile, where rename() would replace it
    await link(partial, target)
    return { pages: totalPages, bytes: (await stat(target)).size, durationMs: Math.round(performance.now() - started) }
  } finally {
    db.close()
    await rm(partial, { force: true })
  }
}

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(
    () => true,
    () => false,
  )
}
