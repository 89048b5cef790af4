// Rate limits of the real process over real HTTP: per-key buckets with RateLimit headers and a
// 429 problem, probes never limited, and counters shared between instances through Redis.
import { Redis } from 'ioredis'
import t, { type Test } from 'tap'
import { request, startServer, tempDatabaseUrl, type E2eResponse, type E2eServer } from '../helpers/e2e-server.js'

const REDIS_URL = 'redis://127.0.0.1:6379'
/** The namespace src/app.ts gives the Redis store; a caller's bucket is `<ns>key:<caller id>`. */
const NAMESPACE = 'user-management-rate-limit:'
/** Longer than any run of this file: the window never rolls over mid-test. */
const LONG_WINDOW_MS = 300_000

/** Issues a scoped key with the master key and returns its id and secret. */
async function issueKey(t: Test, server: E2eServer, name: string): Promise<{ id: string; key: string }> {
  const issued = await request(t, server, 'POST', '/api/keys', { body: { name, scopes: ['users:read'] } })
  t.equal(issued.status, 201, `POST /api/keys (${name}) → 201`)
  return { id: issued.json?.id, key: issued.json?.key }
}

function rateHeaders(response: E2eResponse) {
  return {
    limit: response.headers['ratelimit-limit'],
    remaining: response.headers['ratelimit-remaining'],
    reset: Number(response.headers['ratelimit-reset']),
  }
}

/** The checks of a 429: the problem, Retry-After and an exhausted RateLimit-Remaining. */
function assertLimited(t: Test, response: E2eResponse, windowSeconds: number, what: string) {
  t.equal(response.status, 429, `${what} → 429`)
  t.equal(response.json?.code, 'rate_limited', `${what}: code rate_limited`)
  t.match(response.headers['content-type'], /^application\/problem\+json/, `${what}: a problem document`)
  const retryAfter = Number(response.headers['retry-after'])
  t.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds,
    `${what}: Retry-After=${response.headers['retry-after']} s, within the window`,
  )
  t.equal(response.headers['ratelimit-remaining'], '0', `${what}: RateLimit-Remaining 0`)
}

t.test('RATE_LIMIT_MAX=5: per-key buckets, RateLimit headers, 429 rate_limited, probes exempt', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t), { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: String(LONG_WINDOW_MS) })
  const windowSeconds = LONG_WINDOW_MS / 1000
  // two calls of the master key's own five
  const first = await issueKey(t, server, 'first')
  const second = await issueKey(t, server, 'second')

  const remaining: string[] = []
  for (let i = 1; i <= 5; i++) {
    const response = await request(t, server, 'GET', '/api/users', { as: first.key })
    t.equal(response.status, 200, `call #${i} with the first key → 200`)
    const { limit, reset, remaining: left } = rateHeaders(response)
    t.equal(limit, '5', `call #${i}: RateLimit-Limit 5`)
    t.ok(reset >= 0 && reset <= windowSeconds, `call #${i}: RateLimit-Reset=${reset} s, within the window`)
    remaining.push(left ?? '')
  }
  t.same(remaining, ['4', '3', '2', '1', '0'], 'RateLimit-Remaining counts down to 0')

  assertLimited(t, await request(t, server, 'GET', '/api/users', { as: first.key }), windowSeconds, 'call #6 with the first key')
  assertLimited(
    t,
    await request(t, server, 'GET', '/api/users?limit=1', { as: first.key }),
    windowSeconds,
    'call #7 (another URL) with the first key',
  )

  const other = await request(t, server, 'GET', '/api/users', { as: second.key })
  t.equal(other.status, 200, 'another key still gets 200: buckets are per key')
  t.equal(rateHeaders(other).remaining, '4', 'its own bucket: 4 left after its first call')
  const master = await request(t, server, 'GET', '/api/users')
  t.equal(master.status, 200, 'the master key is a bucket of its own too')
  t.equal(rateHeaders(master).remaining, '2', 'which counted its two key issuances')

  // without a valid key, the bucket is the client address's: a wrong key counts there too
  for (let i = 1; i <= 5; i++) {
    const anonymous = await request(t, server, 'GET', '/api/users', i % 2 ? { as: null } : { as: 'not-a-key-but-well-formed-0123456789' })
    t.equal(anonymous.status, 401, `anonymous call #${i} → 401`)
    t.equal(rateHeaders(anonymous).remaining, String(5 - i), `anonymous call #${i}: RateLimit-Remaining ${5 - i}`)
  }
  assertLimited(t, await request(t, server, 'GET', '/api/users', { as: null }), windowSeconds, 'anonymous call #6')

  // the probes are never limited, even for an address whose bucket is exhausted
  const probes: number[] = []
  for (let i = 0; i < 12; i++) {
    probes.push((await request(t, server, 'GET', i % 3 === 2 ? '/readyz' : '/healthz', { as: i % 2 ? null : first.key })).status)
  }
  t.same(probes, Array(12).fill(200), `12 probes past every limit → 200 (got ${probes.join(',')})`)

  const exit = await server.stop('SIGTERM')
  t.same(exit, { code: 0, signal: null }, 'clean shutdown')
})

t.test('REDIS_URL: two instances share one key’s counter', async (t) => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true })
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    redis.disconnect()
    t.fail(`Redis is not reachable at ${REDIS_URL} (.ci/run starts it): ${(error as Error).message}`)
    return
  }
  t.teardown(() => void redis.disconnect())

  const databaseUrl = tempDatabaseUrl(t)
  // The key is issued by an instance without Redis, so this test never touches a bucket it
  // does not own (the master key's and the loopback address's are shared by every run); the
  // key's id is a fresh UUIDv7, so no earlier run's counter can interfere.
  const issuer = await startServer(t, databaseUrl)
  const { id, key } = await issueKey(t, issuer, `shared-limit-${Date.now()}`)
  await issuer.stop('SIGTERM')
  const bucket = `${NAMESPACE}key:${id}`
  t.teardown(async () => {
    await redis.del(bucket)
  })
  t.equal(await redis.exists(bucket), 0, 'no counter exists yet for the fresh key')

  const env = { REDIS_URL, RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_MS: String(LONG_WINDOW_MS) }
  const servers = await Promise.all([startServer(t, databaseUrl, env), startServer(t, databaseUrl, env)])
  t.not(servers[0].port, servers[1].port, 'two processes on two ports')

  const remaining: string[] = []
  for (let i = 0; i < 6; i++) {
    const response = await request(t, servers[i % 2]!, 'GET', '/api/users', { as: key })
    t.equal(response.status, 200, `call #${i + 1} (instance ${i % 2 ? 'B' : 'A'}) → 200`)
    t.equal(response.headers['ratelimit-limit'], '6', `call #${i + 1}: RateLimit-Limit 6`)
    remaining.push(response.headers['ratelimit-remaining'] ?? '')
  }
  t.same(remaining, ['5', '4', '3', '2', '1', '0'], 'RateLimit-Remaining counts down across both instances')
  t.equal(await redis.get(bucket), '6', `the counter is in Redis (${bucket})`)
  const ttl = await redis.pttl(bucket)
  t.ok(ttl > 0 && ttl <= LONG_WINDOW_MS, `it expires with the window (PTTL ${ttl} ms)`)

  assertLimited(t, await request(t, servers[0], 'GET', '/api/users', { as: key }), LONG_WINDOW_MS / 1000, 'call #7 overall (instance A)')
  assertLimited(t, await request(t, servers[1], 'GET', '/api/users', { as: key }), LONG_WINDOW_MS / 1000, 'call #8 overall (instance B)')

  for (const server of servers) {
    const exit = await server.stop('SIGTERM')
    t.same(exit, { code: 0, signal: null }, 'clean shutdown (the Redis connection closes too)')
  }
})
