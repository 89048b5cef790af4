// The Prism harness both ways, against the real app over HTTP: a conforming run through
// `prism proxy --errors` reports nothing, while a request or a response that breaks openapi.yaml
// is reported with its location.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { contractViolations } from '../../src/contract/check.js'
import { build, listening, newUser, type TestApp } from '../helpers/app.js'
import { formatViolation, type PrismProxy, startPrismProxy } from '../helpers/prism.js'

const REQUEST_TIMEOUT_MS = 15_000

interface Answer {
  status: number
  headers: Headers
  json: any
}

interface SendOptions {
  body?: unknown
  headers?: Record<string, string>
  /** the API key to send: the master key by default, null for none */
  as?: string | null
  /** Prism answers this request itself: the service's contract check does not apply */
  prismAnswers?: boolean
}

/**
 * One request through the proxy; unless Prism answers it itself, the response is also checked
 * with the project's own contract check.
 */
async function send(
  t: Test,
  prism: PrismProxy,
  api: TestApp,
  method: string,
  path: string,
  { body, headers = {}, as = api.config.masterKey, prismAnswers = false }: SendOptions = {},
): Promise<Answer> {
  const sent: Record<string, string> = { ...(as === null ? {} : { authorization: `Bearer ${as}` }), ...headers }
  if (body !== undefined && !Object.keys(sent).some((name) => name.toLowerCase() === 'content-type')) {
    sent['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
  }
  const response = await fetch(prism.baseUrl + path, {
    method,
    headers: sent,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  const json = text ? JSON.parse(text) : undefined
  if (!prismAnswers) {
    const received = Object.fromEntries(response.headers)
    t.same(
      contractViolations(method, path, { statusCode: response.status, headers: received, body: text }),
      [],
      `${method} ${path} → ${response.status} conforms to openapi.yaml`,
    )
  }
  return { status: response.status, headers: response.headers, json }
}

t.test('a conforming run through the proxy reports no violation', async (t) => {
  const api = await build(t)
  const prism = await startPrismProxy(t, await listening(api.app))
  const call = (method: string, path: string, options?: SendOptions) => send(t, prism, api, method, path, options)

  const first = newUser({ email: 'ada.prism@example.com' })
  const created = await call('POST', '/api/users', { body: first, headers: { 'idempotency-key': 'prism-create-ada' } })
  t.equal(created.status, 201, 'create → 201')
  const id: string = created.json.id
  t.equal((await call('POST', '/api/users', { body: newUser() })).status, 201, 'a second user → 201')

  const got = await call('GET', `/api/users/${id}`)
  t.equal(got.status, 200, 'get → 200')
  const etag = got.headers.get('etag')!
  t.equal(
    (await call('GET', `/api/users/${id}`, { headers: { 'if-none-match': etag } })).status,
    304,
    'get with a current If-None-Match → 304',
  )

  const page = await call('GET', '/api/users?limit=1&sort=email')
  t.equal(page.status, 200, 'list → 200')
  t.equal(page.json.data.length, 1, 'a page of one')
  t.match(page.headers.get('link'), /rel="next"/, 'with a Link to the next page')
  const next = await call('GET', `/api/users?limit=1&sort=email&cursor=${page.json.nextCursor}`)
  t.equal(next.status, 200, 'the next page → 200')
  const filtered = await call('GET', `/api/users?email=${encodeURIComponent(first.email as string)}&status=active`)
  t.same(
    filtered.json.data.map((user: { id: string }) => user.id),
    [id],
    'the email filter finds the user',
  )

  const patched = await call('PATCH', `/api/users/${id}`, { body: { name: 'Augusta Ada King' }, headers: { 'if-match': etag } })
  t.equal(patched.status, 200, 'patch (merge patch, If-Match) → 200')
  const replaced = await call('PUT', `/api/users/${id}`, { body: { email: first.email, name: 'Ada King', status: 'disabled' } })
  t.equal(replaced.status, 200, 'replace → 200')

  // declared errors the server decides: the requests themselves conform to the document
  const reused = await call('POST', '/api/users', { body: newUser(), headers: { 'idempotency-key': 'prism-create-ada' } })
  t.match(reused, { status: 422, json: { code: 'idempotency_key_reused' } }, 'an Idempotency-Key reused with another body → 422')
  const stale = await call('PATCH', `/api/users/${id}`, { body: { name: 'Ada' }, headers: { 'if-match': etag } })
  t.match(stale, { status: 412, json: { code: 'precondition_failed' } }, 'a stale If-Match → 412')
  const taken = await call('POST', '/api/users', { body: newUser({ email: 'ADA.PRISM@example.com' }) })
  t.match(taken, { status: 409, json: { code: 'email_taken' } }, 'a taken email → 409')
  const forged = await call('GET', '/api/users?cursor=not-a-cursor-this-service-issued')
  t.match(forged, { status: 400, json: { code: 'validation_failed' } }, 'a forged cursor → 400 validation_failed')
  const stranger = await call('GET', '/api/users', { as: 'an-unknown-key-0123456789abcdefghijklmnop' })
  t.match(stranger, { status: 401, json: { code: 'unauthorized' } }, 'an unknown key → 401')
  const issued = await call('POST', '/api/keys', { body: { name: 'reader', scopes: ['users:read'] } })
  t.equal(issued.status, 201, 'a read-only key is issued → 201')
  const refused = await call('DELETE', `/api/users/${id}`, { as: issued.json.key })
  t.match(refused, { status: 403, json: { code: 'forbidden' } }, 'a key without the scope → 403')

  t.equal((await call('DELETE', `/api/users/${id}`)).status, 204, 'delete → 204')
  const gone = await call('GET', `/api/users/${id}`)
  t.match(gone, { status: 404, json: { code: 'not_found' } }, 'get after delete → 404')
  t.equal((await call('GET', '/healthz', { as: null })).status, 200, 'the liveness probe → 200')

  t.same(prism.violations(), [], 'Prism reported no violation')
})

t.test('a request that breaks the document never reaches the server and is reported', async (t) => {
  const api = await build(t)
  const prism = await startPrismProxy(t, await listening(api.app))
  const call = (method: string, path: string, options?: SendOptions) => send(t, prism, api, method, path, options)

  t.equal((await call('GET', '/api/users?limit=0', { prismAnswers: true })).status, 422, 'limit=0: Prism answers 422 itself')
  t.equal(
    (await call('POST', '/api/users', { body: { ...newUser(), nickname: 'x' }, prismAnswers: true })).status,
    422,
    'an undeclared property: 422',
  )
  t.equal((await call('GET', '/api/users', { as: null, prismAnswers: true })).status, 401, 'no Authorization: Prism answers 401 itself')
  t.equal(
    (await call('GET', '/api/nothing-here', { prismAnswers: true })).status,
    404,
    'a path outside the document: Prism answers 404 itself',
  )
  t.equal(
    (await call('HEAD', '/api/users', { prismAnswers: true })).status,
    405,
    'HEAD, which the document does not declare: Prism answers 405 itself',
  )

  const reported = prism.takeViolations()
  t.comment(`Prism reported:\n${reported.map(formatViolation).join('\n')}`)
  t.match(
    reported.map(({ method, url, location }) => ({ method, url, location })),
    [
      { url: '/api/users?limit=0', location: 'request.query.limit' },
      { url: '/api/users', location: /^request\.body/ },
      { url: '/api/users', location: 'request.security' },
      { url: '/api/nothing-here', location: 'request.route' },
      { method: 'HEAD', url: '/api/users', location: 'request.route' },
    ],
    'each request is reported with where it breaks the document',
  )
  const count = await api.request({ method: 'GET', url: '/api/users' })
  t.same(count.json().data, [], 'the refused create never reached the server')
})

/** A real HTTP hop between Prism and the app that rewrites the JSON body of chosen responses. */
/** What the breaker may rewrite of one response: its parsed JSON body and its headers. */
interface Altered {
  method: string
  path: string
  body: any
  headers: Record<string, string>
}

async function breaker(t: Test, upstream: string, alter: (response: Altered) => void): Promise<string> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers: Record<string, string> = {}
    // fetch frames the body itself: the hop's own length and connection headers stay behind
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) {
        headers[name] = value
      }
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
    const response = await fetch(upstream + req.url, { method: req.method!, headers, ...(body ? { body } : {}) })
    const text = await response.text()
    const out: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value
    })
    const altered: Altered = { method: req.method!, path: req.url!, body: text ? JSON.parse(text) : undefined, headers: out }
    alter(altered)
    res.writeHead(response.status, altered.headers).end(text ? JSON.stringify(altered.body) : '')
  })
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

t.test('a deliberately broken response field makes the run fail', async (t) => {
  const api = await build(t)
  const upstream = await breaker(t, await listening(api.app), (response) => {
    if (response.method === 'GET' && /^\/api\/users\/[^/?]+$/.test(response.path)) delete response.body.email
    if (response.method === 'PATCH') response.body.status = 1
    if (response.method === 'PUT') delete response.headers.etag
  })
  const prism = await startPrismProxy(t, upstream)
  const call = (method: string, path: string, options?: SendOptions) => send(t, prism, api, method, path, options)

  const created = await call('POST', '/api/users', { body: newUser() })
  t.equal(created.status, 201, 'an unaltered response passes')
  t.same(prism.violations(), [], 'and reports nothing')

  const got = await call('GET', `/api/users/${created.json.id}`, { prismAnswers: true })
  t.equal(got.status, 500, 'a user without email: Prism replaces the response with its 500 problem')
  t.match(got.json, { type: 'https://stoplight.io/prism/errors#VIOLATIONS' }, 'of type VIOLATIONS')
  const patched = await call('PATCH', `/api/users/${created.json.id}`, { body: { name: 'Grace' }, prismAnswers: true })
  t.equal(patched.status, 500, 'a numeric status: 500 as well')
  const replaced = await call('PUT', `/api/users/${created.json.id}`, {
    body: { email: created.json.email, name: 'Grace' },
    prismAnswers: true,
  })
  t.equal(replaced.status, 500, 'a missing required ETag header: 500 as well')

  const reported = prism.takeViolations()
  t.comment(`Prism reported:\n${reported.map(formatViolation).join('\n')}`)
  const named = (method: string) => reported.filter((v) => v.method === method)
  t.match(named('GET'), [{ status: 500, location: 'response.body', message: /'email'/ }], 'the missing email is reported, named')
  t.same(
    [...new Set(named('PATCH').map((v) => `${v.status} ${v.location}`))],
    ['500 response.body.status'],
    'the numeric status is reported, named',
  )
  t.match(named('PUT'), [{ status: 500, location: /^response\.header/, message: /etag/i }], 'the missing ETag header is reported, named')
  t.equal(reported.length, named('GET').length + named('PATCH').length + named('PUT').length, 'and nothing else')
})

t.test('an upstream that does not answer is reported', async (t) => {
  // a port that was free a moment ago: nothing listens there
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()))
  const { port } = closed.address() as AddressInfo
  await new Promise<void>((resolve) => closed.close(() => resolve()))

  const prism = await startPrismProxy(t, `http://127.0.0.1:${port}`)
  const response = await fetch(`${prism.baseUrl}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  t.equal(response.status, 500, 'Prism answers 500 itself')
  const reported = prism.takeViolations()
  t.comment(`Prism reported:\n${reported.map(formatViolation).join('\n')}`)
  t.match(reported, [{ url: '/healthz', location: 'proxy', message: /FetchError.*ECONNREFUSED/ }], 'as a failure of the proxy')
})
