import t from 'tap'
import { build, createUser } from '../helpers/app.js'

t.test('uniform errors', async (t) => {
  const api = await build(t)

  t.test('an unknown path is 404 not_found as problem+json', async (t) => {
    for (const url of ['/nope', '/api', '/api/users/1/extra', '/api/userss']) {
      const res = await api.request({ method: 'GET', url })
      t.equal(res.statusCode, 404, url)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.match(res.json(), { code: 'not_found', status: 404, title: 'Not Found', type: 'urn:problem:user-management:not_found' })
    }
  })

  t.test('a known path with another method is 405 with Allow', async (t) => {
    const collection = await api.request({ method: 'DELETE', url: '/api/users' })
    t.equal(collection.statusCode, 405)
    t.equal(collection.headers.allow, 'GET, POST, HEAD')
    t.equal(collection.json().code, 'method_not_allowed')
    const item = await api.request({ method: 'POST', url: '/api/users/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f' })
    t.equal(item.statusCode, 405)
    t.equal(item.headers.allow, 'GET, PUT, DELETE, PATCH, HEAD')
  })

  t.test('X-Request-Id: a sane value is kept, anything else replaced', async (t) => {
    const kept = await api.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123.trace:7' } })
    t.equal(kept.headers['x-request-id'], 'abc-123.trace:7')
    for (const bad of ['has space', 'x'.repeat(129), '<script>']) {
      const res = await api.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } })
      t.not(res.headers['x-request-id'], bad)
      t.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/)
    }
    const problem = await api.request({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'corr-1' } })
    t.equal(problem.json().requestId, 'corr-1')
  })

  t.test('a malformed URL is a 400 problem', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users/%E0%A4%A' })
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'bad_request')
  })

  t.test('an unexpected failure is a 500 that reveals nothing internal', async (t) => {
    const user = await createUser(api)
    // drop the table under the running service: Prisma now fails with SQL in its message
    await api.db.prisma.$executeRawUnsafe('ALTER TABLE "User" RENAME TO "UserGone"')
    t.teardown(() => api.db.prisma.$executeRawUnsafe('ALTER TABLE "UserGone" RENAME TO "User"'))
    const res = await api.request({ method: 'GET', url: `/api/users/${user.id}`, headers: { 'x-request-id': 'trace-500' } })
    t.equal(res.statusCode, 500)
    const body = res.json()
    t.same(Object.keys(body).sort(), ['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type'])
    t.match(body, { code: 'internal', status: 500, requestId: 'trace-500' })
    t.notMatch(res.body, /"User|UserGone|sqlite|no such table|stack/i)
  })
})
