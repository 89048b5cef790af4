// A 201 is a promise: the user survives the process being killed (SIGKILL) right after it.
import t from 'tap'
import { request, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'

const USER_ID = /^\/api\/users\/([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/

t.test('users created right before a SIGKILL survive a restart', async (t) => {
  const databaseUrl = tempDatabaseUrl(t)
  const first = await startServer(t, databaseUrl)

  const created: Array<{ location: string; body: Record<string, unknown> }> = []
  const COUNT = 20
  for (let i = 0; i < COUNT; i++) {
    // the first create is the spec'd example; the rest vary only the address
    const email = i === 0 ? ' A@Example.com' : ` User${i}@Example.COM `
    const response = await request(t, first, 'POST', '/api/users', {
      body: { email, name: 'Ada', password: 'correct horse' },
    })
    if (i === COUNT - 1) first.child.kill('SIGKILL') // immediately after the last 201
    t.equal(response.status, 201, `create #${i} → 201`)
    const location = response.headers.location ?? ''
    t.match(location, USER_ID, `create #${i}: Location is /api/users/<uuid v7>`)
    t.equal(location, `/api/users/${response.json?.id}`, `create #${i}: Location names the created id`)
    t.equal(response.json?.email, email.trim().toLowerCase(), `create #${i}: email trimmed and lower-cased`)
    t.equal(response.json?.name, 'Ada')
    t.equal(response.json?.status, 'active')
    for (const secret of ['password', 'passwordHash', 'hash', 'password_hash']) {
      t.notOk(secret in (response.json ?? {}), `create #${i}: no ${secret} field`)
    }
    created.push({ location, body: response.json })
  }
  t.equal(created[0]?.body.email, 'a@example.com')

  const exit = await first.exited
  t.equal(exit.signal, 'SIGKILL', 'the first server died of SIGKILL, with no chance to flush anything')

  const second = await startServer(t, databaseUrl)
  for (const [i, { location, body }] of created.entries()) {
    const response = await request(t, second, 'GET', location)
    t.equal(response.status, 200, `user #${i} is still there after the crash`)
    t.same(response.json, body, `user #${i} reads back exactly as created`)
  }
  const list = await request(t, second, 'GET', '/api/users?limit=100')
  t.equal(list.status, 200)
  t.same(
    list.json?.data,
    created.map((c) => c.body),
    'the list holds exactly the created users, in creation order',
  )
  t.equal(list.json?.nextCursor, null)

  const exit2 = await second.stop('SIGTERM')
  t.equal(exit2.code, 0, 'the restarted server shuts down cleanly')
})
