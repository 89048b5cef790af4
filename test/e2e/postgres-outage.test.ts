// PostgreSQL goes away under a running server: every call answers a 503 problem in bounded
// time, the process survives, and it serves again when the database is back, without a
// restart. The cluster is the test's own, so stopping it harms no other test.
import t from 'tap'
import { request, startServer } from '../helpers/e2e-server.js'
import { assertUnavailable, createFixture, eventually, everyOperationUnavailable } from '../helpers/outage.js'
import { throwawayCluster } from '../helpers/pg-cluster.js'

const CONNECT_TIMEOUT_MS = 1000
const STATEMENT_TIMEOUT_MS = 2000
// far above either timeout: a request that takes this long hangs
const HANG_BOUND_MS = 10_000

t.test('a stopped, then a frozen PostgreSQL', async (t) => {
  const cluster = await throwawayCluster(t)
  const server = await startServer(t, cluster.url, {
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DATABASE_POOL_MAX: '4',
  })
  const fixture = await createFixture(t, server)
  const ready = async () => (await request(t, server, 'GET', '/readyz')).status === 200
  t.ok(await ready(), '/readyz 200 while PostgreSQL runs')

  await t.test('stopped: connections are refused', async (t) => {
    await cluster.stop()
    const started = Date.now()
    const readiness = await request(t, server, 'GET', '/readyz')
    const elapsed = Date.now() - started
    assertUnavailable(t, readiness, '/readyz')
    t.ok(elapsed < 2000, `/readyz answered within 2 s (took ${elapsed} ms)`)

    await everyOperationUnavailable(t, server, fixture, HANG_BOUND_MS)
    t.equal((await request(t, server, 'GET', '/healthz')).status, 200, '/healthz: the process itself is fine')
    t.equal(server.child.exitCode, null, 'the server is still running')

    await cluster.start()
    await eventually('/readyz 200 after PostgreSQL is back', ready)
    const user = await request(t, server, 'GET', `/api/users/${fixture.userId}`)
    t.equal(user.status, 200, 'the user written before the outage reads back')
    t.equal(user.json?.email, 'ada@example.com')
    const created = await request(t, server, 'POST', '/api/users', {
      body: { email: 'after@example.com', name: 'After', password: 'correct horse' },
    })
    t.equal(created.status, 201, 'writes succeed again, in the same process')
  })

  await t.test('frozen: the server accepts connections but never answers', async (t) => {
    // open connections to the pool's size, so that requests meet open connections to a
    // frozen server (only the statement timeout ends those) as well as new ones (the connect timeout)
    const warm = await Promise.all(Array.from({ length: 4 }, () => request(t, server, 'GET', '/api/users')))
    t.same(
      warm.map((r) => r.status),
      [200, 200, 200, 200],
      'the pool is warm',
    )
    // SIGSTOP to every PostgreSQL process: neither refused nor closed, only the timeouts end a wait
    await cluster.freeze()
    const started = Date.now()
    const readiness = await request(t, server, 'GET', '/readyz')
    const elapsed = Date.now() - started
    assertUnavailable(t, readiness, '/readyz')
    t.ok(elapsed < 2000, `/readyz answered within 2 s even so (took ${elapsed} ms)`)
    for (const path of [`/api/users/${fixture.userId}`, '/api/users', `/api/users/${fixture.userId}`, '/api/keys', '/api/users']) {
      const begun = Date.now()
      const response = await request(t, server, 'GET', path)
      const took = Date.now() - begun
      assertUnavailable(t, response, `GET ${path} while frozen`)
      t.ok(took < HANG_BOUND_MS, `GET ${path} answered within ${HANG_BOUND_MS} ms (took ${took} ms): the timeouts apply`)
    }
    const write = await request(t, server, 'PATCH', `/api/users/${fixture.userId}`, { body: { name: 'Frozen' } })
    assertUnavailable(t, write, 'PATCH while frozen')
    t.equal(server.child.exitCode, null, 'the server is still running')

    await cluster.thaw()
    await eventually('/readyz 200 after PostgreSQL thaws', ready)
    const user = await request(t, server, 'GET', `/api/users/${fixture.userId}`)
    t.equal(user.status, 200, 'reads succeed again, in the same process')
  })

  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the server shuts down cleanly after the outages')
})
