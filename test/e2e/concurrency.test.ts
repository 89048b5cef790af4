// Concurrent writers over real HTTP: the unique email holds under a race, and concurrent
// merge patches of one user all succeed.
import t from 'tap'
import { request, startServer, tempDatabaseUrl, type E2eServer } from '../helpers/e2e-server.js'

let server: E2eServer

t.before(async () => {
  server = await startServer(t, tempDatabaseUrl(t))
})

t.teardown(async () => {
  const exit = await server?.stop('SIGTERM')
  if (exit && exit.code !== 0) throw new Error(`server exited with ${JSON.stringify(exit)}`)
})

function caseVariant(email: string, i: number): string {
  // a different mix of upper and lower case for each request
  return [...email].map((ch, j) => ((i >> (j % 5)) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join('')
}

t.test('20 concurrent creates of one email: one 201, nineteen 409 email_taken', async (t) => {
  const email = `race-${Date.now()}@example.com`
  const variants = Array.from({ length: 20 }, (_, i) => caseVariant(email, i))
  t.ok(new Set(variants).size > 10, 'the requests use many letter cases of the address')

  const responses = await Promise.all(
    variants.map((variant, i) =>
      request(t, server, 'POST', '/api/users', { body: { email: variant, name: `Racer ${i}`, password: 'correct horse' } }),
    ),
  )
  const statuses = responses.map((r) => r.status)
  const created = responses.filter((r) => r.status === 201)
  const conflicts = responses.filter((r) => r.status === 409)
  t.equal(created.length, 1, `exactly one 201 (statuses: ${statuses.join(',')})`)
  t.equal(conflicts.length, 19, 'nineteen 409')
  for (const conflict of conflicts) t.equal(conflict.json?.code, 'email_taken')
  t.equal(created[0]?.json?.email, email, 'stored lower-cased')

  const list = await request(t, server, 'GET', '/api/users?limit=100')
  t.equal(list.status, 200)
  const matching = (list.json?.data ?? []).filter((u: { email: string }) => u.email.toLowerCase() === email)
  t.equal(matching.length, 1, 'exactly one user has the email')
  t.equal(matching[0]?.id, created[0]?.json?.id)
})

t.test('10 concurrent merge patches of one user all succeed; one of them wins', async (t) => {
  const create = await request(t, server, 'POST', '/api/users', {
    body: { email: `patched-${Date.now()}@example.com`, name: 'Before', password: 'correct horse' },
  })
  t.equal(create.status, 201)
  const id = create.json?.id as string
  const names = Array.from({ length: 10 }, (_, i) => `Name ${i}`)

  const responses = await Promise.all(
    names.map((name) =>
      request(t, server, 'PATCH', `/api/users/${id}`, {
        body: { name },
        headers: { 'content-type': 'application/merge-patch+json' },
      }),
    ),
  )
  responses.forEach((response, i) => {
    t.equal(response.status, 200, `PATCH name=${names[i]} → 200 (got ${response.status} ${response.status === 200 ? '' : response.text})`)
    if (response.status === 200) t.equal(response.json?.name, names[i], 'each response shows its own write')
  })

  const final = await request(t, server, 'GET', `/api/users/${id}`)
  t.equal(final.status, 200)
  t.ok(names.includes(final.json?.name), `the final name (${final.json?.name}) is one of the patched names`)
  t.equal(final.json?.email, create.json?.email, 'the other fields are untouched')
  t.equal(final.json?.createdAt, create.json?.createdAt)
})

// Each writer verifies and hashes a password (Argon2id, tens of ms) between its read and
// its version-conditional write, so most lose the race at least once; the retries must
// reuse that work, or the losers run out of attempts.
t.test('10 concurrent merge patches that each set a password all succeed', async (t) => {
  const create = await request(t, server, 'POST', '/api/users', {
    body: { email: `repassword-${Date.now()}@example.com`, name: 'Before', password: 'correct horse' },
  })
  t.equal(create.status, 201)
  const id = create.json?.id as string

  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      request(t, server, 'PATCH', `/api/users/${id}`, {
        body: { name: `Name ${i}`, password: `new password ${i}` },
        headers: { 'content-type': 'application/merge-patch+json', 'x-request-id': `concurrent-password-patch-${i}` },
      }),
    ),
  )
  const statuses = responses.map((r) => r.status)
  t.same(statuses, Array(10).fill(200), `every PATCH → 200 (got ${statuses.join(',')})`)
  const final = await request(t, server, 'GET', `/api/users/${id}`)
  t.equal(final.status, 200)
  const winners = responses.filter((r) => r.status === 200).map((r) => r.json?.name)
  t.ok(winners.includes(final.json?.name), `the final name (${final.json?.name}) is one a 200 reported`)
})
