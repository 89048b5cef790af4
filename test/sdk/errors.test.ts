// How the SDK classifies what a server (or something in front of it) answers: a declared
// problem is a ProblemError, anything else the document does not declare an
// UnexpectedResponseError, no answer a NetworkError. Against a scripted local HTTP server.
import t from 'tap'
import { createClient, isProblem, NetworkError, ProblemError, UnexpectedResponseError, UserManagementError } from '../../sdk/src/index.js'
import { created, failure, problem, scripted, USER } from './scripted-server.js'

const clientOf = (baseUrl: string) => createClient({ baseUrl, apiKey: 'stub-key', retries: 0 })

t.test('a declared problem is a ProblemError of its operation', async (t) => {
  const server = await scripted(t, [problem(409, 'email_taken', { 'retry-after': '3' })])
  const error = await failure(clientOf(server.baseUrl).users.create({ email: USER.email, name: 'Ada', password: 'correct horse battery' }))
  t.ok(error instanceof ProblemError && error instanceof UserManagementError && error instanceof Error, 'a ProblemError, an Error')
  t.ok(isProblem(error, 'createUser'), 'of createUser')
  t.notOk(isProblem(error, 'replaceUser'), 'not of another operation')
  t.ok(isProblem(error), 'a problem of some operation')
  const problemError = error as ProblemError<'createUser'>
  t.equal(problemError.name, 'ProblemError')
  t.equal(problemError.status, 409)
  t.equal(problemError.code, 'email_taken')
  t.equal(problemError.requestId, 'stub-request')
  t.equal(problemError.retryAfter, 3)
  t.equal(problemError.problem.type, 'urn:problem:user-management:email_taken', 'the body as sent')
  t.equal(problemError.headers.get('content-type'), 'application/problem+json', 'the headers')
  t.match(problemError.message, /createUser: 409 email_taken/)
  t.equal(server.received[0]!.method, 'POST')
  t.equal(server.received[0]!.headers['content-type'], 'application/json')
})

t.test('what the document does not declare is an UnexpectedResponseError', async (t) => {
  const html = { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }
  const server = await scripted(t, [
    html,
    problem(418, 'teapot'),
    problem(409, 'no_such_code'),
    { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' },
    { status: 200, headers: { 'content-type': 'application/json' }, body: USER },
    { status: 200, headers: { 'content-type': 'application/json', 'content-length': '0' } },
  ])
  const client = clientOf(server.baseUrl)
  const cases: Array<[string, () => Promise<unknown>, number, RegExp]> = [
    ['an HTML error page from a proxy', () => client.users.listPage(), 502, /status not declared/],
    ['a status the operation does not declare', () => client.users.listPage(), 418, /status not declared/],
    [
      'a problem code not declared',
      () => client.users.create({ email: USER.email, name: 'A', password: 'correct horse' }),
      409,
      /code no_such_code/,
    ],
    ['a declared status without a problem document', () => client.users.get(USER.id), 404, /not a problem document/],
    ['a user without its ETag', () => client.users.get(USER.id), 200, /no ETag header/],
    ['a success without a body', () => client.keys.list(), 200, /no body/],
  ]
  const bodies: unknown[] = []
  for (const [what, call, status, reason] of cases) {
    const error = await failure(call())
    bodies.push((error as UnexpectedResponseError).body)
    t.ok(error instanceof UnexpectedResponseError, `${what}: UnexpectedResponseError`)
    t.notOk(isProblem(error), `${what}: not a ProblemError`)
    t.equal((error as UnexpectedResponseError).status, status, `${what}: status ${status}`)
    t.match((error as UnexpectedResponseError).message, reason, `${what}: says why`)
  }
  t.equal(bodies[0], '<h1>Bad gateway</h1>', 'a body that is not JSON is kept as text')
  t.same((bodies[2] as { code?: string }).code, 'no_such_code', 'a JSON body as parsed')
})

t.test('no answer at all is a NetworkError', async (t) => {
  const server = await scripted(t, [])
  const closed = server.baseUrl.replace(/:\d+$/, ':1')
  const error = await failure(clientOf(closed).health())
  t.ok(error instanceof NetworkError, 'connection refused: NetworkError')
  t.ok((error as NetworkError).cause !== undefined, 'with the cause')
})

t.test('creates have a UUID Idempotency-Key even where crypto.randomUUID is missing (insecure browser contexts)', async (t) => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis.crypto, 'randomUUID')
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true })
  t.teardown(() => {
    if (descriptor) Object.defineProperty(globalThis.crypto, 'randomUUID', descriptor)
    else delete (globalThis.crypto as { randomUUID?: unknown }).randomUUID
  })
  const server = await scripted(t, [created, created])
  const client = clientOf(server.baseUrl)
  const first = await client.users.create({ email: USER.email, name: 'Ada', password: 'correct horse' })
  const second = await client.users.create({ email: USER.email, name: 'Ada', password: 'correct horse' })
  t.match(first.idempotencyKey, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a version 4 UUID')
  t.not(first.idempotencyKey, second.idempotencyKey, 'a new one each time')
  t.equal(server.received[0]!.headers['idempotency-key'], first.idempotencyKey, 'the one sent')
})
