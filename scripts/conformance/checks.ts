// The behavioural checks, in scenarios that each create what they need (so that any of them
// can run alone with --only). Every response they receive is also checked against the
// document by the client; these checks add what a schema cannot say.
import { isDeepStrictEqual } from 'node:util'
import { randomUUID } from 'node:crypto'
import { allowedMethods, type BoundOperation } from '../../src/contract/spec.js'
import type { Exchange } from './client.js'
import {
  type Context,
  describe,
  differences,
  expect,
  expectPointer,
  expectProblem,
  expectStatus,
  Failure,
  sameUser,
  type User,
  userOf,
} from './context.js'
import {
  declaresBodyMember,
  declaresHeader,
  operation,
  operations,
  pathOf,
  queryDefault,
  requestMediaTypes,
  scopesOf,
  undeclaredMethod,
} from './document.js'

export interface Scenario {
  name: string
  summary: string
  run(ctx: Context): Promise<void>
}

const listUsers = operation('listUsers')
const createUser = operation('createUser')
const getUser = operation('getUser')
const replaceUser = operation('replaceUser')
const updateUser = operation('updateUser')
const deleteUser = operation('deleteUser')
const listApiKeys = operation('listApiKeys')
const createApiKey = operation('createApiKey')
const deleteApiKey = operation('deleteApiKey')
const verifyUserPassword = operation('verifyUserPassword')
const importUsers = operation('importUsers')
const listEvents = operation('listEvents')
const getHealth = operation('getHealth')
const createWebhookEndpoint = operation('createWebhookEndpoint')
const listWebhookEndpoints = operation('listWebhookEndpoints')
const getWebhookEndpoint = operation('getWebhookEndpoint')
const updateWebhookEndpoint = operation('updateWebhookEndpoint')
const deleteWebhookEndpoint = operation('deleteWebhookEndpoint')
const listWebhookDeliveries = operation('listWebhookDeliveries')
const getReadiness = operation('getReadiness')
const getMetrics = operation('getMetrics')

const USERS = pathOf(listUsers)
const KEYS = pathOf(listApiKeys)
const userPath = (id: string) => pathOf(getUser, { id })
const keyPath = (id: string) => pathOf(deleteApiKey, { id })

/** An id in the declared format that names nothing. */
const unknownId = () => randomUUID()

// ── helpers ──────────────────────────────────────────────────────────────────────────────

interface Versioned {
  user: User
  etag: string
}

/** Creates a user to check with; a failure here fails the check that needed it. */
async function newUser(ctx: Context, purpose: string, overrides: Record<string, unknown> = {}): Promise<Versioned> {
  const exchange = await ctx.client.send('POST', USERS, { body: ctx.newUser(purpose, overrides) })
  if (exchange.status !== 201) throw new Failure(`could not create a user to check with: ${describe(exchange)}`)
  return { user: userOf(exchange), etag: exchange.headers.etag ?? '' }
}

/** The user as the deployment has it now, with its ETag. */
async function read(ctx: Context, id: string): Promise<Versioned> {
  const exchange = await ctx.client.send('GET', userPath(id))
  if (exchange.status !== 200) throw new Failure(`could not read the user back: ${describe(exchange)}`)
  const etag = exchange.headers.etag
  expect(etag, `getUser 200 without an ETag from ${exchange.method} ${exchange.target}`)
  return { user: userOf(exchange), etag }
}

function expectEtag(exchange: Exchange): string {
  const etag = exchange.headers.etag
  expect(etag, `no ETag in ${exchange.status} from ${exchange.method} ${exchange.target}`)
  return etag
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** A request body the operation accepts, under the run's marker, for checks that stop before the body matters. */
function acceptableBody(ctx: Context, op: BoundOperation): unknown {
  switch (op.operationId) {
    case createUser.operationId:
      return ctx.newUser('probe')
    case replaceUser.operationId:
      return { email: ctx.nextEmail(), name: `Conformance ${ctx.runId} probe` }
    case updateUser.operationId:
      return { name: `Conformance ${ctx.runId} probe` }
    case createApiKey.operationId:
      return { name: `${ctx.marker} probe`, scopes: scopesOf(listUsers) }
    default: {
      if (!op.requestBody) return undefined
      const media = Object.values(op.requestBody.content)[0] as { examples?: Record<string, { value?: unknown }> } | undefined
      return Object.values(media?.examples ?? {})[0]?.value ?? {}
    }
  }
}

/** A request that reaches `op`, with an id that names nothing and a body it accepts. */
function probe(ctx: Context, op: BoundOperation, key?: string | null) {
  const path = op.path.includes('{')
    ? pathOf(op, Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, unknownId()])))
    : op.path
  const body = acceptableBody(ctx, op)
  return ctx.client.send(op.method.toUpperCase(), path, { key, ...(body === undefined ? {} : { body }) })
}

function expectUnauthorized(exchange: Exchange): void {
  expectProblem(exchange, 401, 'unauthorized')
  const challenge = exchange.headers['www-authenticate']
  expect(challenge && /^Bearer( |$)/i.test(challenge), `WWW-Authenticate is ${challenge ?? 'missing'}, expected a Bearer challenge`)
}

/** On a 412, whatever the document declares about the current version must name it. */
function expectCurrentVersionNamed(op: BoundOperation, exchange: Exchange, current: string): void {
  if (declaresHeader(op, 412, 'ETag')) {
    expect(exchange.headers.etag === current, `412 ETag ${exchange.headers.etag ?? 'missing'}, the user's current one is ${current}`)
  }
  if (declaresBodyMember(op, 412, 'currentEtag')) {
    const named = (exchange.json as { currentEtag?: unknown } | undefined)?.currentEtag
    expect(named === current, `412 currentEtag ${JSON.stringify(named)}, the user's current ETag is ${current}`)
  }
}

/** On a 409 email_taken, whatever the document declares about the existing user must name it. */
function expectExistingUserNamed(ctx: Context, op: BoundOperation, exchange: Exchange, existing: User): void {
  if (declaresBodyMember(op, 409, 'existingUserId')) {
    const named = (exchange.json as { existingUserId?: unknown } | undefined)?.existingUserId
    expect(named === existing.id, `409 existingUserId ${JSON.stringify(named)}, the user with the email is ${existing.id}`)
  }
  if (declaresHeader(op, 409, 'Link')) {
    const link = exchange.headers.link
    expect(link, '409 without the Link header the document declares')
    const targets = [...link.matchAll(/<([^>]*)>/g)].map((m) => ctx.client.targetOf(m[1] ?? '', exchange.target))
    expect(targets.includes(userPath(existing.id)), `409 Link ${link} does not name ${userPath(existing.id)}`)
  }
}

// ── scenarios ────────────────────────────────────────────────────────────────────────────

const service: Scenario = {
  name: 'service',
  summary: 'liveness and readiness probes, metrics',
  async run(ctx) {
    await ctx.check(getHealth.operationId, '200 {"status":"ok"}', async () => {
      const exchange = await ctx.client.send('GET', pathOf(getHealth), { key: null })
      expectStatus(exchange, 200)
      expect((exchange.json as { status?: unknown } | undefined)?.status === 'ok', `body ${exchange.text}`)
    })
    await ctx.check(getHealth.operationId, 'generates an X-Request-Id when none is sent', async () => {
      const exchange = await ctx.client.send('GET', pathOf(getHealth), { key: null, withoutRequestId: true })
      expectStatus(exchange, 200)
      expect(exchange.headers['x-request-id'], 'no X-Request-Id in the response')
    })
    if (getHealth.responses['400']) {
      await ctx.check(getHealth.operationId, '400 validation_failed with errors[] on an unknown query parameter', async () => {
        const exchange = await ctx.client.send('GET', pathOf(getHealth) + query({ [`conformance${ctx.runId}`]: 1 }), { key: null })
        expectProblem(exchange, 400, 'validation_failed')
        expectPointer(exchange, '/query')
      })
    }
    await ctx.check(getReadiness.operationId, '200 {"status":"ok"}: the deployment reaches its database', async () => {
      const exchange = await ctx.client.send('GET', pathOf(getReadiness), { key: null })
      expectStatus(exchange, 200)
      expect((exchange.json as { status?: unknown } | undefined)?.status === 'ok', `body ${exchange.text}`)
    })
    await ctx.check(
      getMetrics.operationId,
      '200 Prometheus text with the request counters (or 403 for a key without metrics:read)',
      async () => {
        const exchange = await ctx.client.send('GET', pathOf(getMetrics))
        if (exchange.status === 403) {
          expectProblem(exchange, 403, 'forbidden')
          return
        }
        expectStatus(exchange, 200)
        expect(/^text\/plain\b/.test(String(exchange.headers['content-type'])), `content-type ${String(exchange.headers['content-type'])}`)
        expect(exchange.text.includes('# TYPE http_requests_total counter'), 'no http_requests_total in the scrape')
      },
    )
  },
}

const authentication: Scenario = {
  name: 'authentication',
  summary: '401 without a key or with an unknown one, on every operation that needs one',
  async run(ctx) {
    // an empty requirement ({}) lets anonymous callers in; an operation without one needs a key
    const needsKey = (op: BoundOperation) => op.security.length > 0 && !op.security.some((r) => Object.keys(r).length === 0)
    for (const op of operations.filter(needsKey)) {
      await ctx.check(op.operationId, '401 unauthorized without a key, with WWW-Authenticate: Bearer', async () => {
        expectUnauthorized(await probe(ctx, op, null))
      })
    }
    await ctx.check(listUsers.operationId, '401 unauthorized with a key the deployment does not know', async () => {
      expectUnauthorized(await ctx.client.send('GET', USERS, { key: `${ctx.marker}-not-a-key-0123456789abcdef` }))
    })
  },
}

const users: Scenario = {
  name: 'users',
  summary: 'create, read, list with filters, replace, update and delete',
  async run(ctx) {
    const input = ctx.newUser('crud')
    const created = await ctx.check(createUser.operationId, '201 with Location, ETag and the user', async () => {
      // sent with surrounding spaces and capitals: the service stores it trimmed and lower-cased
      const exchange = await ctx.client.send('POST', USERS, { body: { ...input, email: `  ${input.email.toUpperCase()} ` } })
      expectStatus(exchange, 201)
      const user = userOf(exchange)
      const location = exchange.headers.location
      expect(location, 'no Location header')
      expect(ctx.client.targetOf(location, exchange.target) === userPath(user.id), `Location ${location} is not ${userPath(user.id)}`)
      const etag = expectEtag(exchange)
      expect(user.name === input.name && user.status === 'active', `body ${exchange.text}`)
      return { user, etag, location }
    })
    if (!created) return
    await ctx.check(createUser.operationId, 'the email is stored trimmed and lower-cased', async () => {
      expect(
        created.user.email === input.email,
        `email ${JSON.stringify(created.user.email)}, sent ${JSON.stringify(`  ${input.email.toUpperCase()} `)}`,
      )
    })
    await ctx.check(createUser.operationId, 'Location leads to the created user', async () => {
      const target = ctx.client.targetOf(created.location, USERS)
      expect(target, `Location ${created.location} leaves the deployment`)
      const exchange = await ctx.client.send('GET', target)
      expectStatus(exchange, 200)
      const user = userOf(exchange)
      expect(sameUser(user, created.user), differences(user, created.user))
    })
    await ctx.check(getUser.operationId, '200 with ETag, Cache-Control and the user', async () => {
      const exchange = await ctx.client.send('GET', userPath(created.user.id))
      expectStatus(exchange, 200)
      expect(exchange.headers.etag === created.etag, `ETag ${exchange.headers.etag ?? 'missing'}, createUser gave ${created.etag}`)
      expect(exchange.headers['cache-control'], 'no Cache-Control header')
      const user = userOf(exchange)
      expect(sameUser(user, created.user), differences(user, created.user))
    })
    await ctx.check(listUsers.operationId, 'the email filter finds the user in any letter case', async () => {
      const exchange = await ctx.client.send('GET', USERS + query({ email: created.user.email.toUpperCase() }))
      expectStatus(exchange, 200)
      const ids = ((exchange.json as { data?: User[] }).data ?? []).map((u) => u.id)
      expect(ids.length === 1 && ids[0] === created.user.id, `found ${ids.length ? ids.join(', ') : 'nobody'}`)
    })
    const disabled = await ctx.check(createUser.operationId, '201 with status disabled when asked', async () => {
      const made = await newUser(ctx, 'disabled', { status: 'disabled' })
      expect(made.user.status === 'disabled', `status ${made.user.status}`)
      return made
    })
    if (disabled) {
      await ctx.check(listUsers.operationId, 'the status filter keeps only users with that status', async () => {
        const exchange = await ctx.client.send('GET', USERS + query({ q: ctx.marker, status: 'disabled', limit: 100 }))
        expectStatus(exchange, 200)
        const found = (exchange.json as { data?: User[] }).data ?? []
        expect(
          found.every((u) => u.status === 'disabled'),
          `a user with another status: ${found.find((u) => u.status !== 'disabled')?.id}`,
        )
        expect(
          found.some((u) => u.id === disabled.user.id),
          'the disabled user is missing',
        )
      })
      await ctx.check(replaceUser.operationId, '200 replaces every writable field; an omitted status returns to active', async () => {
        const replacement = { email: ctx.nextEmail(), name: `Conformance ${ctx.runId} replaced` }
        const exchange = await ctx.client.send('PUT', userPath(disabled.user.id), { body: replacement })
        expectStatus(exchange, 200)
        const user = userOf(exchange)
        // the optional fields it omits return to their defaults: active (so no disabledAt), no
        // externalId, no metadata
        const reset = { status: 'active', disabledAt: null, externalId: null, metadata: {} }
        const expected = { ...disabled.user, ...replacement, ...reset, updatedAt: user.updatedAt } as User
        expect(sameUser(user, expected), differences(user, expected))
        expect(expectEtag(exchange) !== disabled.etag, `the ETag stayed ${disabled.etag} although the user changed`)
      })
      await ctx.check(deleteUser.operationId, '204, and the user is gone (getUser 404)', async () => {
        const exchange = await ctx.client.send('DELETE', userPath(disabled.user.id))
        expectStatus(exchange, 204)
        expect(exchange.text === '', `a body: ${exchange.text.slice(0, 200)}`)
        expectProblem(await ctx.client.send('GET', userPath(disabled.user.id)), 404, 'not_found')
      })
    }
    const [firstType, ...otherTypes] = requestMediaTypes(updateUser)
    await ctx.check(updateUser.operationId, `200 applies a merge patch (${firstType}): only the fields sent change`, async () => {
      const before = await read(ctx, created.user.id)
      const patch = { name: `Conformance ${ctx.runId} patched` }
      const exchange = await ctx.client.send('PATCH', userPath(created.user.id), { body: patch })
      expectStatus(exchange, 200)
      const user = userOf(exchange)
      const expected = { ...before.user, ...patch, updatedAt: user.updatedAt }
      expect(sameUser(user, expected), differences(user, expected))
      expect(expectEtag(exchange) !== before.etag, `the ETag stayed ${before.etag} although the user changed`)
    })
    for (const type of otherTypes) {
      await ctx.check(updateUser.operationId, `200 for a patch sent as ${type}`, async () => {
        const patch = { name: `Conformance ${ctx.runId} patched as ${type}` }
        const exchange = await ctx.client.send('PATCH', userPath(created.user.id), { body: patch, contentType: type })
        expectStatus(exchange, 200)
        expect(userOf(exchange).name === patch.name, `name ${userOf(exchange).name}`)
      })
    }
  },
}

const errors: Scenario = {
  name: 'errors',
  summary: '400 with errors[] pointers, 404, 409, 415',
  async run(ctx) {
    await ctx.check(createUser.operationId, '400 validation_failed with errors[] at /body/email for an invalid email', async () => {
      const exchange = await ctx.client.send('POST', USERS, { body: ctx.newUser('invalid', { email: 'not-an-email' }) })
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/body/email')
    })
    await ctx.check(createUser.operationId, '400 validation_failed for an unknown property: rejected, not dropped', async () => {
      const property = `conformance${ctx.runId}`
      const exchange = await ctx.client.send('POST', USERS, { body: { ...ctx.newUser('unknown property'), [property]: true } })
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, `/body/${property}`)
    })
    await ctx.check(createUser.operationId, '400 malformed_json for a body that is not JSON', async () => {
      const exchange = await ctx.client.send('POST', USERS, { body: '{"email":', contentType: requestMediaTypes(createUser)[0] })
      expectProblem(exchange, 400, 'malformed_json')
    })
    await ctx.check(listUsers.operationId, '400 validation_failed with errors[] at /query/limit for limit=0', async () => {
      const exchange = await ctx.client.send('GET', USERS + query({ limit: 0 }))
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/query/limit')
    })
    await ctx.check(listUsers.operationId, '400 validation_failed for an unknown query parameter', async () => {
      const parameter = `conformance${ctx.runId}`
      const exchange = await ctx.client.send('GET', USERS + query({ [parameter]: 1 }))
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, `/query/${parameter}`)
    })
    await ctx.check(getUser.operationId, '400 validation_failed at /path/id for a malformed id', async () => {
      const exchange = await ctx.client.send('GET', userPath(`${ctx.marker}-not-an-id`))
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/path/id')
    })
    for (const op of [getUser, replaceUser, updateUser, deleteUser]) {
      await ctx.check(op.operationId, '404 not_found for an unknown id', async () => {
        expectProblem(await probe(ctx, op), 404, 'not_found')
      })
    }

    const taken = await ctx.check(createUser.operationId, '409 email_taken for an existing email in another letter case', async () => {
      const existing = await newUser(ctx, 'existing')
      const exchange = await ctx.client.send('POST', USERS, {
        body: ctx.newUser('duplicate', { email: existing.user.email.toUpperCase() }),
      })
      expectProblem(exchange, 409, 'email_taken')
      expectExistingUserNamed(ctx, createUser, exchange, existing.user)
      return existing.user
    })
    const other = await ctx.check(createUser.operationId, '201 for a second user to collide with', async () => newUser(ctx, 'other'))
    if (taken && other) {
      await ctx.check(replaceUser.operationId, "409 email_taken for another user's email", async () => {
        const exchange = await ctx.client.send('PUT', userPath(other.user.id), { body: { email: taken.email, name: other.user.name } })
        expectProblem(exchange, 409, 'email_taken')
        expectExistingUserNamed(ctx, replaceUser, exchange, taken)
      })
      await ctx.check(updateUser.operationId, "409 email_taken for another user's email", async () => {
        const exchange = await ctx.client.send('PATCH', userPath(other.user.id), { body: { email: taken.email } })
        expectProblem(exchange, 409, 'email_taken')
        expectExistingUserNamed(ctx, updateUser, exchange, taken)
      })
    }
    await ctx.check(createUser.operationId, '415 unsupported_media_type for a text/plain body', async () => {
      const exchange = await ctx.client.send('POST', USERS, { body: 'email=a@example.com', contentType: 'text/plain' })
      expectProblem(exchange, 415, 'unsupported_media_type')
    })
    if (other) {
      await ctx.check(updateUser.operationId, '415 unsupported_media_type for a text/plain body', async () => {
        const exchange = await ctx.client.send('PATCH', userPath(other.user.id), { body: 'name=x', contentType: 'text/plain' })
        expectProblem(exchange, 415, 'unsupported_media_type')
      })
      await ctx.check(updateUser.operationId, '400 validation_failed at /body/status for an unknown status', async () => {
        const exchange = await ctx.client.send('PATCH', userPath(other.user.id), { body: { status: `conformance-${ctx.runId}` } })
        expectProblem(exchange, 400, 'validation_failed')
        expectPointer(exchange, '/body/status')
      })
    }
  },
}

const conditional: Scenario = {
  name: 'conditional',
  summary: 'ETag, If-None-Match → 304, If-Match → 412, writes that change nothing keep the ETag',
  async run(ctx) {
    const subject = await ctx.check(createUser.operationId, '201 for a user to check conditional requests with', async () =>
      newUser(ctx, 'conditional'),
    )
    if (!subject) return
    const id = subject.user.id
    const target = userPath(id)

    await ctx.check(getUser.operationId, '304 on If-None-Match with the current ETag, without a body', async () => {
      const { etag } = await read(ctx, id)
      const exchange = await ctx.client.send('GET', target, { headers: { 'if-none-match': etag } })
      expectStatus(exchange, 304)
      expect(exchange.text === '', `a body: ${exchange.text.slice(0, 200)}`)
      expect(exchange.headers.etag === etag, `304 ETag ${exchange.headers.etag ?? 'missing'}, expected ${etag}`)
    })
    await ctx.check(getUser.operationId, '200 on If-None-Match with another ETag', async () => {
      const exchange = await ctx.client.send('GET', target, { headers: { 'if-none-match': `"conformance-${ctx.runId}"` } })
      expectStatus(exchange, 200)
      userOf(exchange)
    })
    await ctx.check(updateUser.operationId, '200 on If-Match with the current ETag; the ETag changes', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('PATCH', target, {
        body: { name: `Conformance ${ctx.runId} conditional changed` },
        headers: { 'if-match': before.etag },
      })
      expectStatus(exchange, 200)
      expect(expectEtag(exchange) !== before.etag, `the ETag stayed ${before.etag}`)
      const after = await read(ctx, id)
      expect(after.etag === exchange.headers.etag, `getUser now gives ETag ${after.etag}, updateUser gave ${exchange.headers.etag}`)
      // the ETag the client held before the change must no longer count as current
      const stale = await ctx.client.send('GET', target, { headers: { 'if-none-match': before.etag } })
      expect(stale.status === 200, `If-None-Match with the ETag from before the change: ${describe(stale)}`)
    })
    await ctx.check(updateUser.operationId, '412 precondition_failed on a stale If-Match; the user is unchanged', async () => {
      const before = await read(ctx, id)
      const stale = `"conformance-${ctx.runId}-stale"`
      const exchange = await ctx.client.send('PATCH', target, {
        body: { name: `Conformance ${ctx.runId} lost update` },
        headers: { 'if-match': stale },
      })
      expectProblem(exchange, 412, 'precondition_failed')
      expectCurrentVersionNamed(updateUser, exchange, before.etag)
      const after = await read(ctx, id)
      expect(after.etag === before.etag && sameUser(after.user, before.user), `the user changed: ${differences(after.user, before.user)}`)
    })
    await ctx.check(updateUser.operationId, 'an update that changes nothing keeps the ETag and updatedAt', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('PATCH', target, { body: { name: before.user.name, status: before.user.status } })
      expectStatus(exchange, 200)
      expect(exchange.headers.etag === before.etag, `ETag ${exchange.headers.etag ?? 'missing'}, was ${before.etag}`)
      expect(userOf(exchange).updatedAt === before.user.updatedAt, `updatedAt ${userOf(exchange).updatedAt}, was ${before.user.updatedAt}`)
    })
    await ctx.check(replaceUser.operationId, '200 on If-Match with the current ETag; the ETag changes', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('PUT', target, {
        body: { email: before.user.email, name: `Conformance ${ctx.runId} conditional replaced`, status: before.user.status },
        headers: { 'if-match': before.etag },
      })
      expectStatus(exchange, 200)
      expect(expectEtag(exchange) !== before.etag, `the ETag stayed ${before.etag}`)
    })
    await ctx.check(replaceUser.operationId, '412 precondition_failed on a stale If-Match; the user is unchanged', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('PUT', target, {
        body: { email: before.user.email, name: `Conformance ${ctx.runId} lost update` },
        headers: { 'if-match': `"conformance-${ctx.runId}-stale"` },
      })
      expectProblem(exchange, 412, 'precondition_failed')
      expectCurrentVersionNamed(replaceUser, exchange, before.etag)
      const after = await read(ctx, id)
      expect(after.etag === before.etag, `the user changed: ${differences(after.user, before.user)}`)
    })
    await ctx.check(replaceUser.operationId, 'a replacement that changes nothing keeps the ETag and updatedAt', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('PUT', target, {
        body: { email: before.user.email, name: before.user.name, status: before.user.status },
      })
      expectStatus(exchange, 200)
      expect(exchange.headers.etag === before.etag, `ETag ${exchange.headers.etag ?? 'missing'}, was ${before.etag}`)
      expect(userOf(exchange).updatedAt === before.user.updatedAt, `updatedAt ${userOf(exchange).updatedAt}, was ${before.user.updatedAt}`)
    })
    await ctx.check(deleteUser.operationId, '412 precondition_failed on a stale If-Match; the user remains', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('DELETE', target, { headers: { 'if-match': `"conformance-${ctx.runId}-stale"` } })
      expectProblem(exchange, 412, 'precondition_failed')
      expectCurrentVersionNamed(deleteUser, exchange, before.etag)
      await read(ctx, id)
    })
    await ctx.check(deleteUser.operationId, '204 on If-Match with the current ETag', async () => {
      const before = await read(ctx, id)
      const exchange = await ctx.client.send('DELETE', target, { headers: { 'if-match': before.etag } })
      expectStatus(exchange, 204)
      expectProblem(await ctx.client.send('GET', target), 404, 'not_found')
    })
  },
}

const idempotency: Scenario = {
  name: 'idempotency',
  summary: 'a retry with the same Idempotency-Key replays; another body answers 422',
  async run(ctx) {
    const idempotencyKey = `${ctx.marker}-${randomUUID()}`
    const body = ctx.newUser('idempotent')
    const replayed = await ctx.check(
      createUser.operationId,
      'a retry with the same Idempotency-Key and body replays the 201 with Idempotent-Replayed: true',
      async () => {
        const first = await ctx.client.send('POST', USERS, { body, headers: { 'idempotency-key': idempotencyKey } })
        expectStatus(first, 201)
        expect(first.headers['idempotent-replayed'] !== 'true', 'the first response already says Idempotent-Replayed: true')
        const retry = await ctx.client.send('POST', USERS, { body, headers: { 'idempotency-key': idempotencyKey } })
        expectStatus(retry, 201)
        expect(
          retry.headers['idempotent-replayed'] === 'true',
          `Idempotent-Replayed is ${retry.headers['idempotent-replayed'] ?? 'missing'}`,
        )
        const [original, replay] = [userOf(first), userOf(retry)]
        expect(sameUser(replay, original), `the replayed body differs: ${differences(replay, original)}`)
        expect(retry.headers.location === first.headers.location, `Location ${retry.headers.location}, first ${first.headers.location}`)
        return original
      },
    )
    if (replayed) {
      await ctx.check(createUser.operationId, 'the retry created no second user', async () => {
        const exchange = await ctx.client.send('GET', USERS + query({ email: body.email }))
        expectStatus(exchange, 200)
        const found = (exchange.json as { data?: User[] }).data ?? []
        expect(found.length === 1 && found[0]?.id === replayed.id, `${found.length} users have the email ${body.email}`)
      })
    }
    await ctx.check(createUser.operationId, '422 idempotency_key_reused for the same key with another body; nothing created', async () => {
      const another = ctx.newUser('idempotent other')
      const exchange = await ctx.client.send('POST', USERS, { body: another, headers: { 'idempotency-key': idempotencyKey } })
      expectProblem(exchange, 422, 'idempotency_key_reused')
      const lookup = await ctx.client.send('GET', USERS + query({ email: another.email }))
      expectStatus(lookup, 200)
      const found = (lookup.json as { data?: User[] }).data ?? []
      expect(found.length === 0, `a user with the other body's email exists: ${found[0]?.id}`)
    })
  },
}

/** How many users the pagination walk creates, and the page size it walks them with. */
const WALK_USERS = 25
const WALK_LIMIT = 7

interface Page {
  exchange: Exchange
  data: User[]
  nextCursor: string | null
}

function pageOf(exchange: Exchange): Page {
  expectStatus(exchange, 200)
  const body = exchange.json as { data?: User[]; nextCursor?: string | null }
  expect(Array.isArray(body?.data), `no data[] in ${exchange.text.slice(0, 200)}`)
  return { exchange, data: body.data, nextCursor: body.nextCursor ?? null }
}

/** The next page's target from a Link header, if it has a rel="next". */
function nextLink(ctx: Context, exchange: Exchange): string | undefined {
  const header = exchange.headers.link
  if (!header) return undefined
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (match && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? '')) {
      const target = ctx.client.targetOf(match[1] ?? '', exchange.target)
      expect(target, `Link ${header} leaves the deployment`)
      return target
    }
  }
  return undefined
}

/**
 * Walks every page from `first`, following nextCursor (with the same query) or Link
 * rel="next"; `between` runs after each page. Bounded: a walk that does not end fails.
 */
async function walk(
  ctx: Context,
  first: string,
  via: 'cursor' | 'link',
  maxPages: number,
  between?: (page: number) => Promise<void>,
): Promise<Page[]> {
  const pages: Page[] = []
  let target: string | undefined = first
  while (target) {
    expect(pages.length < maxPages, `the walk did not end within ${maxPages} pages`)
    const page = pageOf(await ctx.client.send('GET', target))
    pages.push(page)
    if (between) await between(pages.length)
    if (via === 'link') {
      target = nextLink(ctx, page.exchange)
      expect(
        Boolean(target) === Boolean(page.nextCursor),
        `page ${pages.length}: nextCursor ${page.nextCursor} but Link ${page.exchange.headers.link}`,
      )
    } else {
      target = page.nextCursor ? `${first}${first.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(page.nextCursor)}` : undefined
    }
  }
  return pages
}

function expectEachOnce(seen: User[], expected: User[], what: string): void {
  const ids = seen.map((u) => u.id)
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i)
  expect(duplicates.length === 0, `${what}: ${duplicates.length} users came twice (${duplicates.slice(0, 3).join(', ')})`)
  const missing = expected.filter((u) => !ids.includes(u.id))
  expect(
    missing.length === 0,
    `${what}: ${missing.length} users missing (${missing
      .slice(0, 3)
      .map((u) => u.name)
      .join(', ')})`,
  )
  const extra = ids.filter((id) => !expected.some((u) => u.id === id))
  expect(extra.length === 0, `${what}: ${extra.length} users that do not match the filter (${extra.slice(0, 3).join(', ')})`)
}

function expectOrder(seen: User[], expected: User[], what: string): void {
  const at = seen.findIndex((u, i) => u.id !== expected[i]?.id)
  expect(at === -1, `${what}: position ${at + 1} holds ${seen[at]?.name}, expected ${expected[at]?.name}`)
}

const byCreatedAt = (a: User, b: User) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const pagination: Scenario = {
  name: 'pagination',
  summary: `${WALK_USERS} users walked ${WALK_LIMIT} at a time by cursor and by Link, with filters and while the set changes`,
  async run(ctx) {
    // a space and a word of their own: the walk's filter matches these users and no other
    const tag = `${ctx.runId} page`
    const walkers = await ctx.check(createUser.operationId, `201 for ${WALK_USERS} users in a row`, async () => {
      const made: User[] = []
      for (let n = 1; n <= WALK_USERS; n++) made.push((await newUser(ctx, `page ${String(n).padStart(2, '0')}`)).user)
      return made
    })
    if (!walkers) return
    const expected = [...walkers].sort(byCreatedAt)
    const maxPages = Math.ceil((WALK_USERS + 1) / WALK_LIMIT) + 2
    const filtered = USERS + query({ q: tag, limit: WALK_LIMIT })

    let firstCursor: string | null = null
    await ctx.check(
      listUsers.operationId,
      `a walk of limit=${WALK_LIMIT} pages by nextCursor returns each user once, in createdAt order`,
      async () => {
        const pages = await walk(ctx, filtered, 'cursor', maxPages)
        firstCursor = pages[0]?.nextCursor ?? null
        const seen = pages.flatMap((p) => p.data)
        expect(
          pages.every((p, i) => i === pages.length - 1 || p.data.length === WALK_LIMIT),
          `page sizes ${pages.map((p) => p.data.length).join(', ')}`,
        )
        expectEachOnce(seen, expected, 'the walk')
        expectOrder(seen, expected, 'the walk')
      },
    )
    await ctx.check(
      listUsers.operationId,
      'each page with a nextCursor links the next with Link rel="next"; the last has neither',
      async () => {
        const pages = await walk(ctx, filtered, 'cursor', maxPages)
        pages.forEach((page, i) => {
          const link = nextLink(ctx, page.exchange)
          if (i === pages.length - 1) {
            expect(page.nextCursor === null && !link, `last page: nextCursor ${page.nextCursor}, Link ${page.exchange.headers.link}`)
            return
          }
          expect(link, `page ${i + 1}: no Link rel="next"`)
          const params = new URL(link, 'http://link').searchParams
          expect(
            params.get('cursor') === page.nextCursor,
            `page ${i + 1}: Link cursor ${params.get('cursor')}, nextCursor ${page.nextCursor}`,
          )
          expect(params.get('q') === tag && params.get('limit') === String(WALK_LIMIT), `page ${i + 1}: Link ${link} drops the filters`)
        })
      },
    )
    await ctx.check(listUsers.operationId, 'a walk by Link rel="next" with sort=-name returns each user once, in name order', async () => {
      const pages = await walk(ctx, USERS + query({ q: tag, limit: WALK_LIMIT, sort: '-name' }), 'link', maxPages)
      const seen = pages.flatMap((p) => p.data)
      const byName = [...walkers].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
      expectEachOnce(seen, expected, 'the walk')
      expectOrder(seen, byName, 'the walk')
    })
    const defaultLimit = Number(queryDefault(listUsers, 'limit'))
    if (Number.isInteger(defaultLimit) && defaultLimit > 0) {
      await ctx.check(listUsers.operationId, `a page without limit holds the default (${defaultLimit})`, async () => {
        const page = pageOf(await ctx.client.send('GET', USERS + query({ q: tag })))
        const size = Math.min(defaultLimit, WALK_USERS)
        expect(page.data.length === size, `${page.data.length} users, expected ${size}`)
        expect((page.nextCursor !== null) === WALK_USERS > defaultLimit, `nextCursor ${page.nextCursor}`)
      })
    }
    await ctx.check(listUsers.operationId, 'createdAfter and createdBefore keep only the users created strictly between', async () => {
      const after = expected[4]!.createdAt
      const before = expected[WALK_USERS - 5]!.createdAt
      const within = expected.filter((u) => Date.parse(u.createdAt) > Date.parse(after) && Date.parse(u.createdAt) < Date.parse(before))
      const page = pageOf(await ctx.client.send('GET', USERS + query({ q: tag, createdAfter: after, createdBefore: before, limit: 100 })))
      expectEachOnce(page.data, within, `createdAfter=${after}&createdBefore=${before}`)
    })
    await ctx.check(listUsers.operationId, '400 validation_failed at /query/cursor for a tampered cursor', async () => {
      expect(firstCursor, 'no cursor to tamper with (the first walk failed)')
      // the first character: every bit of it counts, whatever the encoding
      const tampered = (firstCursor[0] === 'A' ? 'B' : 'A') + firstCursor.slice(1)
      const exchange = await ctx.client.send('GET', `${filtered}&cursor=${encodeURIComponent(tampered)}`)
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/query/cursor')
    })
    await ctx.check(listUsers.operationId, '400 validation_failed at /query/cursor for a cursor reused with another sort', async () => {
      expect(firstCursor, 'no cursor to reuse (the first walk failed)')
      const exchange = await ctx.client.send('GET', `${filtered}&sort=-createdAt&cursor=${encodeURIComponent(firstCursor)}`)
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/query/cursor')
    })
    await ctx.check(listUsers.operationId, 'users created and deleted between pages: every other user comes exactly once', async () => {
      // after the first page: delete one the walk has not reached, create one that sorts last
      const victim = expected[WALK_LIMIT * 2]!
      let newcomer: User | undefined
      const pages = await walk(ctx, filtered, 'cursor', maxPages, async (page) => {
        if (page !== 1) return
        expectStatus(await ctx.client.send('DELETE', userPath(victim.id)), 204)
        newcomer = (await newUser(ctx, `page ${String(WALK_USERS + 1).padStart(2, '0')}`)).user
      })
      expect(newcomer, 'the user to add during the walk was not created')
      const seen = pages.flatMap((p) => p.data)
      expect(!seen.some((u) => u.id === victim.id), 'the user deleted before its page was reached still came')
      expectEachOnce(seen, [...expected.filter((u) => u.id !== victim.id), newcomer], 'the walk')
    })
  },
}

/** Which of `scopes` the operation needs and the key does not hold. */
function missingScopes(op: BoundOperation, scopes: string[]): string[] {
  return scopesOf(op).filter((s) => !scopes.includes(s))
}

const keys: Scenario = {
  name: 'keys',
  summary: 'issue, list and revoke API keys; 403 for a key without the scope (needs a key that manages keys)',
  async run(ctx) {
    const adminScopes = scopesOf(listApiKeys)
    const narrowScopes = scopesOf(listUsers)
    const forbiddenFor = operations.filter((op) => missingScopes(op, narrowScopes).length > 0)
    const issuedChecks: Array<[string, string]> = [
      [createApiKey.operationId, '201 with Location, Cache-Control: no-store and the secret key'],
      [createApiKey.operationId, '400 validation_failed at /body/scopes for an unknown scope'],
      [listApiKeys.operationId, '200 lists the issued key, without its secret'],
      [listUsers.operationId, `200 for a key holding only ${narrowScopes.join(', ')}`],
      ...forbiddenFor.map((op): [string, string] => [
        op.operationId,
        `403 forbidden for a key without ${missingScopes(op, narrowScopes).join(', ')}`,
      ]),
      [deleteApiKey.operationId, '204 revokes the key: it answers 401 at once'],
      [listApiKeys.operationId, 'a revoked key is no longer listed'],
      [deleteApiKey.operationId, '404 not_found for an unknown key id'],
    ]

    if (!ctx.capabilities.managesKeys) {
      for (const op of [createApiKey, deleteApiKey]) {
        await ctx.check(op.operationId, `403 forbidden for a key without ${adminScopes.join(', ')}`, async () => {
          expectProblem(await probe(ctx, op), 403, 'forbidden')
        })
      }
      const reason = `the key does not hold ${adminScopes.join(', ')} (only the master key does), so the kit cannot issue a narrower key`
      for (const [group, name] of issuedChecks) ctx.skip(group, name, reason)
      return
    }

    const issued = await ctx.check(createApiKey.operationId, issuedChecks[0]![1], async () => {
      const exchange = await ctx.client.send('POST', KEYS, { body: { name: `${ctx.marker} read-only`, scopes: narrowScopes } })
      expectStatus(exchange, 201)
      const body = exchange.json as { id?: string; key?: string; scopes?: string[] }
      expect(typeof body.id === 'string' && typeof body.key === 'string', `body without id or key: ${Object.keys(body ?? {}).join(', ')}`)
      const location = exchange.headers.location
      expect(
        location && ctx.client.targetOf(location, exchange.target) === keyPath(body.id),
        `Location ${location}, expected ${keyPath(body.id)}`,
      )
      expect(exchange.headers['cache-control'] === 'no-store', `Cache-Control ${exchange.headers['cache-control'] ?? 'missing'}`)
      expect(JSON.stringify(body.scopes) === JSON.stringify(narrowScopes), `scopes ${JSON.stringify(body.scopes)}`)
      return { id: body.id, key: body.key }
    })
    await ctx.check(createApiKey.operationId, issuedChecks[1]![1], async () => {
      const exchange = await ctx.client.send('POST', KEYS, {
        body: { name: `${ctx.marker} invalid`, scopes: [`conformance:${ctx.runId}`] },
      })
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/body/scopes')
    })
    if (!issued) return
    await ctx.check(listApiKeys.operationId, issuedChecks[2]![1], async () => {
      const exchange = await ctx.client.send('GET', KEYS)
      expectStatus(exchange, 200)
      const listed = (exchange.json as { data?: Array<Record<string, unknown>> }).data ?? []
      expect(
        listed.some((k) => k.id === issued.id),
        'the issued key is not listed',
      )
      expect(!exchange.text.includes(issued.key), 'the list shows the secret')
    })
    await ctx.check(listUsers.operationId, issuedChecks[3]![1], async () => {
      expectStatus(await ctx.client.send('GET', USERS + query({ limit: 1 }), { key: issued.key }), 200)
    })
    for (const op of forbiddenFor) {
      await ctx.check(op.operationId, `403 forbidden for a key without ${missingScopes(op, narrowScopes).join(', ')}`, async () => {
        expectProblem(await probe(ctx, op, issued.key), 403, 'forbidden')
      })
    }
    await ctx.check(deleteApiKey.operationId, issuedChecks[issuedChecks.length - 3]![1], async () => {
      expectStatus(await ctx.client.send('DELETE', keyPath(issued.id)), 204)
      expectUnauthorized(await ctx.client.send('GET', USERS + query({ limit: 1 }), { key: issued.key }))
    })
    await ctx.check(listApiKeys.operationId, issuedChecks[issuedChecks.length - 2]![1], async () => {
      const exchange = await ctx.client.send('GET', KEYS)
      expectStatus(exchange, 200)
      const listed = (exchange.json as { data?: Array<Record<string, unknown>> }).data ?? []
      expect(!listed.some((k) => k.id === issued.id), 'the revoked key is still listed')
    })
    await ctx.check(deleteApiKey.operationId, issuedChecks[issuedChecks.length - 1]![1], async () => {
      expectProblem(await ctx.client.send('DELETE', keyPath(unknownId())), 404, 'not_found')
    })
  },
}

const routing: Scenario = {
  name: 'routing',
  summary: '404 on an unknown path, 405 with Allow on every declared path',
  async run(ctx) {
    await ctx.check('routing', '404 not_found for an unknown path', async () => {
      expectProblem(await ctx.client.send('GET', `/api/${ctx.marker}-nowhere`), 404, 'not_found')
    })
    for (const path of [...new Set(operations.map((op) => op.path))]) {
      const method = undeclaredMethod(path)
      if (!method) continue
      const concrete = path.replace(/\{[^}]+\}/g, () => unknownId())
      await ctx.check('routing', `405 method_not_allowed with Allow for ${method} ${path}`, async () => {
        const exchange = await ctx.client.send(method, concrete)
        expectProblem(exchange, 405, 'method_not_allowed')
        const allow = (exchange.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase())
        const missing = allowedMethods(path).filter((m) => !allow.includes(m))
        expect(missing.length === 0, `Allow: ${exchange.headers.allow ?? 'missing'} lacks ${missing.join(', ')}`)
      })
    }
  },
}

const userRecord: Scenario = {
  name: 'user-record',
  summary: 'externalId, metadata, batch read by id, password verification, bulk import',
  async run(ctx) {
    const externalId = `${ctx.marker}-ext`
    const first = await ctx.check(createUser.operationId, '201 with an externalId and metadata, returned as sent', async () => {
      const created = await newUser(ctx, 'record', { externalId, metadata: { plan: ctx.runId, tier: 'gold' } })
      expect(created.user.externalId === externalId, `externalId ${String(created.user.externalId)}`)
      expect(
        isDeepStrictEqual(created.user.metadata, { plan: ctx.runId, tier: 'gold' }),
        `metadata ${JSON.stringify(created.user.metadata)}`,
      )
      return created
    })
    if (!first) return
    await ctx.check(createUser.operationId, '409 external_id_taken for an externalId another user has', async () => {
      const exchange = await ctx.client.send('POST', USERS, { body: ctx.newUser('record-dup', { externalId }) })
      expectProblem(exchange, 409, 'external_id_taken')
      expectExistingUserNamed(ctx, createUser, exchange, first.user)
    })
    await ctx.check(listUsers.operationId, 'externalId= finds the user', async () => {
      const found = pageOf(await ctx.client.send('GET', `${USERS}${query({ externalId })}`)).data.map((u) => u.id)
      expect(isDeepStrictEqual(found, [first.user.id]), `found ${found.join(', ') || 'nobody'}`)
    })
    await ctx.check(listUsers.operationId, 'metadata[<key>]=<value> finds exactly the users holding the value', async () => {
      const exchange = await ctx.client.send('GET', `${USERS}?metadata%5Bplan%5D=${encodeURIComponent(ctx.runId)}&metadata%5Btier%5D=gold`)
      expectStatus(exchange, 200)
      const found = pageOf(exchange).data.map((u) => u.id)
      expect(isDeepStrictEqual(found, [first.user.id]), `found ${found.join(', ') || 'nobody'}`)
    })
    await ctx.check(updateUser.operationId, 'a merge patch sets one metadata key and removes another; null clears externalId', async () => {
      const exchange = await ctx.client.send('PATCH', userPath(first.user.id), {
        body: { metadata: { tier: null, seats: '5' }, externalId: null },
      })
      expectStatus(exchange, 200)
      const user = userOf(exchange)
      expect(isDeepStrictEqual(user.metadata, { plan: ctx.runId, seats: '5' }), `metadata ${JSON.stringify(user.metadata)}`)
      expect(user.externalId === null, `externalId ${String(user.externalId)}`)
    })
    const second = await ctx.check(createUser.operationId, '201 for a second user to read in a batch', async () =>
      newUser(ctx, 'record-batch'),
    )
    if (second) {
      await ctx.check(listUsers.operationId, 'id=…&id=… answers the users that exist, in the sort order', async () => {
        const ids = [second.user.id, unknownId(), first.user.id]
        const exchange = await ctx.client.send('GET', `${USERS}?${ids.map((id) => `id=${id}`).join('&')}&sort=createdAt`)
        expectStatus(exchange, 200)
        const found = pageOf(exchange).data.map((u) => u.id)
        expect(isDeepStrictEqual(found, [first.user.id, second.user.id]), `found ${found.join(', ') || 'nobody'}`)
      })
    }
    const password = ctx.newUser('record').password
    const verificationPath = pathOf(verifyUserPassword, { id: first.user.id })
    const probe = await ctx.client.send('POST', verificationPath, { body: { password } })
    if (probe.status === 403) {
      const reason = `the key lacks ${scopesOf(verifyUserPassword).join(', ')}, which no other scope implies`
      ctx.skip(verifyUserPassword.operationId, '200 verified: true for the password, false for another one', reason)
      ctx.skip(verifyUserPassword.operationId, '404 not_found for an unknown id', reason)
    } else {
      await ctx.check(verifyUserPassword.operationId, '200 verified: true for the password, false for another one', async () => {
        expectStatus(probe, 200)
        expect((probe.json as { verified?: unknown }).verified === true, `right password: ${probe.text.slice(0, 200)}`)
        const wrong = await ctx.client.send('POST', verificationPath, { body: { password: `${password} (not it)` } })
        expectStatus(wrong, 200)
        expect((wrong.json as { verified?: unknown }).verified === false, `wrong password: ${wrong.text.slice(0, 200)}`)
      })
      await ctx.check(verifyUserPassword.operationId, '404 not_found for an unknown id', async () => {
        expectProblem(
          await ctx.client.send('POST', pathOf(verifyUserPassword, { id: unknownId() }), { body: { password } }),
          404,
          'not_found',
        )
      })
    }
    await ctx.check(
      importUsers.operationId,
      '200 with one outcome per item, in order: created, and email_taken for a duplicate',
      async () => {
        const fresh = ctx.newUser('imported')
        const exchange = await ctx.client.send('POST', pathOf(importUsers), {
          body: { users: [fresh, { ...ctx.newUser('imported-dup'), email: first.user.email }] },
        })
        expectStatus(exchange, 200)
        const result = exchange.json as {
          created: number
          failed: number
          results: Array<{ index: number; status: string; problem?: { code: string } }>
        }
        expect(result.created === 1 && result.failed === 1, `created ${result.created}, failed ${result.failed}`)
        expect(
          result.results.map((r) => `${r.index}:${r.status}`).join() === '0:created,1:failed',
          `outcomes ${result.results.map((r) => `${r.index}:${r.status}`).join()}`,
        )
        expect(result.results[1]?.problem?.code === 'email_taken', `item 1: ${JSON.stringify(result.results[1]?.problem)}`)
      },
    )
  },
}

// ── change events ───────────────────────────────────────────────────────────────────────

interface FeedEvent {
  type: string
  data: { user: { id: string }; changedFields?: string[] }
}
interface FeedPage {
  data: FeedEvent[]
  nextCursor: string
  hasMore: boolean
}

function feedPageOf(exchange: Exchange): FeedPage {
  expectStatus(exchange, 200)
  const page = exchange.json as Partial<FeedPage> | undefined
  expect(page && Array.isArray(page.data), `no data[] in the feed page from ${exchange.target}`)
  expect(typeof page.nextCursor === 'string', `no nextCursor in the feed page from ${exchange.target}: it must be there on every page`)
  return page as FeedPage
}

/** Reads the feed from `after` to where it ends now; other clients' events come along. */
async function readFeed(ctx: Context, after: string | undefined): Promise<{ events: FeedEvent[]; cursor: string }> {
  const events: FeedEvent[] = []
  let cursor = after
  // bounded: a busy deployment's feed may grow while it is read
  for (let pages = 0; pages < 200; pages++) {
    const page = feedPageOf(await ctx.client.send('GET', `${pathOf(listEvents)}${query({ after: cursor, limit: 100 })}`))
    events.push(...page.data)
    cursor = page.nextCursor
    if (!page.hasMore) return { events, cursor }
  }
  throw new Failure('the feed did not end within 200 pages of 100')
}

const changeEvents: Scenario = {
  name: 'change-events',
  summary: 'the change feed: a user created, patched and deleted shows as three events in order (needs events:read)',
  async run(ctx) {
    const first = await ctx.client.send('GET', `${pathOf(listEvents)}${query({ limit: 1 })}`)
    const checks = [
      '200 to the end of the feed, with a nextCursor on the last page',
      'a user created, patched and deleted: user.created, user.updated [name], user.deleted, in order, after the cursor',
      'polling with the last nextCursor returns none of them again',
      '400 validation_failed at /query/after for a cursor the deployment did not issue',
    ]
    if (first.status === 403) {
      const reason = `the key lacks ${scopesOf(listEvents).join(', ')}, which no other scope implies`
      for (const name of checks) ctx.skip(listEvents.operationId, name, reason)
      return
    }
    const start = await ctx.check(listEvents.operationId, checks[0] as string, async () => {
      feedPageOf(first)
      return (await readFeed(ctx, undefined)).cursor
    })
    if (start === undefined) return
    const followed = await ctx.check(createUser.operationId, '201 for a user whose events the feed must show', async () =>
      newUser(ctx, 'followed'),
    )
    if (!followed) return
    const id = followed.user.id
    const patched = await ctx.client.send('PATCH', userPath(id), { body: { name: `Conformance ${ctx.runId} followed again` } })
    const deleted = await ctx.client.send('DELETE', userPath(id))
    const cursor = await ctx.check(listEvents.operationId, checks[1] as string, async () => {
      expectStatus(patched, 200)
      expectStatus(deleted, 204)
      const { events, cursor } = await readFeed(ctx, start)
      const own = events.filter((event) => event.data?.user?.id === id)
      const seen = own.map((event) => `${event.type}${event.data.changedFields ? ` [${event.data.changedFields.join(', ')}]` : ''}`)
      expect(
        isDeepStrictEqual(seen, ['user.created', 'user.updated [name]', 'user.deleted']),
        `the user's events: ${seen.join(', ') || 'none'}`,
      )
      return cursor
    })
    if (cursor !== undefined) {
      await ctx.check(listEvents.operationId, checks[2] as string, async () => {
        const { events } = await readFeed(ctx, cursor)
        const again = events.filter((event) => event.data?.user?.id === id)
        expect(again.length === 0, `${again.length} of them again`)
      })
    }
    await ctx.check(listEvents.operationId, checks[3] as string, async () => {
      const exchange = await ctx.client.send('GET', `${pathOf(listEvents)}${query({ after: `${ctx.runId}.not-a-cursor` })}`)
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/query/after')
    })
  },
}

// Deliveries themselves need a receiver the deployment can reach, which a kit run from outside
// cannot offer; the endpoints' management is checked, with a URL that never resolves
// (`.invalid`, RFC 2606), so that nothing is ever delivered.
const webhooks: Scenario = {
  name: 'webhooks',
  summary: 'register, read, disable, enable and delete a webhook endpoint (needs a key with webhooks:admin)',
  async run(ctx) {
    const url = `https://${ctx.marker}.invalid/hook`
    const endpoints = pathOf(listWebhookEndpoints)
    const probeExchange = await ctx.client.send('GET', endpoints + query({ limit: 1 }))
    if (probeExchange.status === 403) {
      const reason = `the key does not hold ${scopesOf(listWebhookEndpoints).join(', ')}`
      for (const op of [createWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries])
        ctx.skip(op.operationId, 'the endpoint life cycle', reason)
      return
    }
    const created = await ctx.check(
      createWebhookEndpoint.operationId,
      '201 with Location, Cache-Control: no-store and the whsec_ secret',
      async () => {
        const exchange = await ctx.client.send('POST', endpoints, { body: { url, eventTypes: ['user.created'], description: ctx.marker } })
        expectStatus(exchange, 201)
        const body = exchange.json as { id: string; secret?: string; status?: string }
        expect(/^whsec_/.test(body.secret ?? ''), 'no whsec_ secret')
        expect(body.status === 'enabled', `status ${body.status}`)
        const location = exchange.headers.location
        const path = pathOf(getWebhookEndpoint, { id: body.id })
        expect(location && ctx.client.targetOf(location, exchange.target) === path, `Location ${location}, expected ${path}`)
        expect(exchange.headers['cache-control'] === 'no-store', `Cache-Control ${exchange.headers['cache-control'] ?? 'missing'}`)
        return { id: body.id, secret: body.secret ?? '' }
      },
    )
    await ctx.check(createWebhookEndpoint.operationId, '400 validation_failed at /body/url for a URL with credentials', async () => {
      const exchange = await ctx.client.send('POST', endpoints, {
        body: { url: `https://user:pass@${ctx.marker}.invalid/`, eventTypes: ['*'] },
      })
      expectProblem(exchange, 400, 'validation_failed')
      expectPointer(exchange, '/body/url')
    })
    if (!created) return
    const path = pathOf(getWebhookEndpoint, { id: created.id })
    await ctx.check(getWebhookEndpoint.operationId, '200 without the secret', async () => {
      const exchange = await ctx.client.send('GET', path)
      expectStatus(exchange, 200)
      expect(!exchange.text.includes(created.secret), 'the secret is shown again')
      expect((exchange.json as { url?: string }).url === url, 'another url')
    })
    await ctx.check(listWebhookEndpoints.operationId, '200 lists the endpoint, without its secret', async () => {
      const exchange = await ctx.client.send('GET', endpoints + query({ limit: 100 }))
      expectStatus(exchange, 200)
      expect(!exchange.text.includes(created.secret), 'the list shows the secret')
    })
    await ctx.check(updateWebhookEndpoint.operationId, '200 disables with a reason, and enables again without one', async () => {
      const disabled = await ctx.client.send('PATCH', path, { body: { status: 'disabled' } })
      expectStatus(disabled, 200)
      const reason = (disabled.json as { disabledReason?: unknown }).disabledReason
      expect(typeof reason === 'string', `disabledReason ${String(reason)}`)
      const enabled = await ctx.client.send('PATCH', path, { body: { status: 'enabled' } })
      expectStatus(enabled, 200)
      expect((enabled.json as { disabledReason?: unknown }).disabledReason === null, 'disabledReason kept')
    })
    await ctx.check(listWebhookDeliveries.operationId, '200 for the endpoint, 404 not_found for an unknown one', async () => {
      expectStatus(await ctx.client.send('GET', pathOf(listWebhookDeliveries, { id: created.id })), 200)
      expectProblem(await ctx.client.send('GET', pathOf(listWebhookDeliveries, { id: unknownId() })), 404, 'not_found')
    })
    await ctx.check(deleteWebhookEndpoint.operationId, '204, then 404 not_found', async () => {
      expectStatus(await ctx.client.send('DELETE', path), 204)
      expectProblem(await ctx.client.send('GET', path), 404, 'not_found')
    })
  },
}

export const scenarios: readonly Scenario[] = [
  service,
  authentication,
  users,
  errors,
  conditional,
  idempotency,
  pagination,
  userRecord,
  changeEvents,
  keys,
  webhooks,
  routing,
]
