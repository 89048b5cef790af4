// PostgreSQL support, against a scratch database created and dropped by this test on the
// server named by TEST_POSTGRES_URL (default: the local server as the OS user).
import t from 'tap'
import { createDb } from '../../src/db/index.js'
import { migrate } from '../../src/db/migrate.js'
import { scratchPostgres } from '../helpers/postgres.js'
import { migrationNames } from './fixtures/helpers.js'

const databaseUrl = await scratchPostgres(t)

t.test('migrations apply once, concurrently too', async (t) => {
  const [a, b] = await Promise.all([migrate(databaseUrl), migrate(databaseUrl)])
  t.same([...a.applied, ...b.applied].sort(), migrationNames('postgresql'))
  t.same((await migrate(databaseUrl)).applied, [])
})

t.test('createDb gives a PostgreSQL client; a duplicate email is P2002', async (t) => {
  const db = await createDb(databaseUrl)
  t.teardown(() => db.close())
  t.equal(db.provider, 'postgresql')
  await db.ping()
  const now = new Date()
  const user = { name: 'Ada', passwordHash: 'x', createdAt: now, updatedAt: now, email: 'ada@example.com' }
  await db.prisma.user.create({ data: { id: 'p1', ...user } })
  await t.rejects(db.prisma.user.create({ data: { id: 'p2', ...user } }), { code: 'P2002' })
  const found = await db.prisma.user.findUniqueOrThrow({ where: { id: 'p1' } })
  t.equal(found.createdAt.toISOString(), now.toISOString())
})
