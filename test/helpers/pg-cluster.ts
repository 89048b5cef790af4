// A throwaway PostgreSQL cluster of a test's own (initdb in a temp folder, its own port), so
// that a test may stop, freeze or kill it without harming any other test.
import { execFile } from 'node:child_process'
import { chmod, chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { Test } from 'tap'

const run = promisify(execFile)

// initdb and postgres refuse to run as root; CI runs the tests as root.
const SERVICE_USER = 'postgres'
const asRoot = process.getuid?.() === 0

async function binDir(): Promise<string> {
  try {
    return (await run('pg_config', ['--bindir'])).stdout.trim()
  } catch {
    // pg_config belongs to the development package; the server's binaries are here
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a))
    if (versions[0] === undefined) throw new Error('no PostgreSQL server binaries (pg_config or /usr/lib/postgresql/<version>/bin)')
    return join('/usr/lib/postgresql', versions[0], 'bin')
  }
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface PgCluster {
  /** postgresql:// URL of the database created for the test */
  url: string
  port: number
  start(): Promise<void>
  /** `pg_ctl stop -m immediate`: every connection is cut, as when the server crashes */
  stop(): Promise<void>
  /** SIGSTOP (or SIGCONT) to the postmaster and every backend: the server accepts TCP but never answers */
  freeze(): Promise<void>
  thaw(): Promise<void>
}

/** initdb + start on a free port; stopped and removed when the test ends, even when it fails. */
export async function throwawayCluster(t: Test): Promise<PgCluster> {
  const bin = await binDir()
  const dir = await mkdtemp(join(tmpdir(), 'umapi-pg-'))
  const data = join(dir, 'data')
  const user = asRoot ? SERVICE_USER : userInfo().username
  if (asRoot) {
    const uid = await run('id', ['-u', SERVICE_USER]).then((r) => Number(r.stdout.trim()))
    const gid = await run('id', ['-g', SERVICE_USER]).then((r) => Number(r.stdout.trim()))
    await chown(dir, uid, gid)
    await chmod(dir, 0o700)
  }
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', SERVICE_USER, '--', join(bin, name), ...args]) : run(join(bin, name), args)
  const port = await freePort()
  const pgCtl = (args: string[]) => tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), ...args])
  let running = false

  t.teardown(async () => {
    if (running) await thawAll().catch(() => {})
    await pgCtl(['stop', '-m', 'immediate', '-w']).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  })

  await tool('initdb', ['-D', data, '--auth=trust', `--username=${user}`, '--no-sync', '--encoding=UTF8', '--no-instructions'])
  const start = async () => {
    // fsync off: the cluster is thrown away, and a loaded CI machine starts it faster
    await pgCtl(['start', '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`])
    running = true
  }
  await start()

  const adminUrl = `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/postgres`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('CREATE DATABASE umapi')
  await admin.end()

  async function clusterPids(): Promise<number[]> {
    const postmaster = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
    const children = await run('ps', ['-o', 'pid=', '--ppid', String(postmaster)]).then(
      (r) => r.stdout.split('\n').map(Number).filter(Boolean),
      () => [],
    )
    return [postmaster, ...children]
  }
  async function signalAll(signal: NodeJS.Signals) {
    for (const pid of await clusterPids()) {
      try {
        process.kill(pid, signal)
      } catch {
        // a backend that ended in the meantime
      }
    }
  }
  async function thawAll() {
    await signalAll('SIGCONT')
  }

  return {
    url: `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/umapi`,
    port,
    start,
    stop: async () => {
      await pgCtl(['stop', '-m', 'immediate', '-w'])
      running = false
    },
    freeze: () => signalAll('SIGSTOP'),
    thaw: thawAll,
  }
}
