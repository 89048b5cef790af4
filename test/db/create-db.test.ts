import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { isDatabaseUnavailable } from '../../src/db/errors.js'
import { createDb, type Db } from '../../src/db/index.js'
import { migrate } from '../../src/db/migrate.js'
import { moduleUrl, runChild } from './fixtures/helpers.js'

async function freshDb(t: Test): Promise<{ db: Db; url: string }> {
  const url = `file:${join(t.testdir(), 'data', 'app.db')}`
  await migrate(url)
  const db = await createDb(url)
  t.teardown(() => db.close())
  return { db, url }
}

function user(id: string, email: string) {
  const now = new Date()
  return { id, email, name: 'Ada', passwordHash: 'not-a-real-hash', createdAt: now, updatedAt: now }
}

t.test('the connection runs in WAL mode with synchronous=NORMAL and foreign keys on', async (t) => {
  const { db } = await freshDb(t)
  t.equal(db.provider, 'sqlite')
  await db.ping()
  const pragma = async (name: string) =>
    Object.values((await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${name}`))[0] ?? {})[0]
  t.equal(await pragma('journal_mode'), 'wal')
  t.equal(Number(await pragma('synchronous')), 1, 'NORMAL')
  t.equal(Number(await pragma('foreign_keys')), 1)
  t.ok(Number(await pragma('busy_timeout')) > 0, 'waits for other processes instead of failing at once')
})

t.test('a duplicate email is Prisma error P2002', async (t) => {
  const { db } = await freshDb(t)
  await db.prisma.user.create({ data: user('u1', 'ada@example.com') })
  await t.rejects(db.prisma.user.create({ data: user('u2', 'ada@example.com') }), { code: 'P2002' })
})

t.test('DateTime values round-trip with millisecond precision', async (t) => {
  const { db } = await freshDb(t)
  const created = new Date('2024-02-29T23:59:59.123Z')
  await db.prisma.user.create({ data: { ...user('u1', 'a@example.com'), createdAt: created } })
  const found = await db.prisma.user.findUniqueOrThrow({ where: { id: 'u1' } })
  t.equal(found.createdAt.toISOString(), created.toISOString())
})

t.test('a committed write survives kill -9 of the writing process', async (t) => {
  const url = `file:${join(t.testdir(), 'crash.db')}`
  await migrate(url)
  const code = `
    import { createDb } from ${JSON.stringify(moduleUrl('src/db/index.ts'))}
    const db = await createDb(${JSON.stringify(url)})
    const now = new Date()
    await db.prisma.user.create({ data: { id: 'survivor', email: 's@example.com', name: 'S',
      passwordHash: 'x', createdAt: now, updatedAt: now } })
    console.log('committed')
    setInterval(() => {}, 1000)`
  const result = await runChild(code, (line, kill) => {
    if (line === 'committed') kill()
  })
  t.equal(result.signal, 'SIGKILL', result.stderr)
  const db = await createDb(url)
  t.teardown(() => db.close())
  t.equal((await db.prisma.user.findUnique({ where: { id: 'survivor' } }))?.email, 's@example.com')
})

t.test('an unsupported URL scheme throws an error naming DATABASE_URL', async (t) => {
  const error = await createDb('mysql://user:secret@localhost/app').then(
    () => null,
    (e: unknown) => e,
  )
  t.type(error, Error)
  t.match((error as Error).message, /DATABASE_URL/)
  t.notMatch((error as Error).message, /secret/, 'does not echo a password from the URL')
  await t.rejects(createDb('not a url'), /DATABASE_URL/)
})

t.test('a file that goes away fails ping and queries as unavailable, and is reopened when it is back', async (t) => {
  const { db, url } = await freshDb(t)
  await db.prisma.user.create({ data: user('u1', 'ada@example.com') })
  const path = url.slice('file:'.length)
  await rename(path, `${path}.away`)
  const pinged = await db.ping().then(
    () => null,
    (e: unknown) => e,
  )
  t.ok(pinged, 'ping fails while the file is gone')
  const queried = await db.prisma.user.count().then(
    () => null,
    (e: unknown) => e,
  )
  t.ok(isDatabaseUnavailable(queried), 'a query fails as unavailable: the file is not silently created empty')
  await rename(`${path}.away`, path)
  await db.ping()
  t.equal(await db.prisma.user.count(), 1, 'the same client reads the file again')
})

t.test('a file replaced by one that is not a database answers unavailable until the database is back', async (t) => {
  const { db, url } = await freshDb(t)
  await db.prisma.user.create({ data: user('u1', 'ada@example.com') })
  const path = url.slice('file:'.length)
  await rename(path, `${path}.away`)
  await writeFile(path, 'not a database, but long enough to have a header of sorts\n'.repeat(100))
  await t.rejects(db.ping(), { code: 'SQLITE_NOTADB' })
  for (let i = 0; i < 3; i++) {
    const error = await db.prisma.user.count().then(
      () => null,
      (e: unknown) => e,
    )
    t.ok(isDatabaseUnavailable(error), `query #${i} fails as unavailable`)
  }
  await rename(`${path}.away`, path)
  await db.ping()
  t.equal(await db.prisma.user.count(), 1)
})
