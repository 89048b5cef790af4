// The SDK's retries against a real local HTTP server that answers from a script: statuses
// with and without Retry-After, dropped connections, responses that stall past the timeout.
// Timings are asserted loosely (lower bounds from what was asked, generous upper bounds).
import t from 'tap'
import { type ClientOptions, createClient, isProblem, NetworkError, type RetryEvent, TimeoutError } from '../../sdk/src/index.js'
import { created, emptyPage, failure, healthy, problem, type Received, scripted, USER, userOk } from './scripted-server.js'

function clientOf(baseUrl: string, options: Partial<ClientOptions> = {}) {
  const retries: RetryEvent[] = []
  const client = createClient({
    baseUrl,
    apiKey: 'stub-key',
    timeoutMs: 2_000,
    backoff: { baseDelayMs: 50, maxDelayMs: 200 },
    onRetry: (event) => retries.push(event),
    ...options,
  })
  return { client, retries }
}

/** The gaps between the arrivals of consecutive requests, in ms. */
const gaps = (received: Received[]) => received.slice(1).map((request, i) => request.at - received[i]!.at)

t.test('GET: 503 then 429 then 200 is retried with exponential back-off', async (t) => {
  const server = await scripted(t, [problem(503, 'unavailable'), problem(429, 'rate_limited'), emptyPage])
  let ids = 0
  const { client, retries } = clientOf(server.baseUrl, { requestId: () => `call-${++ids}` })
  const page = await client.users.listPage({ limit: 5 })
  t.same(page, { data: [], nextCursor: null }, 'the third answer is the result')
  t.equal(server.received.length, 3, 'three attempts')
  t.same(
    retries.map((event) => [event.attempt, event.reason]),
    [
      [1, 503],
      [2, 429],
    ],
    'retried after the 503 and the 429',
  )
  t.ok(retries[0]!.delayMs <= 50 && retries[1]!.delayMs <= 100, 'full jitter under base·2^n')
  gaps(server.received).forEach((gap, i) => {
    t.ok(gap >= retries[i]!.delayMs - 5, `waited ${gap.toFixed(0)} ms ≥ the ${retries[i]!.delayMs.toFixed(0)} ms drawn`)
  })
  t.same(
    server.received.map((request) => request.headers['x-request-id']),
    ['call-1', 'call-1', 'call-1'],
    'one request id for the call, on every attempt',
  )
  t.ok(
    server.received.every((request) => request.headers.authorization === 'Bearer stub-key' && request.url === '/api/users?limit=5'),
    'the same request each time',
  )
})

t.test('back-off doubles up to its cap', async (t) => {
  const server = await scripted(t, [problem(503, 'unavailable'), problem(503, 'unavailable'), problem(503, 'unavailable'), healthy])
  const { client, retries } = clientOf(server.baseUrl, { retries: 3, backoff: { baseDelayMs: 40, maxDelayMs: 60 } })
  t.same(await client.health(), { status: 'ok' })
  t.equal(retries.length, 3)
  t.ok(retries[0]!.delayMs <= 40, 'first ≤ base')
  t.ok(retries[1]!.delayMs <= 60 && retries[2]!.delayMs <= 60, 'then ≤ the cap, not base·2^n')
})

t.test('Retry-After in seconds is honoured', async (t) => {
  const server = await scripted(t, [problem(429, 'rate_limited', { 'retry-after': '1' }), userOk])
  const { client, retries } = clientOf(server.baseUrl)
  const result = await client.users.get(USER.id)
  t.equal(result.notModified, false)
  const [gap] = gaps(server.received)
  t.ok(gap! >= 950 && gap! < 3_000, `waited ${gap!.toFixed(0)} ms for Retry-After: 1`)
  t.ok(retries[0]!.delayMs >= 1_000, 'the delay is the one asked for')
})

t.test('Retry-After as an HTTP date is honoured', async (t) => {
  // HTTP dates have whole seconds: two seconds ahead is at least one second away
  const server = await scripted(t, [problem(503, 'unavailable', { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }), healthy])
  const { client } = clientOf(server.baseUrl)
  t.same(await client.ready(), { status: 'ok' })
  const [gap] = gaps(server.received)
  t.ok(gap! >= 900 && gap! < 4_000, `waited ${gap!.toFixed(0)} ms for the date`)
})

t.test('a Retry-After longer than maxRetryAfterMs is not waited for', async (t) => {
  const server = await scripted(t, [problem(429, 'rate_limited', { 'retry-after': '120' }), emptyPage])
  const { client } = clientOf(server.baseUrl, { backoff: { maxRetryAfterMs: 10_000 } })
  const started = performance.now()
  const error = await failure(client.users.listPage())
  t.ok(isProblem(error, 'listUsers') && error.code === 'rate_limited', 'the 429 reaches the caller')
  t.equal(isProblem(error) && error.retryAfter, 120, 'with retryAfter in seconds')
  t.equal(server.received.length, 1, 'at once')
  t.ok(performance.now() - started < 1_000)
})

t.test('create: retried on 503, a dropped connection and a timeout, always with the same Idempotency-Key', async (t) => {
  const server = await scripted(t, [problem(503, 'unavailable'), 'drop', 'stall', created])
  const { client, retries } = clientOf(server.baseUrl, { retries: 3, timeoutMs: 300 })
  const body = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'correct horse battery' }
  const result = await client.users.create(body)
  t.same(result.user, USER, 'the user')
  t.equal(server.received.length, 4, 'four attempts')
  t.same(
    retries.map((event) => (typeof event.reason === 'number' ? event.reason : event.reason.name)),
    [503, 'NetworkError', 'TimeoutError'],
    'retried after the 503, the dropped connection and the timeout',
  )
  const keys = new Set(server.received.map((request) => request.headers['idempotency-key']))
  t.equal(keys.size, 1, 'one Idempotency-Key on every attempt')
  t.equal([...keys][0], result.idempotencyKey, 'the one the result reports')
  t.match(result.idempotencyKey, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random UUID')
  t.ok(
    server.received.every((request) => JSON.stringify(JSON.parse(request.body)) === JSON.stringify(body)),
    'and the same body',
  )

  const second = await scripted(t, [created])
  const given = await clientOf(second.baseUrl).client.users.create(body, { idempotencyKey: 'my-own-key' })
  t.equal(second.received[0]!.headers['idempotency-key'], 'my-own-key', 'a key given is sent as is')
  t.equal(given.idempotencyKey, 'my-own-key')
  const third = await scripted(t, [created])
  const another = await clientOf(third.baseUrl).client.users.create(body)
  t.not(another.idempotencyKey, result.idempotencyKey, 'each create draws a new key')
})

t.test('create: 409 idempotency_key_in_use (the first attempt still running) is retried after its Retry-After', async (t) => {
  const server = await scripted(t, [problem(409, 'idempotency_key_in_use', { 'retry-after': '1' }), created])
  const { client } = clientOf(server.baseUrl)
  const result = await client.users.create({ email: 'ada@example.com', name: 'Ada', password: 'correct horse battery' })
  t.equal(result.user.id, USER.id)
  t.equal(server.received.length, 2)
  t.ok(gaps(server.received)[0]! >= 950, 'after the second asked for')
})

t.test('never retried without an Idempotency-Key: PATCH, PUT, DELETE, POST /api/keys', async (t) => {
  const calls = {
    PATCH: (client: ReturnType<typeof createClient>) => client.users.update(USER.id, { name: 'A' }),
    PUT: (client: ReturnType<typeof createClient>) => client.users.replace(USER.id, { email: USER.email, name: 'A' }),
    DELETE: (client: ReturnType<typeof createClient>) => client.users.delete(USER.id),
    POST: (client: ReturnType<typeof createClient>) => client.keys.create({ name: 'k', scopes: ['users:read'] }),
  }
  for (const [method, call] of Object.entries(calls)) {
    const server = await scripted(t, [problem(503, 'unavailable'), userOk])
    const error = await failure(call(clientOf(server.baseUrl).client))
    // every /api operation declares 503 unavailable (load shedding): a ProblemError
    t.ok(isProblem(error) && error.status === 503 && String(error.code) === 'unavailable', `${method}: the 503 reaches the caller`)
    t.equal(server.received.length, 1, `${method}: one attempt`)
  }
  const dropped = await scripted(t, ['drop', userOk])
  const error = await failure(clientOf(dropped.baseUrl).client.users.update(USER.id, { status: 'disabled' }))
  t.ok(error instanceof NetworkError && !(error instanceof TimeoutError), 'PATCH on a dropped connection: NetworkError')
  t.equal(dropped.received.length, 1, 'not retried: the update may have happened')
  t.equal(dropped.received[0]!.headers['content-type'], 'application/merge-patch+json', 'PATCH sends a merge patch')
})

t.test('gives up after `retries`', async (t) => {
  const server = await scripted(t, [problem(503, 'unavailable'), problem(503, 'unavailable'), problem(503, 'unavailable'), healthy])
  const error = await failure(clientOf(server.baseUrl, { retries: 2 }).client.ready())
  t.ok(isProblem(error, 'getReadiness') && error.code === 'unavailable', 'the last 503 as a ProblemError')
  t.equal(server.received.length, 3, 'one attempt and two retries')

  const once = await scripted(t, [problem(503, 'unavailable'), healthy])
  await failure(clientOf(once.baseUrl, { retries: 0 }).client.ready())
  t.equal(once.received.length, 1, 'retries: 0 → no retry')
})

t.test('timeouts: a stalled response or body is a TimeoutError after each attempt', async (t) => {
  const server = await scripted(t, ['stall', 'stall'])
  const started = performance.now()
  const error = await failure(clientOf(server.baseUrl, { retries: 1, timeoutMs: 200 }).client.users.get(USER.id))
  t.ok(error instanceof TimeoutError, 'TimeoutError')
  t.equal((error as TimeoutError).timeoutMs, 200)
  t.equal(server.received.length, 2, 'retried once')
  t.ok(performance.now() - started >= 390, 'each attempt had its own 200 ms')

  const body = await scripted(t, ['stall-body'])
  const stalled = await failure(clientOf(body.baseUrl, { retries: 0, timeoutMs: 200 }).client.users.listPage())
  t.ok(stalled instanceof TimeoutError, 'a body that stops arriving times out too')
})

t.test("the caller's abort stops the call and its retries", async (t) => {
  const server = await scripted(t, [problem(503, 'unavailable', { 'retry-after': '5' }), healthy])
  const { client } = clientOf(server.baseUrl)
  const controller = new AbortController()
  const reason = new Error('no longer needed')
  setTimeout(() => controller.abort(reason), 150)
  const started = performance.now()
  t.equal(await failure(client.ready({ signal: controller.signal })), reason, 'aborted during the back-off: the reason is thrown as is')
  t.equal(server.received.length, 1, 'no second attempt')
  t.ok(performance.now() - started < 2_000, 'at once, not after the 5 s asked for')

  const stalled = await scripted(t, ['stall'])
  const aborting = new AbortController()
  setTimeout(() => aborting.abort(reason), 100)
  const error = await failure(clientOf(stalled.baseUrl).client.health({ signal: aborting.signal }))
  t.equal(error, reason, 'aborted mid-request: the reason is thrown as is, not retried')
  t.equal(stalled.received.length, 1)
})
