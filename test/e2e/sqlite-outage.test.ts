// The SQLite file fails a running server: its disk fills up (a small tmpfs), or the disk
// under it fails (an ext4 image on a loop device, shut down with EXT4_IOC_SHUTDOWN, after
// which every read and write of it is an I/O error). The server answers 503 problems, stays
// up, loses nothing it acknowledged, and serves again when the file is back, without a
// restart. Mounting needs root, as CI runs the tests.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { request, startServer } from '../helpers/e2e-server.js'
import { assertUnavailable, createFixture, eventually, everyOperationUnavailable } from '../helpers/outage.js'

const run = promisify(execFile)
const HANG_BOUND_MS = 15_000
const SERVER_ENV = { DATABASE_STATEMENT_TIMEOUT_MS: '2000' }

if (process.getuid?.() !== 0) throw new Error('this test mounts file systems and must run as root (as CI does)')

/**
 * A temp folder and a mount point in it, mounted with `mount <options> <mountPoint>` when
 * options are given; at teardown the mount point is unmounted (lazily: the server may still
 * hold files there) and the folder removed.
 */
async function scratchMount(t: Test, options: string[] = []): Promise<{ dir: string; mountPoint: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'umapi-sqlite-'))
  const mountPoint = join(dir, 'mnt')
  t.teardown(async () => {
    await run('umount', ['-l', mountPoint]).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  })
  await mkdir(mountPoint)
  if (options.length > 0) await run('mount', [...options, mountPoint])
  return { dir, mountPoint }
}

/** Writes zeros into `path` until the file system has no byte left. */
async function fill(path: string): Promise<void> {
  const file = await open(path, 'w')
  try {
    for (let chunk = 1 << 16; chunk >= 1; ) {
      try {
        await file.write(Buffer.alloc(chunk))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        chunk >>= 1
      }
    }
  } finally {
    await file.close()
  }
}

t.test('the disk fills up', async (t) => {
  const { mountPoint: dir } = await scratchMount(t, ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs'])
  const server = await startServer(t, `file:${join(dir, 'users.db')}`, SERVER_ENV)
  const fixture = await createFixture(t, server)

  await fill(join(dir, 'filler'))
  const userPath = `/api/users/${fixture.userId}`
  const writes = [
    { method: 'POST', path: '/api/users', body: { email: 'full@example.com', name: 'Full', password: 'correct horse' } },
    { method: 'PATCH', path: userPath, body: { name: 'Patched while full' } },
    {
      method: 'POST',
      path: '/api/user-imports',
      body: { users: [{ email: 'import@example.com', name: 'Import', password: 'correct horse' }] },
    },
    { method: 'DELETE', path: userPath },
  ]
  for (const { method, path, body } of writes) {
    const response = await request(t, server, method, path, body === undefined ? {} : { body })
    assertUnavailable(t, response, `${method} ${path} with the disk full`)
  }
  // reads need no space: the service keeps serving them, so it stays ready
  const read = await request(t, server, 'GET', userPath)
  t.equal(read.status, 200, 'reads go on while the disk is full')
  t.equal(read.json?.name, 'Ada', 'the failed patch changed nothing')
  t.equal((await request(t, server, 'GET', '/readyz')).status, 200, '/readyz: reads are still served')
  t.equal(server.child.exitCode, null, 'the server is still running')

  await rm(join(dir, 'filler'))
  const created = await request(t, server, 'POST', '/api/users', {
    body: { email: 'full@example.com', name: 'Full', password: 'correct horse' },
  })
  t.equal(created.status, 201, 'once space is freed, the same write succeeds, in the same process')
  const imported = await request(t, server, 'GET', '/api/users?email=import@example.com')
  t.same(imported.json?.data, [], 'the import that failed left nothing behind')
  const list = await request(t, server, 'GET', '/api/users')
  t.same(
    list.json?.data.map((u: { email: string }) => u.email),
    ['ada@example.com', 'full@example.com'],
    'exactly the acknowledged users exist',
  )
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the server shuts down cleanly')
})

t.test('the disk under the file fails, then comes back', async (t) => {
  const { dir, mountPoint } = await scratchMount(t)
  const image = join(dir, 'disk.img')
  await run('truncate', ['-s', '32M', image])
  await run('mkfs.ext4', ['-q', '-F', image])
  await run('mount', ['-o', 'loop', image, mountPoint])
  const server = await startServer(t, `file:${join(mountPoint, 'users.db')}`, SERVER_ENV)
  const fixture = await createFixture(t, server)

  // EXT4_IOC_SHUTDOWN with EXT4_GOING_FLAGS_DEFAULT: sync, then fail every later I/O with EIO,
  // as a disk that died does (Node has no ioctl; Python's fcntl does)
  await run('python3', [
    '-c',
    'import fcntl, os, struct, sys; fcntl.ioctl(os.open(sys.argv[1], os.O_RDONLY), 0x8004587D, struct.pack("I", 0))',
    mountPoint,
  ])

  const started = Date.now()
  const readiness = await request(t, server, 'GET', '/readyz')
  const elapsed = Date.now() - started
  assertUnavailable(t, readiness, '/readyz with the disk failed')
  t.ok(elapsed < 2000, `/readyz answered within 2 s (took ${elapsed} ms)`)
  await everyOperationUnavailable(t, server, fixture, HANG_BOUND_MS)
  t.equal((await request(t, server, 'GET', '/healthz')).status, 200, '/healthz: the process itself is fine')
  t.equal(server.child.exitCode, null, 'the server is still running')

  // the operator replaces the disk: the same image, mounted again
  await run('umount', ['-l', mountPoint])
  await run('mount', ['-o', 'loop', image, mountPoint])
  await eventually('/readyz 200 once the file is back', async () => (await request(t, server, 'GET', '/readyz')).status === 200)
  const user = await request(t, server, 'GET', `/api/users/${fixture.userId}`)
  t.equal(user.status, 200, 'the user acknowledged before the failure is there')
  t.equal(user.json?.email, 'ada@example.com')
  const created = await request(t, server, 'POST', '/api/users', {
    body: { email: 'after@example.com', name: 'After', password: 'correct horse' },
  })
  t.equal(created.status, 201, 'writes succeed again, in the same process')
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the server shuts down cleanly')
})
