// The end-to-end suite through the SDK: every operation of openapi.yaml and every status it
// declares, driven over HTTP against a deployment given by its base URL (the service itself,
// or the service behind a proxy). Every response is checked against the contract, and the
// suite ends by asserting that each (operation, declared status) pair was seen.
import { randomUUID } from 'node:crypto'
import type { Test } from 'tap'
import { contractViolations, operationFor } from '../../src/contract/check.js'
import { listOperations } from '../../src/contract/spec.js'
import {
  type Client,
  type ClientOptions,
  createClient,
  type FetchLike,
  isProblem,
  type OperationId,
  type ProblemErrorFor,
  type User,
  type UserCreate,
} from '../../sdk/src/index.js'

export interface SdkSuiteOptions {
  /** The service under test, e.g. http://127.0.0.1:3000 (or a proxy in front of it). */
  baseUrl: string
  /** Its API_MASTER_KEY. */
  masterKey: string
  /**
   * The same service (same master key) with a small RATE_LIMIT_MAX (50 at most) and a
   * window of a minute or more: the suite spends the master key's budget there, then expects
   * a 429 from every operation that declares one.
   */
  rateLimitedBaseUrl: string
  /** The service's BODY_LIMIT_BYTES (default 65536): the 413 cases send a little more. */
  bodyLimitBytes?: number
  /** The service's IMPORT_BODY_LIMIT_BYTES (default 5 MiB), the body limit of importUsers. */
  importBodyLimitBytes?: number
  /**
   * The base URLs reach the service through a proxy that validates requests against the
   * document and refuses those it does not allow (Prism's `proxy --errors`). The suite's
   * deliberately invalid requests (the 400, 413 and 415 cases, and a 401 without any key) may
   * then be answered by the proxy instead of the service: such an answer is accepted for
   * those requests only, and the statuses only the service could have given are listed
   * rather than required.
   */
  validatingProxy?: boolean
  /**
   * Removes every change event the service keeps, as its retention does once they are old:
   * over HTTP alone events cannot be aged, and the 410 of listEvents needs it.
   */
  expireEvents: () => Promise<unknown>
  /**
   * A webhook receiver the service may deliver to (its WEBHOOK_ALLOW_* flags permit the
   * URL), which holds each request unanswered until `release()`: a delivery that exists and
   * one in flight need both. Without it the suite cannot make retryWebhookDelivery answer
   * 202 or 409, and says so.
   */
  webhookReceiver?: WebhookReceiverControl
}

export interface WebhookReceiverControl {
  url: string
  /** resolves once a delivery is held unanswered */
  holding(): Promise<void>
  /** answers the held requests (204) and every later one at once */
  release(): void
}

// A 500 or a 503 needs a broken database, which a suite that only speaks HTTP to a deployment
// cannot cause (the service's own tests cover them by breaking the database). They are the
// only declared statuses this suite does not exercise.
const NEEDS_A_BROKEN_DATABASE = new Set(['500', '503'])

// How many creates are in flight at once for the 250-user table (each hashes a password).
const CREATE_CONCURRENCY = 8

const NULL_BODY_STATUSES = new Set([204, 304])

/** A fetch that checks every response against the contract and records which (operation, status) it was. */
function createRecorder(t: Test, validatingProxy: boolean) {
  const seen = new Map<string, Set<string>>()
  const state = { sendingInvalid: false, answeredByProxy: false }
  function fetchFor(baseUrl: string): FetchLike {
    // a proxy may serve the API under a path prefix; the document's paths start after it
    const prefix = new URL(baseUrl).pathname.replace(/\/$/, '')
    return async (input, init) => {
      const response = await globalThis.fetch(input, init)
      const body = await response.text()
      const url = new URL(input)
      const path = url.pathname.slice(prefix.length) || '/'
      const method = init.method ?? 'GET'
      const headers = Object.fromEntries(response.headers)
      // every answer of the service has an X-Request-Id; a proxy's own refusal has none
      if (validatingProxy && state.sendingInvalid && !response.headers.has('x-request-id')) {
        state.answeredByProxy = true
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
      }
      t.same(
        contractViolations(method, path + url.search, { statusCode: response.status, headers, body }),
        [],
        `${method} ${path} → ${response.status} conforms to openapi.yaml`,
      )
      const operation = operationFor(method, path)
      if (operation) {
        const statuses = seen.get(operation.operationId) ?? new Set<string>()
        statuses.add(String(response.status))
        seen.set(operation.operationId, statuses)
      }
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    }
  }
  return { fetchFor, seen, state }
}

/** `fetch` with one header replaced: how the suite sends what the SDK's typed calls never would. */
function withHeader(fetch: FetchLike, name: string, value: string): FetchLike {
  return (input, init) => {
    const headers = new Headers(init.headers)
    headers.set(name, value)
    return fetch(input, { ...init, headers })
  }
}

/** `fetch` with a query parameter added that no operation declares. */
function withUnknownQueryParameter(fetch: FetchLike): FetchLike {
  return (input, init) => fetch(`${input}${input.includes('?') ? '&' : '?'}unexpected=1`, init)
}

interface ExpectProblem {
  <Op extends OperationId>(t: Test, operation: Op, status: number, code: string, call: () => Promise<unknown>): Promise<ProblemErrorFor<Op>>
  <Op extends OperationId>(
    t: Test,
    operation: Op,
    status: number,
    code: string,
    call: () => Promise<unknown>,
    invalid: 'invalid',
  ): Promise<ProblemErrorFor<Op> | undefined>
}

/**
 * Expects `call` to fail with a ProblemError of `operation`, `status` and `code`, and returns
 * it. A call marked 'invalid' sends what the document does not allow: behind a validating
 * proxy the proxy may refuse it instead (then the result is undefined, and the pair is noted).
 */
function problemExpecter(recorder: ReturnType<typeof createRecorder>, answeredByProxy: Set<string>): ExpectProblem {
  return (async <Op extends OperationId>(
    t: Test,
    operation: Op,
    status: number,
    code: string,
    call: () => Promise<unknown>,
    invalid?: 'invalid',
  ) => {
    recorder.state.sendingInvalid = invalid === 'invalid'
    recorder.state.answeredByProxy = false
    let outcome: unknown
    try {
      outcome = await call()
    } catch (error) {
      if (recorder.state.answeredByProxy) {
        t.pass(
          `${operation}: the proxy refused the invalid request (${(error as { status?: number }).status}) instead of the service's ${status}`,
        )
        answeredByProxy.add(`${operation} ${status}`)
        return undefined
      }
      if (isProblem(error, operation)) {
        t.equal(error.status, status, `${operation} → ${status}`)
        t.equal(error.code, code, `${operation} → code ${code}`)
        return error
      }
      t.fail(`${operation}: expected a ProblemError ${status} ${code}, got ${String(error)}`)
      throw error
    } finally {
      recorder.state.sendingInvalid = false
    }
    t.fail(`${operation}: expected a ProblemError ${status} ${code}, got a success`, { outcome })
    throw new Error(`${operation} did not fail`)
  }) as ExpectProblem
}

/** Runs `task` over `items`, `concurrency` at a time, in order of completion. */
async function pool<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++]!
      results.push(await task(item))
    }
  })
  await Promise.all(workers)
  return results
}

export async function runSdkSuite(t: Test, options: SdkSuiteOptions): Promise<void> {
  const bodyLimit = options.bodyLimitBytes ?? 65_536
  const recorder = createRecorder(t, options.validatingProxy === true)
  const answeredByProxy = new Set<string>()
  const expectProblem = problemExpecter(recorder, answeredByProxy)
  const recorded = recorder.fetchFor(options.baseUrl)
  // one tag per run: the suite's users are told apart from whatever else the service holds
  const run = randomUUID().slice(0, 8)
  const emailOf = (label: string) => `sdk-${run}-${label}@example.com`
  const newUser = (label: string, overrides: Partial<UserCreate> = {}): UserCreate => ({
    email: emailOf(label),
    name: `SDK ${run} ${label}`,
    password: 'correct horse battery',
    ...overrides,
  })
  let lastRequestId = ''
  let requests = 0
  const clientFor = (apiKey: string | undefined, extra: Partial<ClientOptions> = {}): Client =>
    createClient({
      baseUrl: options.baseUrl,
      ...(apiKey === undefined ? {} : { apiKey }),
      fetch: recorded,
      requestId: () => {
        lastRequestId = `sdk-e2e-${run}-${++requests}`
        return lastRequestId
      },
      ...extra,
    })
  const master = clientFor(options.masterKey)
  const anonymous = clientFor(undefined)
  const wrongKey = clientFor('not-a-key-of-this-service-0123456789abcdef')
  const mislabelled = (apiKey: string | undefined) => clientFor(apiKey, { fetch: withHeader(recorded, 'content-type', 'text/plain') })
  const unknownQuery = (apiKey: string | undefined) => clientFor(apiKey, { fetch: withUnknownQueryParameter(recorded) })
  const oversized = 'x'.repeat(bodyLimit + 1024)

  await t.test('service probes', async (t) => {
    t.same(await anonymous.health(), { status: 'ok' }, 'health() → ok without a key')
    t.same(await anonymous.ready(), { status: 'ok' }, 'ready() → ok without a key')
    await expectProblem(t, 'getHealth', 400, 'validation_failed', () => unknownQuery(undefined).health(), 'invalid')
    await expectProblem(t, 'getReadiness', 400, 'validation_failed', () => unknownQuery(undefined).ready(), 'invalid')
  })

  await t.test('metrics', async (t) => {
    const text = await master.metrics()
    t.match(text, /^http_requests_total\{operation="getHealth",method="GET",status="200"\} \d+$/m, 'getMetrics → 200, Prometheus text')
    await expectProblem(t, 'getMetrics', 401, 'unauthorized', () => anonymous.metrics(), 'invalid')
    const reader = await master.keys.create({ name: `sdk-${run}-not-metrics`, scopes: ['users:read'] })
    await expectProblem(t, 'getMetrics', 403, 'forbidden', () => clientFor(reader.key).metrics())
    await master.keys.revoke(reader.id)
    const scraper = await master.keys.create({ name: `sdk-${run}-metrics`, scopes: ['metrics:read'] })
    t.match(await clientFor(scraper.key).metrics(), /# TYPE http_request_duration_seconds histogram/, 'a metrics:read key scrapes')
    await master.keys.revoke(scraper.id)
    await expectProblem(t, 'getMetrics', 400, 'validation_failed', () => unknownQuery(options.masterKey).metrics(), 'invalid')
  })

  // scoped keys, issued in the next subtest and used by the ones after it
  let readKey = ''
  let writeKey = ''

  await t.test('API keys', async (t) => {
    const read = await master.keys.create({ name: `sdk-${run}-read`, scopes: ['users:read'] })
    t.same(read.scopes, ['users:read'], 'createApiKey → 201 with its scopes')
    t.ok(read.key.length >= 32, 'and its secret')
    const write = await master.keys.create({ name: `sdk-${run}-write`, scopes: ['users:write'] })
    readKey = read.key
    writeKey = write.key

    const listed = await master.keys.list()
    const ids = listed.data.map((key) => key.id)
    t.ok(ids.includes(read.id) && ids.includes(write.id), 'listApiKeys lists both')
    t.notOk(
      listed.data.some((key) => 'key' in key),
      'without their secrets',
    )

    const doomed = await master.keys.create({ name: `sdk-${run}-doomed`, scopes: ['users:read'] })
    await master.keys.revoke(doomed.id)
    t.pass('deleteApiKey → 204')
    const revoked = await expectProblem(t, 'listUsers', 401, 'unauthorized', () => clientFor(doomed.key).users.listPage())
    t.match(revoked.headers.get('www-authenticate'), /^Bearer/, 'a revoked key is refused at once, with WWW-Authenticate')

    const unknownKey = await expectProblem(t, 'deleteApiKey', 404, 'not_found', () => master.keys.revoke(randomUUID()))
    t.equal(unknownKey.requestId, lastRequestId, 'the problem carries the X-Request-Id the SDK sent')
    await expectProblem(t, 'deleteApiKey', 400, 'validation_failed', () => master.keys.revoke('not-a-uuid'), 'invalid')
    const invalid = await expectProblem(
      t,
      'createApiKey',
      400,
      'validation_failed',
      () => master.keys.create({ name: `sdk-${run}-none`, scopes: [] }),
      'invalid',
    )
    if (invalid) {
      t.ok(
        invalid.problem.errors?.some((e) => e.pointer.startsWith('/body/scopes')),
        'a 400 points at the offending member',
      )
    }
    await expectProblem(t, 'listApiKeys', 400, 'validation_failed', () => unknownQuery(options.masterKey).keys.list(), 'invalid')
    await expectProblem(
      t,
      'createApiKey',
      413,
      'payload_too_large',
      () => master.keys.create({ name: oversized, scopes: ['users:read'] }),
      'invalid',
    )
    await expectProblem(
      t,
      'createApiKey',
      415,
      'unsupported_media_type',
      () => mislabelled(options.masterKey).keys.create({ name: `sdk-${run}-text`, scopes: ['users:read'] }),
      'invalid',
    )

    await expectProblem(t, 'listApiKeys', 401, 'unauthorized', () => wrongKey.keys.list())
    await expectProblem(t, 'createApiKey', 401, 'unauthorized', () => wrongKey.keys.create({ name: 'x', scopes: ['users:read'] }))
    await expectProblem(t, 'deleteApiKey', 401, 'unauthorized', () => wrongKey.keys.revoke(read.id))
    // issued keys never manage keys, whatever their scopes
    await expectProblem(t, 'listApiKeys', 403, 'forbidden', () => clientFor(readKey).keys.list())
    await expectProblem(t, 'createApiKey', 403, 'forbidden', () => clientFor(writeKey).keys.create({ name: 'x', scopes: ['users:read'] }))
    await expectProblem(t, 'deleteApiKey', 403, 'forbidden', () => clientFor(writeKey).keys.revoke(read.id))
  })

  await t.test('users: create, read, replace, update, delete, with their failures', async (t) => {
    const reader = clientFor(readKey)
    const writer = clientFor(writeKey)

    const created = await writer.users.create(newUser('ada', { email: `  ${emailOf('ADA').toUpperCase()} ` }))
    const ada = created.user
    t.equal(ada.email, emailOf('ada'), 'createUser → 201, the email trimmed and lower-cased')
    t.equal(created.location, `/api/users/${ada.id}`, 'with Location')
    t.match(created.etag, /^"[^"]+"$/, 'and an ETag')
    t.equal(created.replayed, false, 'not a replay')
    t.match(created.idempotencyKey, /^[0-9a-f-]{36}$/, 'sent with an Idempotency-Key the SDK generated')
    const bob = (await master.users.create(newUser('bob'))).user

    const read = await reader.users.get(ada.id)
    t.equal(read.notModified, false, 'getUser → 200')
    if (!read.notModified) {
      t.same(read.user, ada, 'the user as created')
      t.equal(read.etag, created.etag, 'with the ETag of the create')
    }
    const cached = await reader.users.get(ada.id, { ifNoneMatch: created.etag })
    t.same(cached, { notModified: true, etag: created.etag }, 'getUser with If-None-Match → 304, as a value')

    // a retry with the same key replays the first outcome and creates nothing
    const key = randomUUID()
    const first = await writer.users.create(newUser('carol'), { idempotencyKey: key })
    const again = await writer.users.create(newUser('carol'), { idempotencyKey: key })
    t.equal(again.replayed, true, 'the same Idempotency-Key and body → Idempotent-Replayed')
    t.equal(again.user.id, first.user.id, 'the same user')
    t.equal(again.idempotencyKey, key, 'under the key given')
    await expectProblem(t, 'createUser', 422, 'idempotency_key_reused', () =>
      writer.users.create(newUser('carol', { name: 'Someone Else' }), { idempotencyKey: key }),
    )

    const taken = await expectProblem(t, 'createUser', 409, 'email_taken', () =>
      writer.users.create(newUser('ada-again', { email: emailOf('Ada') })),
    )
    t.notOk('existingUserId' in taken.problem, 'a users:write key that cannot read users learns no id')
    t.equal(taken.headers.get('link'), null)
    const named = await expectProblem(t, 'createUser', 409, 'email_taken', () =>
      master.users.create(newUser('ada-again', { email: emailOf('Ada') })),
    )
    if (named.code === 'email_taken')
      t.equal(named.problem.existingUserId, ada.id, 'to a key that may read users, email_taken names the existing user')
    t.equal(named.headers.get('link'), `</api/users/${ada.id}>; rel="existing"`, 'and links to it')

    const badEmail = await expectProblem(
      t,
      'createUser',
      400,
      'validation_failed',
      () => writer.users.create(newUser('bad', { email: 'not-an-email' })),
      'invalid',
    )
    if (badEmail) {
      t.ok(
        badEmail.problem.errors?.some((e) => e.pointer === '/body/email'),
        'pointing at /body/email',
      )
    }
    await expectProblem(t, 'createUser', 401, 'unauthorized', () => wrongKey.users.create(newUser('anonymous')))
    await expectProblem(t, 'createUser', 403, 'forbidden', () => reader.users.create(newUser('reader')))
    await expectProblem(
      t,
      'createUser',
      413,
      'payload_too_large',
      () => writer.users.create(newUser('huge', { name: oversized })),
      'invalid',
    )
    await expectProblem(
      t,
      'createUser',
      415,
      'unsupported_media_type',
      () => mislabelled(writeKey).users.create(newUser('text')),
      'invalid',
    )

    await expectProblem(t, 'getUser', 400, 'validation_failed', () => reader.users.get('not-a-uuid'), 'invalid')
    await expectProblem(t, 'getUser', 401, 'unauthorized', () => wrongKey.users.get(ada.id))
    await expectProblem(t, 'getUser', 403, 'forbidden', () => writer.users.get(ada.id))
    await expectProblem(t, 'getUser', 404, 'not_found', () => reader.users.get(randomUUID()))

    // replaceUser
    const replaced = await writer.users.replace(ada.id, { email: ada.email, name: 'Augusta Ada King' }, { ifMatch: created.etag })
    t.equal(replaced.user.name, 'Augusta Ada King', 'replaceUser with the current ETag → 200')
    t.not(replaced.etag, created.etag, 'a new ETag')
    const staleReplace = await expectProblem(t, 'replaceUser', 412, 'precondition_failed', () =>
      writer.users.replace(ada.id, { email: ada.email, name: 'Lost Update' }, { ifMatch: created.etag }),
    )
    checkCurrentEtag(t, 'replaceUser', staleReplace, replaced.etag)
    await expectProblem(t, 'replaceUser', 409, 'email_taken', () => writer.users.replace(ada.id, { email: bob.email, name: 'Ada' }))
    await expectProblem(
      t,
      'replaceUser',
      400,
      'validation_failed',
      () => writer.users.replace(ada.id, { email: 'not-an-email', name: 'Ada' }),
      'invalid',
    )
    await expectProblem(t, 'replaceUser', 404, 'not_found', () =>
      writer.users.replace(randomUUID(), { email: emailOf('nobody'), name: 'N' }),
    )
    await expectProblem(t, 'replaceUser', 401, 'unauthorized', () => wrongKey.users.replace(ada.id, { email: ada.email, name: 'A' }))
    await expectProblem(t, 'replaceUser', 403, 'forbidden', () => reader.users.replace(ada.id, { email: ada.email, name: 'A' }))
    await expectProblem(
      t,
      'replaceUser',
      413,
      'payload_too_large',
      () => writer.users.replace(ada.id, { email: ada.email, name: oversized }),
      'invalid',
    )
    await expectProblem(
      t,
      'replaceUser',
      415,
      'unsupported_media_type',
      () => mislabelled(writeKey).users.replace(ada.id, { email: ada.email, name: 'A' }),
      'invalid',
    )

    // updateUser (a merge patch)
    const updated = await writer.users.update(ada.id, { status: 'disabled' }, { ifMatch: replaced.etag })
    t.equal(updated.user.status, 'disabled', 'updateUser with the current ETag → 200')
    t.equal(updated.user.name, 'Augusta Ada King', 'fields absent from the patch are kept')
    const staleUpdate = await expectProblem(t, 'updateUser', 412, 'precondition_failed', () =>
      writer.users.update(ada.id, { name: 'Lost Update' }, { ifMatch: replaced.etag }),
    )
    checkCurrentEtag(t, 'updateUser', staleUpdate, updated.etag)
    await expectProblem(t, 'updateUser', 409, 'email_taken', () => writer.users.update(ada.id, { email: bob.email }))
    await expectProblem(t, 'updateUser', 400, 'validation_failed', () => writer.users.update(ada.id, { name: ' ' }), 'invalid')
    await expectProblem(t, 'updateUser', 404, 'not_found', () => writer.users.update(randomUUID(), { name: 'N' }))
    await expectProblem(t, 'updateUser', 401, 'unauthorized', () => wrongKey.users.update(ada.id, { name: 'A' }))
    await expectProblem(t, 'updateUser', 403, 'forbidden', () => reader.users.update(ada.id, { name: 'A' }))
    await expectProblem(t, 'updateUser', 413, 'payload_too_large', () => writer.users.update(ada.id, { name: oversized }), 'invalid')
    await expectProblem(
      t,
      'updateUser',
      415,
      'unsupported_media_type',
      () => mislabelled(writeKey).users.update(ada.id, { name: 'A' }),
      'invalid',
    )

    // deleteUser
    const staleDelete = await expectProblem(t, 'deleteUser', 412, 'precondition_failed', () =>
      writer.users.delete(ada.id, { ifMatch: created.etag }),
    )
    checkCurrentEtag(t, 'deleteUser', staleDelete, updated.etag)
    await expectProblem(t, 'deleteUser', 400, 'validation_failed', () => writer.users.delete('not-a-uuid'), 'invalid')
    await expectProblem(t, 'deleteUser', 401, 'unauthorized', () => wrongKey.users.delete(ada.id))
    await expectProblem(t, 'deleteUser', 403, 'forbidden', () => reader.users.delete(ada.id))
    await writer.users.delete(ada.id, { ifMatch: updated.etag })
    t.pass('deleteUser with the current ETag → 204')
    await expectProblem(t, 'deleteUser', 404, 'not_found', () => writer.users.delete(ada.id))
    await expectProblem(t, 'getUser', 404, 'not_found', () => reader.users.get(ada.id))
  })

  await t.test('the user record: externalId, metadata, batch read, password verification, import', async (t) => {
    const writer = clientFor(writeKey)
    const verifier = clientFor((await master.keys.create({ name: `sdk-${run}-verify`, scopes: ['users:verify'] })).key)

    const ada = (await master.users.create(newUser('record-ada', { externalId: `sdk-${run}-ada`, metadata: { plan: run, seats: '3' } })))
      .user
    t.same([ada.externalId, ada.metadata], [`sdk-${run}-ada`, { plan: run, seats: '3' }], 'createUser with externalId and metadata')
    const taken = await expectProblem(t, 'createUser', 409, 'external_id_taken', () =>
      master.users.create(newUser('record-dup', { externalId: `sdk-${run}-ada` })),
    )
    if (taken.code === 'external_id_taken') t.equal(taken.problem.existingUserId, ada.id, 'external_id_taken names the existing user')
    const patched = await writer.users.update(ada.id, { metadata: { seats: null, region: 'eu' } })
    t.same(patched.user.metadata, { plan: run, region: 'eu' }, 'a merge patch sets one key and removes another')
    const grace = (await master.users.create(newUser('record-grace', { metadata: { plan: run } }))).user
    const byMetadata = await master.users.listPage({ metadata: { plan: run, region: 'eu' } })
    t.same(
      byMetadata.data.map((u) => u.id),
      [ada.id],
      'listUsers metadata[plan]&metadata[region] (deepObject)',
    )
    const byId = await master.users.listPage({ id: [grace.id, randomUUID(), ada.id], sort: '-createdAt' })
    t.same(
      byId.data.map((u) => u.id),
      [grace.id, ada.id],
      'listUsers id=…&id=…: those that exist, in the sort order',
    )
    t.same(
      (await master.users.listPage({ externalId: `sdk-${run}-ada` })).data.map((u) => u.id),
      [ada.id],
      'listUsers externalId=',
    )

    t.equal(await verifier.users.verifyPassword(ada.id, 'correct horse battery'), true, 'verifyUserPassword → 200 verified: true')
    await expectProblem(t, 'verifyUserPassword', 400, 'validation_failed', () => verifier.users.verifyPassword(ada.id, ''), 'invalid')
    await expectProblem(t, 'verifyUserPassword', 401, 'unauthorized', () => wrongKey.users.verifyPassword(ada.id, 'x'))
    await expectProblem(t, 'verifyUserPassword', 403, 'forbidden', () => writer.users.verifyPassword(ada.id, 'x'))
    await expectProblem(t, 'verifyUserPassword', 404, 'not_found', () => verifier.users.verifyPassword(randomUUID(), 'x'))
    await expectProblem(
      t,
      'verifyUserPassword',
      413,
      'payload_too_large',
      () => verifier.users.verifyPassword(ada.id, oversized),
      'invalid',
    )
    await expectProblem(
      t,
      'verifyUserPassword',
      415,
      'unsupported_media_type',
      () => mislabelled(options.masterKey).users.verifyPassword(ada.id, 'x'),
      'invalid',
    )
    const wrong: boolean[] = []
    for (let attempt = 0; attempt < 5; attempt++) wrong.push(await verifier.users.verifyPassword(grace.id, 'not her password'))
    t.same(wrong, [false, false, false, false, false], 'five wrong passwords: verified false')
    const locked = await expectProblem(t, 'verifyUserPassword', 429, 'too_many_attempts', () =>
      verifier.users.verifyPassword(grace.id, 'correct horse battery'),
    )
    t.ok(locked.retryAfter !== undefined && locked.retryAfter > 0, `then 429 too_many_attempts with retryAfter ${locked.retryAfter} s`)

    const imported = await writer.users.import([
      { email: emailOf('imported'), name: 'Imported', password: 'long enough password' },
      { email: ada.email, name: 'Duplicate', password: 'long enough password' },
    ])
    t.same(
      imported.results.map((r) => [r.index, r.status, r.problem?.code]),
      [
        [0, 'created', undefined],
        [1, 'failed', 'email_taken'],
      ],
      'importUsers → 200, one outcome per item',
    )
    const items = [{ email: emailOf('imported-twice'), name: 'Twice', password: 'long enough password' }]
    const key = randomUUID()
    await writer.users.import(items, { idempotencyKey: key })
    t.equal((await writer.users.import(items, { idempotencyKey: key })).replayed, true, 'a retry with its key replays the answer')
    await expectProblem(t, 'importUsers', 422, 'idempotency_key_reused', () =>
      writer.users.import([{ ...items[0]!, name: 'Other' }], { idempotencyKey: key }),
    )
    // two requests with one key at once: the second finds the first still running (an SDK
    // that retries would wait it out and get the replay, so this one does not retry)
    const impatient = clientFor(writeKey, { retries: 0 })
    const slow = Array.from({ length: 40 }, (_, i) => ({
      email: emailOf(`slow-${i}`),
      name: `Slow ${i}`,
      password: 'long enough password',
    }))
    const raceKey = randomUUID()
    const race = await Promise.allSettled([
      impatient.users.import(slow, { idempotencyKey: raceKey }),
      impatient.users.import(slow, { idempotencyKey: raceKey }),
    ])
    const inUse = race.find((r) => r.status === 'rejected')
    t.ok(
      inUse && isProblem(inUse.reason, 'importUsers') && inUse.reason.code === 'idempotency_key_in_use',
      'importUsers → 409 idempotency_key_in_use',
    )
    await expectProblem(t, 'importUsers', 400, 'validation_failed', () => writer.users.import([]), 'invalid')
    await expectProblem(t, 'importUsers', 401, 'unauthorized', () => wrongKey.users.import(items))
    await expectProblem(t, 'importUsers', 403, 'forbidden', () => verifier.users.import(items))
    const importOversized = 'x'.repeat((options.importBodyLimitBytes ?? 5 * 1024 * 1024) + 1024)
    await expectProblem(
      t,
      'importUsers',
      413,
      'payload_too_large',
      () => writer.users.import([{ ...items[0]!, name: importOversized }]),
      'invalid',
    )
    await expectProblem(t, 'importUsers', 415, 'unsupported_media_type', () => mislabelled(writeKey).users.import(items), 'invalid')
  })

  await t.test('listing: every user of a 250-user table, across pages', async (t) => {
    const reader = clientFor(readKey)
    const labels = Array.from({ length: 250 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`)
    const started = Date.now()
    const created = await pool(labels, CREATE_CONCURRENCY, async (label) => (await master.users.create(newUser(label))).user)
    t.comment(`created 250 users in ${Date.now() - started} ms`)
    const tag = `sdk-${run}-bulk-`

    const walked: User[] = []
    for await (const user of reader.users.list({ q: tag, status: 'active' })) walked.push(user)
    t.equal(walked.length, 250, 'list() yields 250 users (20 a page: 13 pages)')
    t.equal(new Set(walked.map((user) => user.id)).size, 250, 'each once')
    t.same(new Set(walked.map((user) => user.id)), new Set(created.map((user) => user.id)), 'exactly the users created')

    const byEmail: string[] = []
    for await (const user of reader.users.list({ q: tag, sort: '-email', limit: 100 })) byEmail.push(user.email)
    t.same(byEmail, [...byEmail].sort().reverse(), 'in the order asked for (-email, 100 a page)')
    t.equal(byEmail.length, 250)

    const page = await reader.users.listPage({ q: tag, limit: 100 })
    t.equal(page.data.length, 100, 'listPage() → one page')
    t.type(page.nextCursor, 'string', 'with the cursor of the next')
    const last = await reader.users.listPage({ q: tag, limit: 100, cursor: page.nextCursor! })
    t.equal(last.data.length, 100, 'which listPage() takes back')

    await expectProblem(t, 'listUsers', 400, 'validation_failed', () => reader.users.listPage({ limit: 0 }), 'invalid')
    const keyless = await expectProblem(t, 'listUsers', 401, 'unauthorized', () => anonymous.users.listPage(), 'invalid')
    if (keyless) t.equal(keyless.headers.get('www-authenticate'), 'Bearer realm="api"', 'without a key: the challenge, no error')
    await expectProblem(t, 'listUsers', 401, 'unauthorized', () => wrongKey.users.listPage())
    await expectProblem(t, 'listUsers', 403, 'forbidden', () => clientFor(writeKey).users.listPage())
  })

  await t.test('change events: the feed, followed, with its failures', async (t) => {
    const eventsKey = (await master.keys.create({ name: `sdk ${run} events`, scopes: ['events:read'] })).key
    const feed = clientFor(eventsKey)
    // the end of the feed as it is now: what the writes below append comes after it
    let start = await feed.events.listPage()
    while (start.hasMore) start = await feed.events.listPage({ after: start.nextCursor })
    t.equal(start.hasMore, false, 'listPage() → the last page has hasMore false')
    t.type(start.nextCursor, 'string', 'and a nextCursor to poll with')

    const { user } = await master.users.create(newUser('followed'))
    await master.users.update(user.id, { name: 'Followed Again' })
    await master.users.delete(user.id)

    const seen: Array<[string, string[] | undefined]> = []
    for await (const page of feed.events.follow({ after: start.nextCursor }, { intervalMs: 50 })) {
      for (const event of page.data) if (event.data.user.id === user.id) seen.push([event.type, event.data.changedFields])
      if (seen.length >= 3) break
    }
    t.same(
      seen,
      [
        ['user.created', undefined],
        ['user.updated', ['name']],
        ['user.deleted', undefined],
      ],
      'follow() yields the three events of the user, in order',
    )
    const deletions = await feed.events.listPage({ after: start.nextCursor, type: ['user.deleted'] })
    t.same(
      deletions.data.map((event) => event.data.user.id),
      [user.id],
      'listPage() with a type filter',
    )

    // caught up, follow() waits for the next poll; an abort ends the wait with its reason
    const stop = new AbortController()
    const stopped = new Error('stop following')
    const following = (async () => {
      for await (const page of feed.events.follow({ after: deletions.nextCursor }, { intervalMs: 600_000, signal: stop.signal })) {
        t.fail(`follow() yielded ${page.data.length} events after the end of the feed`)
      }
    })()
    setTimeout(() => stop.abort(stopped), 100)
    await t.rejects(following, stopped, 'follow() → the abort reason, while it waits')

    await expectProblem(t, 'listEvents', 400, 'validation_failed', () => feed.events.listPage({ limit: 0 }), 'invalid')
    await expectProblem(t, 'listEvents', 400, 'validation_failed', () => feed.events.listPage({ after: 'not.a-feed-cursor' }))
    await expectProblem(t, 'listEvents', 401, 'unauthorized', () => wrongKey.events.listPage())
    await expectProblem(t, 'listEvents', 403, 'forbidden', () => clientFor(readKey).events.listPage())

    await options.expireEvents()
    await expectProblem(t, 'listEvents', 410, 'cursor_expired', () => feed.events.listPage({ after: start.nextCursor }))
    const fresh = await feed.events.listPage()
    t.same(fresh.data, [], 'without a cursor: the feed starts afresh at the oldest event kept')
  })

  await t.test('webhook endpoints and their deliveries', async (t) => {
    const writer = clientFor(writeKey)
    const admin = clientFor((await master.keys.create({ name: `sdk-${run}-webhooks`, scopes: ['webhooks:admin'] })).key)
    const url = options.webhookReceiver?.url ?? `https://sdk-${run}.example.com/hook`
    const endpoint = await admin.webhookEndpoints.create({ url, eventTypes: ['user.created'], description: `sdk ${run}` })
    t.match(endpoint.secret, /^whsec_/, 'createWebhookEndpoint → 201 with the signing secret')
    const page = await admin.webhookEndpoints.listPage({ limit: 100 })
    t.ok(
      page.data.some((e) => e.id === endpoint.id && !('secret' in e)),
      'listWebhookEndpoints → 200, without secrets',
    )
    t.equal((await admin.webhookEndpoints.get(endpoint.id)).url, url, 'getWebhookEndpoint → 200')
    t.equal((await admin.webhookEndpoints.update(endpoint.id, { status: 'disabled' })).status, 'disabled', 'updateWebhookEndpoint → 200')
    t.equal((await admin.webhookEndpoints.update(endpoint.id, { status: 'enabled' })).disabledReason, null, 'and enabled again')

    const refused = await expectProblem(t, 'createWebhookEndpoint', 400, 'validation_failed', () =>
      admin.webhookEndpoints.create({ url: 'https://user:pass@hooks.example.com/hook', eventTypes: ['*'] }),
    )
    t.equal(refused.problem.errors?.[0]?.pointer, '/body/url', 'a URL with credentials is refused with a pointer to url')
    await expectProblem(t, 'createWebhookEndpoint', 401, 'unauthorized', () => wrongKey.webhookEndpoints.create({ url, eventTypes: ['*'] }))
    await expectProblem(t, 'createWebhookEndpoint', 403, 'forbidden', () => writer.webhookEndpoints.create({ url, eventTypes: ['*'] }))
    await expectProblem(
      t,
      'createWebhookEndpoint',
      413,
      'payload_too_large',
      () => admin.webhookEndpoints.create({ url, eventTypes: ['*'], description: oversized }),
      'invalid',
    )
    await expectProblem(
      t,
      'createWebhookEndpoint',
      415,
      'unsupported_media_type',
      () => mislabelled(options.masterKey).webhookEndpoints.create({ url, eventTypes: ['*'] }),
      'invalid',
    )
    await expectProblem(t, 'listWebhookEndpoints', 400, 'validation_failed', () => admin.webhookEndpoints.listPage({ limit: 0 }), 'invalid')
    await expectProblem(t, 'listWebhookEndpoints', 401, 'unauthorized', () => wrongKey.webhookEndpoints.listPage())
    await expectProblem(t, 'listWebhookEndpoints', 403, 'forbidden', () => writer.webhookEndpoints.listPage())
    await expectProblem(t, 'getWebhookEndpoint', 400, 'validation_failed', () => admin.webhookEndpoints.get('not-a-uuid'), 'invalid')
    await expectProblem(t, 'getWebhookEndpoint', 401, 'unauthorized', () => wrongKey.webhookEndpoints.get(endpoint.id))
    await expectProblem(t, 'getWebhookEndpoint', 403, 'forbidden', () => writer.webhookEndpoints.get(endpoint.id))
    await expectProblem(t, 'getWebhookEndpoint', 404, 'not_found', () => admin.webhookEndpoints.get(randomUUID()))
    await expectProblem(
      t,
      'updateWebhookEndpoint',
      400,
      'validation_failed',
      () => admin.webhookEndpoints.update(endpoint.id, { status: 'paused' as never }),
      'invalid',
    )
    await expectProblem(t, 'updateWebhookEndpoint', 401, 'unauthorized', () =>
      wrongKey.webhookEndpoints.update(endpoint.id, { status: 'enabled' }),
    )
    await expectProblem(t, 'updateWebhookEndpoint', 403, 'forbidden', () =>
      writer.webhookEndpoints.update(endpoint.id, { status: 'enabled' }),
    )
    await expectProblem(t, 'updateWebhookEndpoint', 404, 'not_found', () =>
      admin.webhookEndpoints.update(randomUUID(), { status: 'enabled' }),
    )
    await expectProblem(
      t,
      'updateWebhookEndpoint',
      413,
      'payload_too_large',
      () => admin.webhookEndpoints.update(endpoint.id, { status: 'enabled', padding: oversized } as never),
      'invalid',
    )
    await expectProblem(
      t,
      'updateWebhookEndpoint',
      415,
      'unsupported_media_type',
      () => mislabelled(options.masterKey).webhookEndpoints.update(endpoint.id, { status: 'enabled' }),
      'invalid',
    )
    await expectProblem(
      t,
      'listWebhookDeliveries',
      400,
      'validation_failed',
      () => admin.webhookEndpoints.deliveries(endpoint.id, { limit: 0 }),
      'invalid',
    )
    await expectProblem(t, 'listWebhookDeliveries', 401, 'unauthorized', () => wrongKey.webhookEndpoints.deliveries(endpoint.id))
    await expectProblem(t, 'listWebhookDeliveries', 403, 'forbidden', () => writer.webhookEndpoints.deliveries(endpoint.id))
    await expectProblem(t, 'listWebhookDeliveries', 404, 'not_found', () => admin.webhookEndpoints.deliveries(randomUUID()))
    const someDelivery = randomUUID()
    await expectProblem(
      t,
      'retryWebhookDelivery',
      400,
      'validation_failed',
      () => admin.webhookEndpoints.retryDelivery(endpoint.id, 'nope'),
      'invalid',
    )
    await expectProblem(t, 'retryWebhookDelivery', 401, 'unauthorized', () =>
      wrongKey.webhookEndpoints.retryDelivery(endpoint.id, someDelivery),
    )
    await expectProblem(t, 'retryWebhookDelivery', 403, 'forbidden', () => writer.webhookEndpoints.retryDelivery(endpoint.id, someDelivery))
    await expectProblem(t, 'retryWebhookDelivery', 404, 'not_found', () => admin.webhookEndpoints.retryDelivery(endpoint.id, someDelivery))

    const receiver = options.webhookReceiver
    if (receiver) {
      await master.users.create(newUser('webhook'))
      await receiver.holding()
      const [held] = (await admin.webhookEndpoints.deliveries(endpoint.id)).data
      t.equal(held?.eventType, 'user.created', 'listWebhookDeliveries → 200 with the delivery being attempted')
      const inFlight = await expectProblem(t, 'retryWebhookDelivery', 409, 'delivery_in_flight', () =>
        admin.webhookEndpoints.retryDelivery(endpoint.id, held!.id),
      )
      t.ok(inFlight.retryAfter !== undefined && inFlight.retryAfter > 0, `with retryAfter ${inFlight.retryAfter} s`)
      receiver.release()
      for (let poll = 0; poll < 600; poll++) {
        const [now] = (await admin.webhookEndpoints.deliveries(endpoint.id)).data
        if (now?.status === 'succeeded') break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const retried = await admin.webhookEndpoints.retryDelivery(endpoint.id, held!.id)
      t.equal(retried.status, 'pending', 'retryWebhookDelivery → 202, due again')
    } else {
      t.comment('no webhook receiver given: retryWebhookDelivery 202 and 409 are not exercised')
    }

    await expectProblem(t, 'deleteWebhookEndpoint', 400, 'validation_failed', () => admin.webhookEndpoints.delete('not-a-uuid'), 'invalid')
    await expectProblem(t, 'deleteWebhookEndpoint', 401, 'unauthorized', () => wrongKey.webhookEndpoints.delete(endpoint.id))
    await expectProblem(t, 'deleteWebhookEndpoint', 403, 'forbidden', () => writer.webhookEndpoints.delete(endpoint.id))
    await admin.webhookEndpoints.delete(endpoint.id)
    t.pass('deleteWebhookEndpoint → 204')
    await expectProblem(t, 'deleteWebhookEndpoint', 404, 'not_found', () => admin.webhookEndpoints.delete(endpoint.id))
  })

  await t.test('rate limits: a 429 from every operation that declares one', async (t) => {
    const limited = createClient({
      baseUrl: options.rateLimitedBaseUrl,
      apiKey: options.masterKey,
      fetch: recorder.fetchFor(options.rateLimitedBaseUrl),
    })
    // spend what is left of the master key's budget there (bounded: RATE_LIMIT_MAX ≤ 50)
    let exhausted = false
    for (let call = 0; call < 60 && !exhausted; call++) {
      try {
        await limited.users.listPage({ limit: 1 })
      } catch (error) {
        if (!isProblem(error, 'listUsers') || error.code !== 'rate_limited') throw error
        exhausted = true
      }
    }
    t.ok(exhausted, 'the budget runs out')

    const id = randomUUID()
    const calls: Partial<Record<OperationId, (client: Client) => Promise<unknown>>> = {
      listUsers: (client) => client.users.listPage(),
      createUser: (client) => client.users.create(newUser('limited')),
      getUser: (client) => client.users.get(id),
      replaceUser: (client) => client.users.replace(id, { email: emailOf('limited'), name: 'Limited' }),
      updateUser: (client) => client.users.update(id, { name: 'Limited' }),
      deleteUser: (client) => client.users.delete(id),
      listApiKeys: (client) => client.keys.list(),
      createApiKey: (client) => client.keys.create({ name: 'limited', scopes: ['users:read'] }),
      deleteApiKey: (client) => client.keys.revoke(id),
      verifyUserPassword: (client) => client.users.verifyPassword(id, 'limited'),
      importUsers: (client) => client.users.import([{ email: emailOf('limited'), name: 'Limited', password: 'long enough password' }]),
      listEvents: (client) => client.events.listPage(),
      listWebhookEndpoints: (client) => client.webhookEndpoints.listPage(),
      createWebhookEndpoint: (client) =>
        client.webhookEndpoints.create({ url: `https://sdk-${run}.example.com/limited`, eventTypes: ['*'] }),
      getWebhookEndpoint: (client) => client.webhookEndpoints.get(id),
      updateWebhookEndpoint: (client) => client.webhookEndpoints.update(id, { status: 'enabled' }),
      deleteWebhookEndpoint: (client) => client.webhookEndpoints.delete(id),
      listWebhookDeliveries: (client) => client.webhookEndpoints.deliveries(id),
      retryWebhookDelivery: (client) => client.webhookEndpoints.retryDelivery(id, id),
    }
    for (const operation of listOperations().filter((op) => op.responses['429'])) {
      const operationId = operation.operationId as OperationId
      const call = calls[operationId]
      if (!call) {
        t.fail(`${operationId} declares 429 but the suite has no call for it`)
        continue
      }
      const started = Date.now()
      const error = await expectProblem(t, operationId, 429, 'rate_limited', () => call(limited))
      t.ok(error.retryAfter !== undefined && error.retryAfter > 0, `${operationId}: retryAfter ${error.retryAfter} s`)
      // a Retry-After longer than the SDK waits for is handed to the caller at once
      t.ok(Date.now() - started < 5_000, `${operationId}: not waited for`)
    }
  })

  const missing: string[] = []
  for (const operation of listOperations()) {
    for (const status of Object.keys(operation.responses)) {
      if (NEEDS_A_BROKEN_DATABASE.has(status)) continue
      if (!recorder.seen.get(operation.operationId)?.has(status)) missing.push(`${operation.operationId} ${status}`)
    }
  }
  // without a receiver the suite cannot have a delivery to retry, nor one in flight
  const needsReceiver = new Set(options.webhookReceiver ? [] : ['retryWebhookDelivery 202', 'retryWebhookDelivery 409'])
  const refused = missing.filter((pair) => answeredByProxy.has(pair))
  if (refused.length > 0) t.comment(`answered by the validating proxy instead of the service: ${refused.join(', ')}`)
  t.same(
    missing.filter((pair) => !answeredByProxy.has(pair) && !needsReceiver.has(pair)),
    [],
    'every declared (operation, status) but 500 and 503 was exercised through the SDK',
  )
}

/** A 412 tells the current ETag, where the document says it does. */
function checkCurrentEtag<K extends 'replaceUser' | 'updateUser' | 'deleteUser'>(
  t: Test,
  operationId: K,
  error: ProblemErrorFor<K>,
  etag: string,
) {
  t.equal(error.headers.get('etag'), etag, `${operationId} 412: the current ETag header`)
  t.equal((error.problem as Record<string, unknown>).currentEtag, etag, `${operationId} 412: currentEtag`)
}
