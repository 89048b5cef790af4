// `npm run backup -- [--force] <file>`: an online copy of the service's database, taken
// while it keeps serving. Reads DATABASE_URL as the server does. See "Backups" in the README.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { DEFAULT_DATABASE_URL } from '../src/config.js'
import { BackupError, backupSqlite } from '../src/db/backup.js'
import { parseDatabaseUrl } from '../src/db/url.js'

const usage = 'usage: npm run backup -- [--force] <file>\n'

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force')
  const files = argv.filter((a) => a !== '--force')
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    process.stderr.write(usage)
    return 2
  }
  const file = files[0]!
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL)
  if (target.provider === 'postgresql') return await pgDump(target.url, file, force)
  try {
    const summary = await backupSqlite(target.path, file, { force })
    process.stdout.write(
      `backed up ${target.path} to ${file}: ${summary.pages} pages, ${summary.bytes} bytes, ${summary.durationMs} ms, integrity ok\n`,
    )
    return 0
  } catch (error) {
    process.stderr.write(`backup failed: ${error instanceof BackupError ? error.message : String(error)}\n`)
    return 1
  }
}

// PostgreSQL has its own online backup: pg_dump reads one consistent snapshot. Its custom
// format restores with pg_restore, table by table and in parallel.
async function pgDump(url: string, file: string, force: boolean): Promise<number> {
  if (!force && existsSync(file)) {
    process.stderr.write(`backup failed: ${file} exists; pass --force to replace it\n`)
    return 1
  }
  const args = ['--format=custom', `--file=${file}`, '--no-owner', url]
  try {
    const started = performance.now()
    await promisify(execFile)('pg_dump', args)
    process.stdout.write(`pg_dump wrote ${file} in ${Math.round(performance.now() - started)} ms\n`)
    return 0
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    process.stderr.write(
      missing
        ? 'PostgreSQL is backed up with pg_dump, which is not installed here: run\n' +
            '  pg_dump --format=custom --file=<file> "$DATABASE_URL"\n' +
            'where it is (see "Backups" in the README)\n'
        : `pg_dump failed: ${(error as { stderr?: string }).stderr?.trim() || String(error)}\n`,
    )
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
