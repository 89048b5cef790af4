// At least once across a crash: the delivering process is killed (SIGKILL) in the middle of a
// burst; after a restart every event reaches the receiver, a repeated one under the same
// webhook-id.
import t from 'tap'
import { request, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'
import { startReceiver } from '../helpers/webhook-receiver.js'

const WEBHOOKS = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  // a killed worker's lease expires 5 s after the timeout
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_RETRY_SCHEDULE: '200,200,200,200,200,200,200,200',
  WEBHOOK_CONCURRENCY: '4',
}

t.test('kill -9 of the delivering process mid-burst: after a restart every event is delivered', async (t) => {
  const databaseUrl = tempDatabaseUrl(t)

  const receiver = await startReceiver(t)
  // slow enough that the burst is still being delivered when the process dies
  let answered = 0
  receiver.respond(async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 100))
    response.writeHead(204).end()
    answered++
  })
  const first = await startServer(t, databaseUrl, WEBHOOKS)
  const registered = await request(t, first, 'POST', '/api/webhook-endpoints', { body: { url: receiver.url, eventTypes: ['*'] } })
  t.equal(registered.status, 201)
  receiver.useSecret(registered.json.secret)

  const COUNT = 40
  const users = await Promise.all(
    Array.from({ length: COUNT }, async (_, i) => {
      const response = await request(t, first, 'POST', '/api/users', {
        body: { email: `burst-${i}@example.com`, name: `Burst ${i}`, password: 'correct horse' },
      })
      return response.json.id as string
    }),
  )
  await receiver.waitFor(() => receiver.received.length >= 5, 'the first deliveries')
  first.child.kill('SIGKILL')
  t.comment(`killed with ${receiver.received.length} received, ${answered} answered`)
  const exit = await first.exited
  t.equal(exit.signal, 'SIGKILL')
  const beforeRestart = receiver.received.length
  t.ok(beforeRestart < COUNT, `the process died mid-burst (${beforeRestart} of ${COUNT} delivered)`)

  receiver.respond((_request, response) => {
    response.writeHead(204).end()
  })
  const second = await startServer(t, databaseUrl, WEBHOOKS)
  const delivered = () => new Set(receiver.events().map((r) => (r.verified.ok ? r.verified.event.data.user.id : '')))
  // done when the service has recorded a success for every delivery: the attempts the
  // crash cut off are made again once their leases expire
  const deadline = Date.now() + 90_000
  for (;;) {
    const list = await request(t, second, 'GET', `/api/webhook-endpoints/${registered.json.id}/deliveries?limit=100`)
    const data = list.json.data as Array<{ status: string }>
    if (data.length === COUNT && data.every((d) => d.status === 'succeeded')) break
    if (Date.now() > deadline) throw new Error(`not every delivery succeeded: ${JSON.stringify(data.map((d) => d.status))}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  t.ok(
    users.every((id) => delivered().has(id)),
    'the receiver got every user.created event',
  )

  t.ok(
    receiver.received.every((r) => r.verified.ok),
    'every delivery verifies',
  )
  const idsByEvent = new Map<string, Set<string>>()
  for (const r of receiver.events()) {
    if (!r.verified.ok) continue
    const ids = idsByEvent.get(r.verified.event.data.user.id) ?? new Set()
    ids.add(r.headers['webhook-id']!)
    idsByEvent.set(r.verified.event.data.user.id, ids)
    t.equal(r.headers['webhook-id'], r.verified.event.id, 'webhook-id is the event id')
  }
  t.equal(idsByEvent.size, COUNT, 'every event arrived')
  // the attempts in flight at the kill were received, never recorded, and made again
  t.ok(receiver.received.length > COUNT, 'some events arrived twice')
  t.ok(
    [...idsByEvent.values()].every((ids) => ids.size === 1),
    `a repeated delivery carries the same webhook-id (${receiver.received.length - COUNT} repeated)`,
  )
  const exit2 = await second.stop('SIGTERM')
  t.equal(exit2.code, 0, 'the restarted server shuts down cleanly, its worker with it')
})
