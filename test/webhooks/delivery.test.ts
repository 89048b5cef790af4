import t from 'tap'
import { Webhook } from 'standardwebhooks'
import type { WebhookConfig } from '../../src/config.js'
import { build as buildApp, createUser, type TestApp } from '../helpers/app.js'
import { eventually, type Receiver, startReceiver } from '../helpers/webhook-receiver.js'

const json = { 'content-type': 'application/json' }

/** An app whose worker delivers to loopback receivers, with retries in milliseconds. */
async function build(t: Parameters<typeof buildApp>[0], webhooks: Partial<WebhookConfig> = {}): Promise<TestApp> {
  const defaults = (await import('../../src/config.js')).loadConfig({}).webhooks
  const api = await buildApp(t, {
    webhooks: {
      ...defaults,
      allowHttp: true,
      allowPrivate: true,
      worker: true,
      pollIntervalMs: 20,
      retryScheduleMs: [50, 50, 50],
      ...webhooks,
    },
  })
  return api
}

async function register(api: TestApp, receiver: Receiver, eventTypes: string[] = ['*']) {
  const res = await api.request({
    method: 'POST',
    url: '/api/webhook-endpoints',
    headers: json,
    payload: { url: receiver.url, eventTypes },
  })
  if (res.statusCode !== 201) throw new Error(`registering failed: ${res.statusCode} ${res.body}`)
  const endpoint = res.json() as { id: string; secret: string }
  receiver.useSecret(endpoint.secret)
  return endpoint
}

async function deliveries(api: TestApp, endpointId: string) {
  const res = await api.request({ method: 'GET', url: `/api/webhook-endpoints/${endpointId}/deliveries?limit=100` })
  return res.json().data as Array<{
    id: string
    eventId: string
    eventType: string
    status: string
    attempts: Array<{ number: number; outcome: string; responseStatus: number | null; error: string | null }>
  }>
}

t.test('a receiver verifying with standardwebhooks accepts every delivery; a tampered body or a stale timestamp it rejects', async (t) => {
  const api = await build(t)
  const receiver = await startReceiver(t)
  const endpoint = await register(api, receiver)
  const user = await createUser(api)
  await api.request({ method: 'PATCH', url: `/api/users/${user.id}`, headers: json, payload: { name: 'Renamed' } })
  await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })
  await receiver.waitFor(() => receiver.received.length >= 3, 'three deliveries')
  t.same(
    receiver.received.map((r) => r.verified.ok),
    [true, true, true],
    'every delivery verifies',
  )
  t.same(
    receiver.events().map((r) => r.verified.ok && r.verified.event.type),
    ['user.created', 'user.updated', 'user.deleted'],
    'in the order of the user’s history',
  )
  const [first] = receiver.received
  if (!first?.verified.ok) throw new Error('no verified delivery')
  t.equal(first.headers['webhook-id'], first.verified.event.id, 'webhook-id is the event id')
  t.equal(first.headers['content-type'], 'application/json')
  t.same(Object.keys(first.verified.event).sort(), ['data', 'id', 'occurredAt', 'type'], 'the body is the Event')
  t.equal(first.verified.event.data.user.id, user.id)

  const verifier = new Webhook(endpoint.secret)
  t.throws(
    () => verifier.verify(first.body.replace(user.id, '00000000-0000-7000-8000-000000000000'), first.headers),
    /signature/i,
    'tampered body',
  )
  const stale = String(Math.floor(Date.now() / 1000) - 600)
  t.throws(() => verifier.verify(first.body, { ...first.headers, 'webhook-timestamp': stale }), /too old/, 'stale timestamp')
  t.throws(() => verifier.verify(first.body, { ...first.headers, 'webhook-id': 'another-id' }), /signature/i, 'another id')
  t.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(first.body, first.headers), 'another secret')

  // the worker records an outcome after the receiver has answered: wait for the third record
  const listed = await eventually(async () => {
    const all = await deliveries(api, endpoint.id)
    return all.length === 3 && all.every((d) => d.status !== 'pending') ? all : undefined
  }, 'the three outcomes recorded')
  t.equal(listed.length, 3)
  t.ok(
    listed.every((d) => d.status === 'succeeded' && d.attempts.length === 1 && d.attempts[0]!.responseStatus === 204),
    'each succeeded at once',
  )
})

t.test('500, 500, 500, then 200: delivered on the fourth attempt, and the list shows all four', async (t) => {
  const api = await build(t)
  const receiver = await startReceiver(t)
  const endpoint = await register(api, receiver)
  let answered = 0
  receiver.respond((_request, response) => {
    answered++
    response.statusCode = answered <= 3 ? 500 : 200
    response.end('ok')
  })
  // the hook metrics count outcomes with
  const outcomes: string[] = []
  api.app.webhookWorker!.onOutcome((outcome, latencyMs) => {
    if (latencyMs >= 0) outcomes.push(outcome)
  })
  await createUser(api)
  const [delivery] = await eventually(async () => {
    const list = await deliveries(api, endpoint.id)
    return list[0]?.status === 'succeeded' ? list : undefined
  }, 'the delivery to succeed')
  t.equal(receiver.received.length, 4)
  t.equal(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size, 1, 'every attempt carries the same webhook-id')
  t.same(
    delivery!.attempts.map((a) => [a.number, a.outcome, a.responseStatus]),
    [
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'failed', 500],
      [4, 'succeeded', 200],
    ],
  )
  t.same(outcomes, ['retrying', 'retrying', 'retrying', 'succeeded'], 'onOutcome saw each attempt')
})

t.test('retries exhausted: the delivery fails, the endpoint is disabled and says why; enabled again, later events flow', async (t) => {
  const api = await build(t)
  const receiver = await startReceiver(t)
  const endpoint = await register(api, receiver)
  let failing = true
  receiver.respond((_request, response) => {
    response.statusCode = failing ? 503 : 200
    response.end()
  })
  const user = await createUser(api)
  const disabled = await eventually(async () => {
    const res = await api.request({ method: 'GET', url: `/api/webhook-endpoints/${endpoint.id}` })
    const body = res.json() as { status: string; disabledReason: string }
    return body.status === 'disabled' ? body : undefined
  }, 'the endpoint to be disabled')
  const [failed] = await deliveries(api, endpoint.id)
  t.equal(failed!.status, 'failed')
  t.equal(failed!.attempts.length, 4, 'one attempt and three retries')
  t.match(disabled.disabledReason, new RegExp(`^delivery ${failed!.id} failed 4 times since .+: last response 503$`))

  // while disabled nothing is sent; the event waits
  await api.request({ method: 'PATCH', url: `/api/users/${user.id}`, headers: json, payload: { name: 'While disabled' } })
  const waiting = await eventually(async () => {
    const list = await deliveries(api, endpoint.id)
    return list.length === 2 ? list : undefined
  }, 'the second delivery to be created')
  t.equal(waiting[0]!.status, 'pending')
  t.equal(waiting[0]!.attempts.length, 0, 'not attempted while the endpoint is disabled')

  failing = false
  const enabled = await api.request({
    method: 'PATCH',
    url: `/api/webhook-endpoints/${endpoint.id}`,
    headers: json,
    payload: { status: 'enabled' },
  })
  t.equal(enabled.json().disabledReason, null)
  await eventually(async () => ((await deliveries(api, endpoint.id))[0]?.status === 'succeeded' ? true : undefined), 'the waiting delivery')

  // a manual retry makes the failed one due again, with a new round
  const retried = await api.request({ method: 'POST', url: `/api/webhook-endpoints/${endpoint.id}/deliveries/${failed!.id}/retry` })
  t.equal(retried.statusCode, 202)
  t.equal(retried.json().status, 'pending')
  await eventually(async () => {
    const list = await deliveries(api, endpoint.id)
    const again = list.find((d) => d.id === failed!.id)
    return again?.status === 'succeeded' ? again : undefined
  }, 'the retried delivery')
  const final = (await deliveries(api, endpoint.id)).find((d) => d.id === failed!.id)!
  t.same(
    final.attempts.map((a) => a.outcome),
    ['failed', 'failed', 'failed', 'failed', 'succeeded'],
  )
})

t.test('a 302 is a failure and is not followed', async (t) => {
  const api = await build(t, { retryScheduleMs: [60_000] })
  const receiver = await startReceiver(t)
  const target = await startReceiver(t, '/elsewhere')
  const endpoint = await register(api, receiver)
  receiver.respond((_request, response) => {
    response.writeHead(302, { location: target.url }).end()
  })
  await createUser(api)
  const [delivery] = await eventually(async () => {
    const list = await deliveries(api, endpoint.id)
    return list[0]?.attempts.length ? list : undefined
  }, 'the first attempt')
  t.same(delivery!.attempts[0]!.responseStatus, 302)
  t.equal(delivery!.attempts[0]!.outcome, 'failed')
  t.equal(delivery!.status, 'pending', 'retried later')
  t.equal(target.received.length, 0, 'the redirect was not followed')
})

t.test('an attempt times out; a delivery in flight cannot be retried by hand', async (t) => {
  const api = await build(t, { timeoutMs: 1_500, retryScheduleMs: [60_000] })
  const receiver = await startReceiver(t)
  const endpoint = await register(api, receiver)
  receiver.respond(() => {
    // never answers
  })
  await createUser(api)
  await receiver.waitFor(() => receiver.received.length === 1, 'the attempt')
  const [inFlight] = await deliveries(api, endpoint.id)
  const busy = await api.request({ method: 'POST', url: `/api/webhook-endpoints/${endpoint.id}/deliveries/${inFlight!.id}/retry` })
  t.equal(busy.statusCode, 409)
  t.equal(busy.json().code, 'delivery_in_flight')
  t.match(busy.headers['retry-after'], /^[0-9]+$/)
  const [timedOut] = await eventually(async () => {
    const list = await deliveries(api, endpoint.id)
    return list[0]?.attempts.length ? list : undefined
  }, 'the attempt to time out')
  t.same([timedOut!.attempts[0]!.error, timedOut!.attempts[0]!.responseStatus], ['timeout', null])
})

t.test('deleting an endpoint stops its deliveries', async (t) => {
  const api = await build(t, { worker: false })
  const receiver = await startReceiver(t)
  const kept = await startReceiver(t)
  const endpoint = await register(api, receiver)
  const other = await api.request({
    method: 'POST',
    url: '/api/webhook-endpoints',
    headers: json,
    payload: { url: kept.url, eventTypes: ['user.created'] },
  })
  kept.useSecret(other.json().secret)
  const { createWebhookWorker } = await import('../../src/webhooks/worker.js')
  const { createSender } = await import('../../src/webhooks/sender.js')
  const worker = createWebhookWorker({
    db: api.db,
    config: { ...api.config.webhooks, allowPrivate: true },
    sender: createSender({ allowPrivate: true, timeoutMs: 5_000, maxResponseBytes: 65_536 }),
    log: { warn: () => {}, error: () => {} },
  })
  t.teardown(() => worker.stop())
  await createUser(api)
  await worker.runOnce()
  t.equal(receiver.received.length, 1)
  t.equal((await api.request({ method: 'DELETE', url: `/api/webhook-endpoints/${endpoint.id}` })).statusCode, 204)
  const user = await createUser(api)
  await api.request({ method: 'PATCH', url: `/api/users/${user.id}`, headers: json, payload: { name: 'Changed' } })
  await worker.runOnce()
  await worker.runOnce()
  t.equal(receiver.received.length, 1, 'nothing more reached the deleted endpoint')
  t.equal(kept.events().length, 2, 'the other endpoint got its user.created events (and no user.updated)')
})

t.test('closing the app lets the attempt in flight finish and records it', async (t) => {
  const api = await build(t)
  const receiver = await startReceiver(t)
  await register(api, receiver)
  receiver.respond(async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    response.writeHead(204).end()
  })
  await createUser(api)
  await receiver.waitFor(() => receiver.received.length === 1, 'the attempt to start')
  await api.app.close()
  const delivery = await api.db.prisma.webhookDelivery.findFirstOrThrow({ include: { attempts: true } })
  t.same(
    [delivery.status, delivery.lockedBy, delivery.attempts.map((a) => a.responseStatus)],
    ['succeeded', null, [204]],
    'the delivery finished before the app closed',
  )
})
