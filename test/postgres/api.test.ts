import t from 'tap'
import { build, createUser, newUser } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

// The same API on PostgreSQL, as operators run it when they outgrow one machine: several
// instances on one database. Each instance here is a separate app on the same database.
t.test('the API on PostgreSQL, with two instances sharing the database', async (t) => {
  const databaseUrl = await scratchPostgres(t)
  const a = await build(t, { databaseUrl })
  const b = await build(t, { databaseUrl })
  t.equal(a.db.provider, 'postgresql')

  t.test('create, read, conflict on email in any case', async (t) => {
    const user = await createUser(a, { email: ' Mixed@Example.COM ' })
    t.equal(user.email, 'mixed@example.com')
    const read = await b.request({ method: 'GET', url: `/api/users/${user.id}` })
    t.same(read.json(), user, 'the other instance reads it')
    const dup = await b.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: newUser({ email: 'MIXED@example.com' }),
    })
    t.equal(dup.statusCode, 409)
    t.equal(dup.json().code, 'email_taken')
  })

  t.test('20 concurrent creates of one email over HTTP, across both instances: exactly one 201', async (t) => {
    const body = newUser()
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).fetch('/api/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, email: i % 3 ? body.email.toUpperCase() : body.email }),
        }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    t.same(statuses, [201, ...Array(19).fill(409)])
  })

  t.test('q ignores case on PostgreSQL too; a cursor from one instance works on the other', async (t) => {
    for (let i = 0; i < 7; i++) await createUser(a, { name: `Pg Walker ${i}` })
    const first = await a.request({ method: 'GET', url: '/api/users?q=pG%20wAlKeR&limit=3&sort=-name' })
    t.same(
      first.json().data.map((u: { name: string }) => u.name),
      ['Pg Walker 6', 'Pg Walker 5', 'Pg Walker 4'],
    )
    const second = await b.request({ method: 'GET', url: `/api/users?q=pG%20wAlKeR&limit=3&sort=-name&cursor=${first.json().nextCursor}` })
    t.equal(second.statusCode, 200, 'the instances share the cursor secret through the database')
    t.same(
      second.json().data.map((u: { name: string }) => u.name),
      ['Pg Walker 3', 'Pg Walker 2', 'Pg Walker 1'],
    )
  })

  t.test('If-Match across instances: one writer wins', async (t) => {
    const user = await createUser(a)
    const etag = (await a.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag as string
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).fetch(`/api/users/${user.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
          body: JSON.stringify({ name: `Writer ${i}` }),
        }),
      ),
    )
    t.same(responses.map((r) => r.status).sort(), [200, ...Array(9).fill(412)])
  })

  t.test('an Idempotency-Key replays on the other instance', async (t) => {
    const body = newUser()
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'pg-retry-1' }
    const first = await a.request({ method: 'POST', url: '/api/users', headers, payload: body })
    const retry = await b.request({ method: 'POST', url: '/api/users', headers, payload: body })
    t.equal(first.statusCode, 201)
    t.equal(retry.statusCode, 201)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(retry.body, first.body)
    const other = await b.request({ method: 'POST', url: '/api/users', headers, payload: { ...body, name: 'Changed' } })
    t.equal(other.statusCode, 422)
  })

  t.test('an API key issued on one instance works on the other, and its revocation too', async (t) => {
    const issued = await a.request({
      method: 'POST',
      url: '/api/keys',
      headers: { 'content-type': 'application/json' },
      payload: { name: 'pg', scopes: ['users:read'] },
    })
    const { id, key } = issued.json()
    t.equal((await b.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 200)
    t.equal((await b.request({ method: 'DELETE', url: `/api/keys/${id}` })).statusCode, 204)
    t.equal((await a.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 401)
  })
})
