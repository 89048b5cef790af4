// Secrets never reach the log, even at debug level: passwords (valid, invalid or in a body
// that is not even JSON), their hashes, API keys (the master key, an issued key's secret,
// a wrong one) and the stored hashes of those secrets.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { MASTER_KEY, request, START_TIMEOUT_MS, spawnServer, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'

t.test('a debug-level log holds one JSON access line per request, and no secrets', async (t) => {
  const file = join(t.testdir(), 'users.db')
  const server = await startServer(t, `file:${file}`, { LOG_LEVEL: 'debug' })
  const wrongToken = 'some-secret-token-value-that-is-no-key'
  const secrets = {
    create: 'create-pw-Kq7#xZ',
    second: 'second-pw-Rw5*qA',
    put: 'put-pw-Vn3%wL',
    patch: 'patch-pw-Hs9&mR',
    invalid: 'invalid-pw-Tb4!pJ',
    malformed: 'malformed-pw-Ye2?cN',
    unsupported: 'unsupported-pw-Gu8@dW',
    forbidden: 'forbidden-pw-Lc6^nV',
  }
  const requestIds: Record<string, string> = {}
  const remember = (what: string, response: { headers: Record<string, string> }) => {
    requestIds[what] = response.headers['x-request-id'] ?? ''
    t.ok(requestIds[what], `${what} has a request id`)
  }

  // two keys issued with the master key: one that reads and writes users, one that only reads
  const issued = await request(t, server, 'POST', '/api/keys', { body: { name: 'logging writer', scopes: ['users:read', 'users:write'] } })
  t.equal(issued.status, 201, 'POST /api/keys with the master key → 201')
  remember('issue writer key', issued)
  const writerKey = issued.json?.key as string
  t.match(writerKey, /^\S{32,}$/, 'the response holds the secret once')
  const issuedReader = await request(t, server, 'POST', '/api/keys', { body: { name: 'logging reader', scopes: ['users:read'] } })
  t.equal(issuedReader.status, 201)
  remember('issue reader key', issuedReader)
  const readerKey = issuedReader.json?.key as string

  const keys = await request(t, server, 'GET', '/api/keys')
  t.equal(keys.status, 200)
  remember('list keys', keys)
  t.notOk(keys.text.includes(writerKey) || keys.text.includes(readerKey), 'the list shows no secret')

  const created = await request(t, server, 'POST', '/api/users', {
    as: writerKey,
    body: { email: 'logged@example.com', name: 'Logged', password: secrets.create },
  })
  t.equal(created.status, 201, 'the issued key creates a user')
  remember('create', created)
  const location = created.headers.location!

  const second = await request(t, server, 'POST', '/api/users', {
    as: writerKey,
    headers: { 'idempotency-key': 'logging-second-user' },
    body: { email: 'second@example.com', name: 'Second', password: secrets.second },
  })
  t.equal(second.status, 201)
  remember('create second', second)

  const put = await request(t, server, 'PUT', location, {
    as: writerKey,
    body: { email: 'logged@example.com', name: 'Logged Again', password: secrets.put },
  })
  t.equal(put.status, 200)
  remember('put', put)

  const patch = await request(t, server, 'PATCH', location, {
    as: writerKey,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: { password: secrets.patch },
  })
  t.equal(patch.status, 200)
  remember('patch', patch)

  const get = await request(t, server, 'GET', location, { as: readerKey })
  t.equal(get.status, 200, 'the read-only key reads')
  remember('get', get)

  const forbidden = await request(t, server, 'POST', '/api/users', {
    as: readerKey,
    body: { email: 'nope@example.com', name: 'Nope', password: secrets.forbidden },
  })
  t.equal(forbidden.status, 403, 'the read-only key cannot write')
  t.equal(forbidden.json?.code, 'forbidden')
  remember('forbidden', forbidden)

  // invalid: an unknown property and an address that is not one, next to a password
  const invalid = await request(t, server, 'POST', '/api/users', {
    as: writerKey,
    body: { email: 'not-an-email', name: 'X', password: secrets.invalid, role: 'admin' },
  })
  t.equal(invalid.status, 400)
  t.equal(invalid.json?.code, 'validation_failed')
  remember('invalid', invalid)

  // not JSON at all: the parser's error message would quote the text around the error
  const malformed = await request(t, server, 'POST', '/api/users', {
    as: writerKey,
    body: `{"email":"m@example.com","name":"M","password":"${secrets.malformed}" oops}`,
  })
  t.equal(malformed.status, 400)
  t.equal(malformed.json?.code, 'malformed_json')
  remember('malformed', malformed)

  const unsupported = await request(t, server, 'PATCH', location, {
    as: writerKey,
    headers: { 'content-type': 'text/plain' },
    body: `password=${secrets.unsupported}`,
  })
  t.equal(unsupported.status, 415)
  t.equal(unsupported.json?.code, 'unsupported_media_type')
  remember('unsupported', unsupported)

  const wrong = await request(t, server, 'GET', location, { as: wrongToken })
  t.equal(wrong.status, 401, 'a key that is none → 401')
  t.equal(wrong.json?.code, 'unauthorized')
  remember('wrong key', wrong)

  const revoke = await request(t, server, 'DELETE', `/api/keys/${issuedReader.json?.id}`)
  t.equal(revoke.status, 204)
  remember('revoke', revoke)
  const revoked = await request(t, server, 'GET', location, { as: readerKey })
  t.equal(revoked.status, 401, 'the revoked key → 401')
  remember('revoked key', revoked)

  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0, 'the server shut down cleanly, so its output is complete')
  const log = server.stdout() + server.stderr()

  // the stored hashes, read after the run from the database file itself
  const db = new Database(file, { readonly: true, fileMustExist: true })
  let passwordHashes: string[]
  let secretHashes: string[]
  try {
    passwordHashes = (db.prepare('SELECT "passwordHash" AS h FROM "User"').all() as Array<{ h: string }>).map((r) => r.h)
    secretHashes = (db.prepare('SELECT "secretHash" AS h FROM "ApiKey"').all() as Array<{ h: string }>).map((r) => r.h)
  } finally {
    db.close()
  }
  t.equal(passwordHashes.length, 2, 'two users are stored')
  t.equal(secretHashes.length, 1, 'one key is stored (the other was revoked)')
  for (const hash of passwordHashes) t.match(hash, /^\$argon2id\$/, 'a stored password hash is Argon2id')
  for (const hash of secretHashes) t.match(hash, /^[0-9a-f]{64}$/, 'a stored key hash is SHA-256 hex')

  // not a terminal: JSON lines, each one an object
  const lines = server
    .stdout()
    .split('\n')
    .filter((line) => line.length > 0)
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  t.ok(entries.length > 0 && entries.every((entry) => typeof entry === 'object' && entry !== null), 'stdout is JSON lines')
  const accessLines = entries.filter((entry) => entry.msg === 'request completed')
  t.notOk(
    entries.some((entry) => entry.msg === 'incoming request'),
    'Fastify’s own request lines are replaced by the access line',
  )
  for (const [what, id] of Object.entries(requestIds)) {
    const own = accessLines.filter((entry) => entry.requestId === id)
    t.equal(own.length, 1, `one access line for ${what}`)
    const [line] = own
    t.match(
      line,
      { operationId: String, method: String, path: /^\//, status: Number, durationMs: Number },
      `${what}: operationId, method, path, status and duration`,
    )
  }
  const byId = (what: string) => accessLines.find((entry) => entry.requestId === requestIds[what])
  t.match(byId('create'), { operationId: 'createUser', status: 201, keyId: issued.json?.id }, 'the caller is named by its key id')
  t.match(byId('issue writer key'), { operationId: 'createApiKey', keyId: 'master' })
  t.match(byId('wrong key'), { operationId: 'getUser', status: 401, keyId: null }, 'a request without a valid key has none')
  for (const [what, id] of Object.entries(requestIds)) {
    t.ok(log.includes(id), `the log holds the request id of ${what} (${id})`)
  }
  for (const [what, password] of Object.entries(secrets)) {
    t.notOk(log.includes(password), `the ${what} password is not in the log`)
  }
  t.notOk(log.includes(MASTER_KEY), 'the master key is not in the log')
  t.notOk(log.includes(writerKey), 'the issued writer key is not in the log')
  t.notOk(log.includes(readerKey), 'the issued reader key is not in the log')
  t.notOk(log.includes(wrongToken), 'the wrong bearer token is not in the log')
  t.notMatch(log, /\$argon2/i, 'no password hash is in the log')
  for (const hash of passwordHashes) t.notOk(log.includes(hash), 'the stored password hash is not in the log')
  for (const hash of secretHashes) t.notOk(log.includes(hash), `the stored key hash ${hash.slice(0, 8)}… is not in the log`)
})

t.test('LOG_FORMAT=pretty (as `npm run dev` sets) writes lines for people, with the same fields', async (t) => {
  const server = spawnServer(t, { DATABASE_URL: tempDatabaseUrl(t), LOG_FORMAT: 'pretty', PORT: '0' })
  const deadline = Date.now() + START_TIMEOUT_MS
  let port: number | undefined
  while (port === undefined) {
    port = Number(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.stdout())?.[1]) || undefined
    if (Date.now() > deadline) throw new Error(`no listening line in:\n${server.stdout()}\n${server.stderr()}`)
    if (port === undefined) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const baseUrl = `http://127.0.0.1:${port}`
  const health = await request(t, { baseUrl }, 'GET', '/healthz', { as: null, headers: { 'x-request-id': 'pretty-log-check' } })
  t.equal(health.status, 200)
  const exit = await server.stop('SIGTERM')
  t.equal(exit.code, 0)
  const out = server.stdout()
  t.notOk(
    out.split('\n').some((line) => line.startsWith('{')),
    'no JSON lines',
  )
  t.match(out, /request completed/, 'the access line')
  t.match(out, /requestId: "pretty-log-check"/, 'with its fields, one per line')
  t.match(out, /operationId: "getHealth"/)
  t.match(out, /durationMs: [0-9.]+/)
})
