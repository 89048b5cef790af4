import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { cacheStatements } from '../../src/db/adapters.js'
import { createDb, type Db, migrate, type Provider } from '../../src/db/index.js'
import { createUsersRepository, type UserRecord } from '../../src/users/repository.js'
import { scratchPostgres } from '../helpers/postgres.js'

async function freshDb(t: Test, provider: Provider): Promise<Db> {
  const url = provider === 'sqlite' ? `file:${join(t.testdir(), 'app.db')}` : await scratchPostgres(t)
  await migrate(url)
  const db = await createDb(url)
  t.teardown(() => db.close())
  return db
}

function user(i: number, createdAt: Date) {
  return {
    id: `0199-${String(i).padStart(4, '0')}`,
    email: `user${String(i % 7)}-${i}@example.com`,
    name: `User ${i % 3}`,
    passwordHash: 'not-a-real-hash',
    createdAt,
    updatedAt: createdAt,
  }
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  t.test(`${provider}: a hot read returns what Prisma Client returns for the same row`, async (t) => {
    const db = await freshDb(t, provider)
    const at = new Date('2026-01-02T03:04:05.678Z')
    await db.prisma.user.create({ data: { ...user(1, at), externalId: 'crm-1', metadata: '{"plan":"pro"}', disabledAt: at } })
    const viaPrisma = await db.prisma.user.findUnique({ where: { id: user(1, at).id } })
    const [viaSelect] = await db.select<UserRecord>('SELECT * FROM "User" WHERE "id" = $1', [user(1, at).id], {
      model: 'User',
      action: 'findUnique',
    })
    t.same(viaSelect, viaPrisma, 'same values, Dates as Date, numbers as numbers, nulls as null')
    t.ok(viaSelect?.createdAt instanceof Date)
    t.equal(typeof viaSelect?.version, 'number')
    // a parameter used twice, and a Date argument compared with a DateTime column
    const rows = await db.select<{ id: string }>(
      'SELECT "id" FROM "User" WHERE "createdAt" >= $1 AND ("createdAt" > $1 OR "id" > $2)',
      [at, ''],
      {
        model: 'User',
        action: 'findMany',
      },
    )
    t.same(
      rows.map((row) => row.id),
      [user(1, at).id],
    )
  })

  t.test(`${provider}: the unfiltered page (a hot read) walks the users as the filtered query does`, async (t) => {
    const db = await freshDb(t, provider)
    const base = Date.parse('2026-01-01T00:00:00.000Z')
    // ties on createdAt, email and name, so that the id decides the order within them
    await db.prisma.user.createMany({ data: Array.from({ length: 23 }, (_, i) => user(i, new Date(base + Math.floor(i / 3) * 1000))) })
    const users = createUsersRepository(db)
    for (const sort of ['createdAt', '-createdAt', 'email', '-email', 'name', '-name'] as const) {
      const walk = async (filters: { status?: 'active' }) => {
        const ids: string[][] = []
        let after: { value: string; id: string } | undefined
        for (;;) {
          const page = await users.list({ limit: 5, sort, filters, ...(after ? { after } : {}) })
          ids.push(page.rows.map((row) => row.id))
          const last = page.rows.at(-1)
          if (!page.hasMore || !last) break
          const value = last[sort.replace('-', '') as 'createdAt' | 'email' | 'name']
          after = { value: value instanceof Date ? value.toISOString() : value, id: last.id }
        }
        return ids
      }
      const unfiltered = await walk({})
      // every user is active: the same walk through Prisma Client's query
      t.same(unfiltered, await walk({ status: 'active' }), `${sort}: same pages`)
      t.equal(unfiltered.flat().length, 23, `${sort}: every user once`)
      t.equal(new Set(unfiltered.flat()).size, 23)
    }
  })

  t.test(`${provider}: a transaction of SQL commits what its work wrote, and rolls all of it back when the work throws`, async (t) => {
    const db = await freshDb(t, provider)
    const label = { model: 'Setting', action: 'create' }
    const insert = 'INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)'
    const stored = async () => (await db.prisma.setting.findMany({ orderBy: { key: 'asc' } })).map((row) => row.key)

    const result = await db.transaction(async (tx) => {
      t.equal(await tx.execute(insert, ['kept-1', 'a'], label), 1, 'execute resolves to the rows it changed')
      await tx.execute(insert, ['kept-2', 'b'], label)
      return (await tx.select<{ key: string }>('SELECT "key" FROM "Setting" ORDER BY "key"', [], label)).map((row) => row.key)
    })
    t.same(result, ['kept-1', 'kept-2'], 'the work reads its own writes and its result is returned')
    t.same(await stored(), ['kept-1', 'kept-2'])

    const failure = new Error('the work failed after two writes')
    await t.rejects(
      db.transaction(async (tx) => {
        await tx.execute(insert, ['lost-1', 'c'], label)
        await tx.execute('UPDATE "Setting" SET "value" = $1 WHERE "key" = $2', ['changed', 'kept-1'], label)
        throw failure
      }),
      failure,
      "the work's own error",
    )
    await t.rejects(
      db.transaction((tx) => tx.execute(insert, ['kept-2', 'duplicate'], label)),
      { name: 'DriverAdapterError', cause: { kind: 'UniqueConstraintViolation' } },
      "a statement's error, as the adapter reports it",
    )
    t.same(await stored(), ['kept-1', 'kept-2'], 'neither failed transaction left anything')
    t.equal((await db.prisma.setting.findUnique({ where: { key: 'kept-1' } }))?.value, 'a')
    t.equal(await db.transaction((tx) => tx.execute(insert, ['after', 'd'], label)), 1, 'and the connection takes the next one')
  })
}

t.test('the statement cache prepares a text once and binds each call its own arguments', async (t) => {
  const client = new Database(':memory:')
  t.teardown(() => client.close())
  client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
  client.exec("INSERT INTO t VALUES (1, 'one'), (2, 'two')")
  const prepared: string[] = []
  const prepare = client.prepare.bind(client)
  client.prepare = ((sql: string) => {
    prepared.push(sql)
    return prepare(sql)
  }) as typeof client.prepare
  cacheStatements(client, 2)
  // the calls @prisma/adapter-better-sqlite3 makes
  const read = (id: number) => {
    const statement = client.prepare('SELECT name FROM t WHERE id = ?') as unknown as {
      bind(args: unknown[]): { reader: boolean; columns(): Array<{ name: string }>; raw(): { all(): unknown[][] } }
    }
    const bound = statement.bind([id])
    t.ok(bound.reader)
    t.same(
      bound.columns().map((column) => column.name),
      ['name'],
    )
    return bound.raw().all()
  }
  t.same(read(1), [['one']])
  t.same(read(2), [['two']], 'not the arguments of the first call')
  t.same(read(1), [['one']])
  ;(client.prepare("UPDATE t SET name = 'uno' WHERE id = 1") as unknown as { run(): unknown }).run()
  t.same(read(1), [['uno']])
  t.same(prepared, ['SELECT name FROM t WHERE id = ?', "UPDATE t SET name = 'uno' WHERE id = 1"], 'each text prepared once')
  // two places: a third text evicts the least recently used one
  ;(client.prepare('SELECT 1') as unknown as { run(): unknown }).run()
  read(1)
  t.equal(prepared.length, 3, 'the SELECT was used last, so the UPDATE went')
  ;(client.prepare("UPDATE t SET name = 'uno' WHERE id = 1") as unknown as { run(): unknown }).run()
  t.equal(prepared.at(-1), "UPDATE t SET name = 'uno' WHERE id = 1")
})

t.test('queries on the service’s SQLite connection, whose statements are cached, each bind their own arguments', async (t) => {
  const db = await freshDb(t, 'sqlite')
  const at = new Date()
  await db.prisma.user.createMany({ data: [user(1, at), user(2, at)] })
  // a cached statement bound for good would answer every later call with the first id
  for (const i of [1, 2, 1, 2]) {
    const [row] = await db.select<{ id: string }>('SELECT "id" FROM "User" WHERE "id" = $1', [user(i, at).id], {
      model: 'User',
      action: 'findUnique',
    })
    t.equal(row?.id, user(i, at).id)
  }
  for (const i of [1, 2]) t.equal((await db.prisma.user.findUnique({ where: { id: user(i, at).id } }))?.id, user(i, at).id)
})
