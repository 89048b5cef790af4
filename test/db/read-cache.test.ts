import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { reopeningSqliteAdapterFactory } from '../../src/db/adapters.js'
import { createDb, type Db, migrate } from '../../src/db/index.js'
import { createCachedSelect, type QueryLabel, type SqlValue } from '../../src/db/select.js'
import { build, createUser, issueKey } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

const LABEL: QueryLabel = { model: 'User', action: 'findUnique' }
const BY_ID = 'SELECT "id", "name", "version" FROM "User" WHERE "id" = $1'

interface Row {
  id: string
  name: string
  version: number
}

async function sqliteDb(t: Test, path: string): Promise<Db> {
  const db = await createDb(`file:${path}`)
  t.teardown(() => db.close())
  return db
}

async function withUser(t: Test): Promise<{ path: string; db: Db }> {
  const path = join(t.testdir(), 'app.db')
  await migrate(`file:${path}`)
  const db = await sqliteDb(t, path)
  const at = new Date()
  await db.prisma.user.create({
    data: { id: 'u1', email: 'u1@example.com', name: 'First', passwordHash: 'x', createdAt: at, updatedAt: at },
  })
  return { path, db }
}

const read = (db: Db) => db.cachedSelect<Row>(BY_ID, ['u1'], LABEL)

t.test('SQLite: a repeated read is answered from the cache until the database changes', async (t) => {
  t.test('the same rows as select, then the same (frozen) rows without a query', async (t) => {
    const { db } = await withUser(t)
    const first = await read(db)
    t.same(first, await db.select<Row>(BY_ID, ['u1'], LABEL))
    t.equal(await read(db), first, 'the second read returns the cached rows themselves')
    t.ok(Object.isFrozen(first) && Object.isFrozen(first[0]), 'callers share them, so nobody may change them')
  })

  t.test('a write through this connection: Prisma Client, a raw statement, the hot write', async (t) => {
    const { db } = await withUser(t)
    const before = await read(db)
    await db.prisma.user.update({ where: { id: 'u1' }, data: { name: 'Second' } })
    t.equal((await read(db))[0]?.name, 'Second', 'Prisma Client')
    await db.prisma.$executeRawUnsafe(`UPDATE "User" SET "name" = 'Third' WHERE "id" = 'u1'`)
    t.equal((await read(db))[0]?.name, 'Third', 'raw SQL')
    await db.transaction((tx) => tx.execute('UPDATE "User" SET "name" = $1 WHERE "id" = $2', ['Fourth', 'u1'], LABEL))
    t.equal((await read(db))[0]?.name, 'Fourth', 'the hot write')
    t.not(await read(db), before)
  })

  t.test('a read made while a transaction is open is not kept past its rollback', async (t) => {
    const { db } = await withUser(t)
    const seen = db.transaction(async (tx) => {
      await tx.execute('UPDATE "User" SET "name" = $1 WHERE "id" = $2', ['Uncommitted', 'u1'], LABEL)
      // on the one SQLite connection, a read beside the transaction sees its writes (a read
      // cached before it began would still give the committed row)
      const during = await read(db)
      throw Object.assign(new Error('roll back'), { during })
    })
    const error = (await seen.catch((e: unknown) => e)) as Error & { during: Row[] }
    t.equal(error.during[0]?.name, 'Uncommitted', 'the read beside the transaction saw its write')
    t.equal((await read(db))[0]?.name, 'First', 'after the rollback, the committed row')
  })

  t.test('a write by another connection or process to the file', async (t) => {
    const { path, db } = await withUser(t)
    await read(db)
    const other = new Database(path)
    t.teardown(() => other.close())
    other.prepare(`UPDATE "User" SET "name" = 'Elsewhere', "version" = "version" + 1 WHERE "id" = 'u1'`).run()
    t.same(await read(db), [{ id: 'u1', name: 'Elsewhere', version: 2 }])
    const again = await sqliteDb(t, path)
    await again.prisma.user.delete({ where: { id: 'u1' } })
    t.same(await read(db), [], 'a row deleted elsewhere is gone at once')
  })
})

t.test('SQLite: a connection opened anew moves the version, though its data_version numbers afresh', async (t) => {
  const { path } = await withUser(t)
  const factory = reopeningSqliteAdapterFactory(path)
  t.teardown(() => factory.reset())
  const before = await factory.version()
  t.equal(await factory.version(), before, 'unchanged while nothing changes')
  await factory.reset()
  t.not(await factory.version(), before, 'the next statement opens the file again')
})

t.test('the cache itself, driven by a version and a select of the test', async (t) => {
  let version = 'v1'
  let queries = 0
  let during: (() => void) | undefined
  const select = async <R>(_sql: string, values: SqlValue[]): Promise<R[]> => {
    queries++
    during?.()
    return [{ value: `${values[0]}@${version}` }] as R[]
  }
  const cached = createCachedSelect(select, async () => version, 2)

  t.test('kept while the version stays; emptied when it moves', async (t) => {
    t.same(await cached('Q', ['a'], LABEL), [{ value: 'a@v1' }])
    await cached('Q', ['a'], LABEL)
    t.equal(queries, 1)
    version = 'v2'
    t.same(await cached('Q', ['a'], LABEL), [{ value: 'a@v2' }])
    t.equal(queries, 2)
  })

  t.test('rows read while another call saw a newer version are not kept', async (t) => {
    queries = 0
    // the version moves while 'b' is being read, and another call sees it meanwhile
    during = () => {
      during = undefined
      version = 'v3'
      void cached('Q', ['c'], LABEL)
    }
    await cached('Q', ['b'], LABEL)
    t.same(await cached('Q', ['b'], LABEL), [{ value: 'b@v3' }], 'read again under the new version')
    t.equal(queries, 3, "b twice and c once: b's first rows were not kept")
  })

  t.test('at most `capacity` entries, the oldest dropped first', async (t) => {
    version = 'v4'
    queries = 0
    for (const key of ['x', 'y', 'z']) await cached('Q', [key], LABEL)
    await cached('Q', ['z'], LABEL)
    await cached('Q', ['y'], LABEL)
    t.equal(queries, 3, 'the two newest are held')
    await cached('Q', ['x'], LABEL)
    t.equal(queries, 4, 'the oldest was dropped')
  })

  t.test('a read that found nothing is not kept: unknown keys cannot fill the cache', async (t) => {
    version = 'v6'
    const empty = createCachedSelect(
      async <R>() => {
        queries++
        return [] as R[]
      },
      async () => version,
    )
    queries = 0
    await empty('Q', ['unknown'], LABEL)
    await empty('Q', ['unknown'], LABEL)
    t.equal(queries, 2)
  })

  t.test('the arguments and the SQL are both part of the key', async (t) => {
    version = 'v5'
    queries = 0
    await cached('Q', ['1'], LABEL)
    await cached('Q', [1], LABEL)
    await cached('R', ['1'], LABEL)
    t.equal(queries, 3)
  })
})

// Two instances on one SQLite file (two processes, as an operator may run them): each has its
// own connection, so each must notice the other's writes at once.
t.test('two instances on one SQLite file: keys, ETags and If-Match stay exact', async (t) => {
  const dir = t.testdir()
  const a = await build(t, {}, dir)
  const b = await build(t, {}, dir)
  const key = await issueKey(a, ['users:read', 'users:write'])
  const user = await createUser(a)
  const url = `/api/users/${user.id}`
  const first = await b.request({ method: 'GET', url, as: key })
  t.equal(first.statusCode, 200)
  await b.request({ method: 'GET', url, as: key })
  const etag = first.headers.etag as string

  const renamed = await a.request({
    method: 'PATCH',
    url,
    as: key,
    headers: { 'content-type': 'application/merge-patch+json' },
    payload: { name: 'Renamed elsewhere' },
  })
  t.equal(renamed.statusCode, 200)
  const after = await b.request({ method: 'GET', url, as: key, headers: { 'if-none-match': etag } })
  t.equal(after.statusCode, 200, 'the old ETag no longer matches on the other instance')
  t.equal(after.json().name, 'Renamed elsewhere')
  t.equal(after.headers.etag, renamed.headers.etag)
  const stale = await b.request({
    method: 'PATCH',
    url,
    as: key,
    headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
    payload: { name: 'Lost update' },
  })
  t.equal(stale.statusCode, 412, 'If-Match with the old ETag fails on the other instance')

  const keys = await a.request({ method: 'GET', url: '/api/keys' })
  const [issued] = keys.json().data as Array<{ id: string }>
  t.equal((await a.request({ method: 'DELETE', url: `/api/keys/${issued?.id}` })).statusCode, 204)
  t.equal(
    (await b.request({ method: 'GET', url, as: key })).statusCode,
    401,
    'a key revoked on one instance is refused on the other at once',
  )
  t.equal((await a.request({ method: 'GET', url, as: key })).statusCode, 401)

  const deleted = await b.request({ method: 'DELETE', url })
  t.equal(deleted.statusCode, 204)
  t.equal((await a.request({ method: 'GET', url })).statusCode, 404, 'a user deleted on one instance is gone on the other')
})

t.test('PostgreSQL: no cache, since the database cannot tell cheaply what changed', async (t) => {
  const url = await scratchPostgres(t)
  await migrate(url)
  const db = await createDb(url)
  t.teardown(() => db.close())
  t.equal(db.cachedSelect, db.select)
})
