// `npm run backup`: a consistent online copy of the SQLite database, taken while four
// clients keep writing through the real server, that restores as the README says.
import { execFile, spawn } from 'node:child_process'
import { copyFile, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { uninstrumented } from '../helpers/child-env.js'
import { type E2eServer, projectRoot, request, startServer } from '../helpers/e2e-server.js'
import { eventually } from '../helpers/outage.js'
import { scratchPostgres } from '../helpers/postgres.js'
import { migrate } from '../../src/db/migrate.js'

const CLIENTS = 4

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function runBackup(databaseUrl: string, args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', ...args], {
      cwd: projectRoot,
      env: uninstrumented({ ...process.env, DATABASE_URL: databaseUrl }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A client creating users one after another until told to stop; appends the id of each 201 to `acks`. */
async function writer(t: Test, server: E2eServer, client: number, acks: string[], stop: { now: boolean }): Promise<void> {
  for (let i = 0; !stop.now; i++) {
    const response = await request(t, server, 'POST', '/api/users', {
      body: { email: `c${client}-${i}@example.com`, name: `Client ${client} #${i}`, password: 'correct horse' },
    })
    if (response.status !== 201) throw new Error(`client ${client}: create answered ${response.status} ${response.text}`)
    acks.push(response.json.id)
  }
}

t.test('a backup taken under writes is consistent, complete up to its start, and restores', async (t) => {
  const dir = t.testdir()
  const databaseUrl = `file:${join(dir, 'users.db')}`
  const backupFile = join(dir, 'backup.db')
  const server = await startServer(t, databaseUrl)

  const acks: string[] = []
  const stop = { now: false }
  const writers = Array.from({ length: CLIENTS }, (_, client) => writer(t, server, client, acks, stop))
  // the users acknowledged before the backup began: the ones in `acks` when it was started
  let before: string[] = []
  let result: Result = { code: null, stdout: '', stderr: '' }
  try {
    await eventually('the clients have written some users', async () => acks.length >= 40)
    before = [...acks]
    result = await runBackup(databaseUrl, [backupFile])
    const atEnd = acks.length
    // the service kept serving writes all along, and goes on after the backup
    await eventually('more users are written after the backup', async () => acks.length >= atEnd + 10)
  } finally {
    stop.now = true
    await Promise.all(writers)
  }
  t.equal(result.code, 0, `the backup succeeded ${result.stderr}`)
  t.match(result.stdout, /backed up .* to .*: \d+ pages, \d+ bytes, \d+ ms, integrity ok/, 'it reports what it copied')
  t.ok(acks.length > before.length, 'writes were acknowledged while the backup ran or after it')

  const copy = new Database(backupFile, { readonly: true })
  let inCopy: Set<string>
  try {
    t.equal(copy.pragma('integrity_check', { simple: true }), 'ok', 'PRAGMA integrity_check on the copy: ok')
    inCopy = new Set((copy.prepare('SELECT id FROM User').all() as Array<{ id: string }>).map((r) => r.id))
  } finally {
    copy.close()
  }
  t.ok(before.length >= 40, `${before.length} users were acknowledged before the backup began`)
  t.same(
    before.filter((id) => !inCopy.has(id)),
    [],
    'every user acknowledged before the backup began is in the copy',
  )

  const again = await runBackup(databaseUrl, [backupFile])
  t.equal(again.code, 1, 'an existing file is not replaced')
  t.match(again.stderr, /exists; pass --force/)
  const forced = await runBackup(databaseUrl, ['--force', backupFile])
  t.equal(forced.code, 0, `--force replaces it ${forced.stderr}`)
  const usage = await runBackup(databaseUrl, [])
  t.equal(usage.code, 2, 'no file: usage')

  // restore as the README says: stop the service, put the copy in place, remove the old
  // -wal and -shm files, start the service
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0)
  const live = join(dir, 'users.db')
  await copyFile(backupFile, live)
  await rm(`${live}-wal`, { force: true })
  await rm(`${live}-shm`, { force: true })
  const restored = await startServer(t, databaseUrl)
  const sample = before[Math.floor(before.length / 2)]!
  const user = await request(t, restored, 'GET', `/api/users/${sample}`)
  t.equal(user.status, 200, 'a user from before the backup reads back from the restored database')
  const created = await request(t, restored, 'POST', '/api/users', {
    body: { email: 'restored@example.com', name: 'R', password: 'correct horse' },
  })
  t.equal(created.status, 201, 'the restored database takes writes')
  await restored.stop('SIGTERM')
})

t.test('with PostgreSQL, the backup is a pg_dump archive that pg_restore reads', async (t) => {
  const databaseUrl = await scratchPostgres(t)
  await migrate(databaseUrl)
  const file = join(t.testdir(), 'users.dump')
  const result = await runBackup(databaseUrl, [file])
  t.equal(result.code, 0, `pg_dump ran ${result.stderr}`)
  t.equal((await readFile(file)).subarray(0, 5).toString('latin1'), 'PGDMP', 'a custom-format archive')
  const listing = await promisify(execFile)('pg_restore', ['--list', file])
  t.match(listing.stdout, /TABLE public User\b/, 'pg_restore lists the User table')
})
