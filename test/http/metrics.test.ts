import t from 'tap'
import { startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'
import { build, createUser, issueKey } from '../helpers/app.js'

/** The value of one sample line of a scrape, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

t.test('after a few calls, /metrics counts and times each operation', async (t) => {
  const api = await build(t)
  const user = await createUser(api)
  for (let i = 0; i < 3; i++) t.equal((await api.request({ url: `/api/users/${user.id}` })).statusCode, 200)
  t.equal((await api.request({ url: '/api/users/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f' })).statusCode, 404)
  t.equal((await api.request({ url: '/no/such/path/42' })).statusCode, 404)
  const key = await issueKey(api, ['metrics:read'])

  const response = await api.request({ url: '/metrics', as: key })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8', 'the Prometheus text format, version 0.0.4')
  const text = response.body
  t.equal(sample(text, 'http_requests_total{operation="getUser",method="GET",status="200"}'), 3, 'three reads counted')
  t.equal(sample(text, 'http_requests_total{operation="getUser",method="GET",status="404"}'), 1, 'the miss counted apart')
  t.equal(sample(text, 'http_requests_total{operation="createUser",method="POST",status="201"}'), 1)
  t.equal(
    sample(text, 'http_request_duration_seconds_count{operation="getUser",method="GET",status="200"}'),
    3,
    'a histogram per operation',
  )
  t.equal(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",operation="getUser",method="GET",status="200"}'), 3)
  t.ok((sample(text, 'http_request_duration_seconds_sum{operation="getUser",method="GET",status="200"}') ?? 0) > 0)
  t.equal(sample(text, 'http_requests_total{operation="unmatched",method="GET",status="404"}'), 1, 'an unknown path is "unmatched"')
  t.notOk(text.includes('/no/such/path'), 'a raw URL never becomes a label')
  t.ok(
    (sample(text, 'db_query_duration_seconds_count{model="User",action="create",outcome="ok"}') ?? 0) >= 1,
    'database queries by model and action',
  )
  // SQLite: the first read of the user and the miss went to the database, the other two
  // reads were answered by the read cache
  t.ok((sample(text, 'db_query_duration_seconds_count{model="User",action="findUnique",outcome="ok"}') ?? 0) >= 2)
  t.ok((sample(text, 'db_read_cache_lookups_total{model="User",result="hit"}') ?? 0) >= 2, 'read cache hits')
  t.ok((sample(text, 'db_read_cache_lookups_total{model="User",result="miss"}') ?? 0) >= 2, 'and misses')
  t.equal(sample(text, 'password_hashes_in_flight'), 0, 'no hash runs now')
  t.equal(sample(text, 'password_hashes_waiting'), 0)
  t.match(text, /# TYPE webhook_deliveries_total counter/, 'the webhook counter is registered for the delivery worker')
  t.match(text, /# TYPE nodejs_eventloop_lag_seconds gauge/, 'event-loop metrics')
  t.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 0, 'process metrics')
})

t.test('/metrics needs a key with metrics:read', async (t) => {
  const api = await build(t)
  const anonymous = await api.request({ url: '/metrics', as: null })
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().code, 'unauthorized')
  t.match(anonymous.headers['www-authenticate'], /^Bearer/)
  const reader = await issueKey(api, ['users:read'])
  const forbidden = await api.request({ url: '/metrics', as: reader })
  t.equal(forbidden.statusCode, 403)
  t.equal(forbidden.json().code, 'forbidden')
  const master = await api.request({ url: '/metrics' })
  t.equal(master.statusCode, 200, 'the master key holds every scope')
  t.notOk('ratelimit-limit' in master.headers, 'a scrape is not rate limited')
})

t.test('METRICS_PORT serves the same text without a key, on its own port', async (t) => {
  const probe = await build(t)
  // a free port: listen on 0, read it, close
  const { port: metricsPort } = await new Promise<{ port: number }>((resolve) => {
    const server = probe.app.server
    void probe.app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
      const address = server.address() as { port: number }
      void probe.app.close().then(() => resolve(address))
    })
  })
  const server = await startServer(t, tempDatabaseUrl(t), { METRICS_PORT: String(metricsPort) })
  const read = await fetch(`${server.baseUrl}/healthz`)
  t.equal(read.status, 200)
  const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
  t.equal(scrape.status, 200, 'no key needed on the metrics port')
  t.equal(scrape.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8')
  const text = await scrape.text()
  t.equal(sample(text, 'http_requests_total{operation="getHealth",method="GET",status="200"}'), 1, 'it sees the API port’s requests')
  t.equal((await fetch(`http://127.0.0.1:${metricsPort}/api/users`)).status, 404, 'the metrics port serves nothing else')
  t.equal((await fetch(`${server.baseUrl}/metrics`)).status, 401, 'the API port still wants a key')
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'both listeners close on shutdown')
})
