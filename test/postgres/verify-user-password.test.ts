import bcrypt from 'bcryptjs'
import t from 'tap'
import { build, createUser, TEST_PASSWORD, type TestApp } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

const WRONG = 'not the password'

function guess(api: TestApp, id: string, password: string) {
  return api.fetch(`/api/users/${id}/password-verification`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  })
}

function outcome(res: { status: number; json(): any }): string {
  return res.status === 200 ? String(res.json().verified) : `${res.status} ${res.json().code}`
}

// The limit is per user whichever instance answers: two app instances on one PostgreSQL
// database, driven over real HTTP.
t.test('password verification on PostgreSQL, with two instances sharing the database', async (t) => {
  const databaseUrl = await scratchPostgres(t)
  const a = await build(t, { databaseUrl })
  const b = await build(t, { databaseUrl })
  t.equal(a.db.provider, 'postgresql')
  // both listening before the bursts
  t.equal((await a.fetch('/healthz')).status, 200)
  t.equal((await b.fetch('/healthz')).status, 200)

  t.test('20 concurrent wrong guesses across both instances: exactly 5 are evaluated', async (t) => {
    const { id } = await createUser(a)
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(i % 2 ? a : b, id, WRONG)))
    t.same(responses.map(outcome).sort(), [...Array(15).fill('429 too_many_attempts'), ...Array(5).fill('false')])
    const window = await a.db.prisma.passwordAttemptWindow.findUniqueOrThrow({ where: { userId: id } })
    t.equal(window.failures, 5)
    t.equal(outcome(await guess(a, id, TEST_PASSWORD)), '429 too_many_attempts', 'the right password is refused on one instance')
    t.equal(outcome(await guess(b, id, TEST_PASSWORD)), '429 too_many_attempts', 'and on the other')
  })

  t.test('failures on one instance and a success on the other share one count', async (t) => {
    const { id } = await createUser(b)
    for (let i = 0; i < 4; i++) t.equal(outcome(await guess(i % 2 ? a : b, id, WRONG)), 'false')
    t.equal(outcome(await guess(a, id, TEST_PASSWORD)), 'true')
    t.equal(await b.db.prisma.passwordAttemptWindow.count({ where: { userId: id } }), 0, 'the success reset the count')
    const user = await b.request({ method: 'GET', url: `/api/users/${id}` })
    t.type(user.json().lastVerifiedAt, 'string', 'lastVerifiedAt is set')
  })

  t.test('an imported bcrypt hash verifies under concurrency on both instances and ends as Argon2id', async (t) => {
    const { id } = await createUser(a)
    const password = 'imported on postgres'
    const imported = bcrypt.hashSync(password, 4)
    await a.db.prisma.user.update({ where: { id }, data: { passwordHash: imported } })
    const responses = await Promise.all(Array.from({ length: 4 }, (_, i) => guess(i % 2 ? a : b, id, password)))
    t.same(responses.map(outcome), ['true', 'true', 'true', 'true'])
    const row = await b.db.prisma.user.findUniqueOrThrow({ where: { id } })
    t.match(row.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    t.equal(outcome(await guess(b, id, password)), 'true', 'the hash that won verifies')
  })
})
