// What every outage test checks: each operation of the spec that needs the database, sent
// as a valid request, answers a 503 problem in bounded time, and the service heals.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { listOperations } from '../../src/contract/spec.js'
import { type E2eResponse, type E2eServer, request } from './e2e-server.js'

/** The liveness probe and the metrics do not need the database. */
export const WITHOUT_DATABASE = new Set(['getHealth', 'getMetrics'])

// Any id: with the database out, looking it up fails before "not found" could
const SOME_ID = '01936d50-2b3c-7d4e-8f5a-6b7c8d9e0f1a'

export interface Fixture {
  userId: string
  apiKeyId: string
}

/** A valid request per operation, so that it gets past validation to the database. */
export function validRequests(fixture: Fixture): Record<string, { method: string; path: string; body?: unknown }> {
  const unique = () => Math.random().toString(36).slice(2, 10)
  return {
    listUsers: { method: 'GET', path: '/api/users' },
    createUser: {
      method: 'POST',
      path: '/api/users',
      body: { email: `o-${unique()}@example.com`, name: 'Outage', password: 'correct horse' },
    },
    getUser: { method: 'GET', path: `/api/users/${fixture.userId}` },
    replaceUser: { method: 'PUT', path: `/api/users/${fixture.userId}`, body: { email: `r-${unique()}@example.com`, name: 'Replaced' } },
    updateUser: { method: 'PATCH', path: `/api/users/${fixture.userId}`, body: { name: 'Patched' } },
    deleteUser: { method: 'DELETE', path: `/api/users/${fixture.userId}` },
    verifyUserPassword: { method: 'POST', path: `/api/users/${fixture.userId}/password-verification`, body: { password: 'correct horse' } },
    importUsers: {
      method: 'POST',
      path: '/api/user-imports',
      body: { users: [{ email: `i-${unique()}@example.com`, name: 'Imported', password: 'correct horse' }] },
    },
    listApiKeys: { method: 'GET', path: '/api/keys' },
    createApiKey: { method: 'POST', path: '/api/keys', body: { name: 'outage', scopes: ['users:read'] } },
    deleteApiKey: { method: 'DELETE', path: `/api/keys/${fixture.apiKeyId}` },
    listEvents: { method: 'GET', path: '/api/events' },
    listWebhookEndpoints: { method: 'GET', path: '/api/webhook-endpoints' },
    createWebhookEndpoint: {
      method: 'POST',
      path: '/api/webhook-endpoints',
      body: { url: `https://${unique()}.example.com/hook`, eventTypes: ['*'] },
    },
    getWebhookEndpoint: { method: 'GET', path: `/api/webhook-endpoints/${SOME_ID}` },
    updateWebhookEndpoint: { method: 'PATCH', path: `/api/webhook-endpoints/${SOME_ID}`, body: { status: 'enabled' } },
    deleteWebhookEndpoint: { method: 'DELETE', path: `/api/webhook-endpoints/${SOME_ID}` },
    listWebhookDeliveries: { method: 'GET', path: `/api/webhook-endpoints/${SOME_ID}/deliveries` },
    retryWebhookDelivery: { method: 'POST', path: `/api/webhook-endpoints/${SOME_ID}/deliveries/${SOME_ID}/retry` },
    getReadiness: { method: 'GET', path: '/readyz' },
  }
}

/** Creates the user and the API key the requests name. */
export async function createFixture(t: Test, server: E2eServer): Promise<Fixture> {
  const user = await request(t, server, 'POST', '/api/users', {
    body: { email: 'ada@example.com', name: 'Ada', password: 'correct horse' },
  })
  t.equal(user.status, 201, 'a user exists before the outage')
  const key = await request(t, server, 'POST', '/api/keys', { body: { name: 'fixture', scopes: ['users:read'] } })
  t.equal(key.status, 201, 'an API key exists before the outage')
  return { userId: user.json.id, apiKeyId: key.json.id }
}

export function assertUnavailable(t: Test, response: E2eResponse, what: string): void {
  t.equal(response.status, 503, `${what} → 503`)
  t.equal(response.json?.code, 'unavailable', `${what}: code unavailable`)
  t.match(response.headers['retry-after'], /^[1-9][0-9]*$/, `${what}: Retry-After in seconds`)
  t.equal(response.headers['content-type']?.split(';')[0], 'application/problem+json', `${what}: a problem document`)
  t.notMatch(response.text, /\bat .+:\d+:\d+|Error:|P10\d\d|SQLITE_|ECONNREFUSED|stack/, `${what}: nothing internal in the body`)
}

/**
 * Sends every database operation of the spec (each must have a request above) and checks it
 * answers 503 within `boundMs`: a bound on hanging, far above the configured timeouts, not a
 * measurement.
 */
export async function everyOperationUnavailable(t: Test, server: E2eServer, fixture: Fixture, boundMs: number): Promise<void> {
  const requests = validRequests(fixture)
  const operations = listOperations().filter((op) => !WITHOUT_DATABASE.has(op.operationId))
  t.same(
    operations.map((op) => op.operationId).filter((id) => !(id in requests)),
    [],
    'every database operation of the spec has a request here',
  )
  for (const op of operations) {
    const spec = requests[op.operationId]!
    const started = Date.now()
    const response = await request(t, server, spec.method, spec.path, spec.body === undefined ? {} : { body: spec.body })
    const elapsed = Date.now() - started
    assertUnavailable(t, response, `${op.operationId} while the database is out`)
    t.ok(elapsed < boundMs, `${op.operationId} answered within ${boundMs} ms (took ${elapsed} ms): no hang`)
  }
}

/** Polls until `check` is true; the service must heal by itself, without a restart. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`)
    await sleep(200)
  }
}
