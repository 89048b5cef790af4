// Secrets never reach the log, even at debug level: passwords (valid, invalid or in a body
// that is not even JSON), their hashes, and Authorization headers.
import t from 'tap'
import { request, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'

t.test('a debug-level log holds the request ids but no secrets', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t), { LOG_LEVEL: 'debug' })
  const token = 'some-secret-token-value'
  const auth = { authorization: `Bearer ${token}` }
  const secrets = {
    create: 'create-pw-Kq7#xZ',
    put: 'put-pw-Vn3%wL',
    patch: 'patch-pw-Hs9&mR',
    invalid: 'invalid-pw-Tb4!pJ',
    malformed: 'malformed-pw-Ye2?cN',
    unsupported: 'unsupported-pw-Gu8@dW',
  }
  const requestIds: Record<string, string> = {}
  const remember = (what: string, response: { headers: Record<string, string> }) => {
    requestIds[what] = response.headers['x-request-id'] ?? ''
    t.ok(requestIds[what], `${what} has a request id`)
  }

  const created = await request(t, server, 'POST', '/api/users', {
    headers: auth,
    body: { email: 'logged@example.com', name: 'Logged', password: secrets.create },
  })
  t.equal(created.status, 201)
  remember('create', created)
  const location = created.headers.location!

  const put = await request(t, server, 'PUT', location, {
    headers: auth,
    body: { email: 'logged@example.com', name: 'Logged Again', password: secrets.put },
  })
  t.equal(put.status, 200)
  remember('put', put)

  const patch = await request(t, server, 'PATCH', location, {
    headers: { ...auth, 'content-type': 'application/merge-patch+json' },
    body: { password: secrets.patch },
  })
  t.equal(patch.status, 200)
  remember('patch', patch)

  const get = await request(t, server, 'GET', location, { headers: auth })
  t.equal(get.status, 200)
  remember('get', get)

  // invalid: an unknown property and an address that is not one, next to a password
  const invalid = await request(t, server, 'POST', '/api/users', {
    headers: auth,
    body: { email: 'not-an-email', name: 'X', password: secrets.invalid, role: 'admin' },
  })
  t.equal(invalid.status, 400)
  t.equal(invalid.json?.code, 'validation_failed')
  remember('invalid', invalid)

  // not JSON at all: the parser's error message would quote the text around the error
  const malformed = await request(t, server, 'POST', '/api/users', {
    headers: auth,
    body: `{"email":"m@example.com","name":"M","password":"${secrets.malformed}" oops}`,
  })
  t.equal(malformed.status, 400)
  t.equal(malformed.json?.code, 'malformed_json')
  remember('malformed', malformed)

  const unsupported = await request(t, server, 'PATCH', location, {
    headers: { ...auth, 'content-type': 'text/plain' },
    body: `password=${secrets.unsupported}`,
  })
  t.equal(unsupported.status, 415)
  t.equal(unsupported.json?.code, 'unsupported_media_type')
  remember('unsupported', unsupported)

  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the server shut down cleanly, so its output is complete')
  const log = server.stdout() + server.stderr()

  t.match(log, /"msg":"incoming request"/, 'request lines were written')
  for (const [what, id] of Object.entries(requestIds)) {
    t.ok(log.includes(id), `the log holds the request id of ${what} (${id})`)
  }
  for (const [what, password] of Object.entries(secrets)) {
    t.notOk(log.includes(password), `the ${what} password is not in the log`)
  }
  t.notOk(log.includes(token), 'the bearer token is not in the log')
  t.notMatch(log, /\$argon2/i, 'no password hash is in the log')
})
