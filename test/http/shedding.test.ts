// Overload shedding with real overload: a real server process whose event loop is stalled,
// and a real storm of creates against a small hashing queue. Every request gets an answer
// (each is bounded by REQUEST_TIMEOUT_MS), and conditions are polled, never slept for.
import t, { type Test } from 'tap'
import { fileURLToPath } from 'node:url'
import { request, startServer, tempDatabaseUrl, type E2eResponse } from '../helpers/e2e-server.js'

const stallModule = fileURLToPath(new URL('./fixtures/event-loop-stall.mjs', import.meta.url))
const POLL_LIMIT_MS = 60_000

/** Repeats `attempt` until `done` holds for its result; fails after POLL_LIMIT_MS. */
async function pollUntil<T>(what: string, attempt: () => Promise<T>, done: (result: T) => boolean): Promise<T> {
  const deadline = Date.now() + POLL_LIMIT_MS
  for (;;) {
    const result = await attempt()
    if (done(result)) return result
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function assertShed(t: Test, response: E2eResponse, what: string) {
  t.equal(response.status, 503, `${what} → 503`)
  t.equal(response.json?.code, 'unavailable', 'code unavailable')
  t.match(response.headers['retry-after'], /^[1-9][0-9]*$/, 'with Retry-After in seconds')
}

t.test('a stalled event loop sheds API requests with 503 while /healthz stays 200', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t), {
    SHED_MAX_EVENT_LOOP_DELAY_MS: '100',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${stallModule}`.trim(),
  })
  // start-up itself (compiling, migrating) delays the loop past so small a limit: wait it out
  await pollUntil(
    'readiness after start-up',
    () => request(t, server, 'GET', '/readyz', { as: null }),
    (r) => r.status === 200,
  )
  const created = await request(t, server, 'POST', '/api/users', {
    body: { email: 'shed@example.com', name: 'Shed', password: 'shed-pw-1234' },
  })
  t.equal(created.status, 201)
  const location = created.headers.location!

  server.child.kill('SIGWINCH')
  const shed = await pollUntil(
    'a shed read',
    () => request(t, server, 'GET', location),
    (r) => r.status === 503,
  )
  assertShed(t, shed, 'a read while the event loop stalls')
  t.match(shed.json?.detail, /event loop/, 'the detail names the limit passed')
  const health = await request(t, server, 'GET', '/healthz', { as: null })
  t.equal(health.status, 200, '/healthz stays 200: the process is alive')
  const notReady = await pollUntil(
    'readiness to fail',
    () => request(t, server, 'GET', '/readyz', { as: null }),
    (r) => r.status === 503,
  )
  assertShed(t, notReady, '/readyz under pressure')
  t.match(notReady.json?.detail, /over capacity/, 'readiness says why')

  server.child.kill('SIGWINCH')
  await pollUntil(
    'readiness to return',
    () => request(t, server, 'GET', '/readyz', { as: null }),
    (r) => r.status === 200,
  )
  t.equal((await request(t, server, 'GET', location)).status, 200, 'reads are served again')
  const metrics = await request(t, server, 'GET', '/metrics')
  t.match(metrics.text, /^http_requests_shed_total\{reason="eventLoopDelay"\} [1-9]/m, 'shed requests are counted by reason')
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the process stayed up throughout and exits cleanly')
})

t.test('a storm of creates past the hashing queue gets some 503s, the rest 201, and reads go on', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t), { HASH_CONCURRENCY: '1', HASH_QUEUE_MAX: '2' })
  // a loaded machine can delay the loop of a starting process past the default limit too
  await pollUntil(
    'readiness after start-up',
    () => request(t, server, 'GET', '/readyz', { as: null }),
    (r) => r.status === 200,
  )
  const existing = await request(t, server, 'POST', '/api/users', {
    body: { email: 'reader@example.com', name: 'R', password: 'reader-pw-123' },
  })
  t.equal(existing.status, 201)
  const location = existing.headers.location!

  const storm = Array.from({ length: 24 }, (_, i) =>
    request(t, server, 'POST', '/api/users', {
      body: { email: `storm-${i}@example.com`, name: `Storm ${i}`, password: `storm-pw-${i}-xyz` },
    }),
  )
  // reads sent during the storm need no hashing: none of them is refused
  const reads = Array.from({ length: 8 }, () => request(t, server, 'GET', location))
  const creates = await Promise.all(storm)
  const statuses = creates.map((r) => r.status)
  t.ok(
    statuses.every((s) => s === 201 || s === 503),
    `every create answered 201 or 503 (${statuses.join(' ')})`,
  )
  const refused = creates.filter((r) => r.status === 503)
  t.ok(refused.length > 0, `some creates were refused (${refused.length})`)
  t.ok(refused.length < creates.length, 'and the others created users')
  for (const response of refused) {
    t.equal(response.json?.code, 'unavailable')
    t.match(response.headers['retry-after'], /^[1-9][0-9]*$/, 'a refused create says when to retry')
  }
  for (const read of await Promise.all(reads)) t.equal(read.status, 200, 'a read during the storm is served')

  const metrics = await request(t, server, 'GET', '/metrics')
  const rejected = Number(/^password_hashes_rejected_total (\d+)$/m.exec(metrics.text)?.[1])
  t.equal(rejected, refused.length, 'each refusal is counted')
  t.equal((await request(t, server, 'GET', '/healthz', { as: null })).status, 200, 'the process is alive')
  const after = await request(t, server, 'POST', '/api/users', {
    body: { email: 'after@example.com', name: 'A', password: 'after-pw-1234' },
  })
  t.equal(after.status, 201, 'once the storm is over, creates succeed')
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0)
})
