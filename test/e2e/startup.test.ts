// Start-up and shutdown of the real process: a bad configuration is refused up front with
// the variable's name, and SIGTERM shuts a running server down gracefully.
import t from 'tap'
import { request, runUntilExit, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'

/** What the server accepts as an API key (config.ts): 32+ of these characters. */
const KEY_CHARS = '[A-Za-z0-9._~+/=-]'

interface Refusal {
  what: string
  env: Record<string, string | undefined>
  /** the variable stderr must name */
  variable: string
}

const refusals: Refusal[] = [
  ...(
    [
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['LOG_LEVEL', 'loud'],
      ['DATABASE_URL', 'mysql://x'],
    ] as const
  ).map(([variable, value]) => ({
    what: `${variable}=${value}`,
    env: { [variable]: value },
    variable,
  })),
  // the master key: production refuses to start without a usable one (development generates one)
  {
    what: 'NODE_ENV=production without API_MASTER_KEY',
    env: { NODE_ENV: 'production', API_MASTER_KEY: undefined },
    variable: 'API_MASTER_KEY',
  },
  {
    what: "NODE_ENV=production with API_MASTER_KEY='short'",
    env: { NODE_ENV: 'production', API_MASTER_KEY: 'short' },
    variable: 'API_MASTER_KEY',
  },
]

// Each refused start-up costs a TypeScript compile: start them all at once, check them one by one.
const outcomes = refusals.map((refusal) => {
  const outcome = runUntilExit(t, { DATABASE_URL: tempDatabaseUrl(t), ...refusal.env })
  outcome.catch(() => {}) // reported by its own test below
  return outcome
})

refusals.forEach(({ what, variable }, i) => {
  t.test(`${what} stops start-up`, async (t) => {
    const result = await outcomes[i]!
    t.not(result.code, 0, `non-zero exit (got ${JSON.stringify({ code: result.code, signal: result.signal })})`)
    t.equal(result.signal, null, 'it exits by itself rather than being killed')
    t.match(result.stderr, new RegExp(`\\b${variable}\\b`), `stderr names ${variable}: ${result.stderr.trim()}`)
    t.notMatch(result.stderr, /^\s+at /m, 'a configuration error is reported without a stack trace')
    t.notMatch(result.stdout, /Server listening at/, 'it never listened')
  })
})

t.test('in development without API_MASTER_KEY a generated key is printed once and works', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t), { NODE_ENV: 'development', API_MASTER_KEY: undefined })
  const stderr = server.stderr()
  t.match(stderr, /API_MASTER_KEY/, 'stderr says API_MASTER_KEY is not set')
  // the key stands on a line of its own
  const printed = [...stderr.matchAll(new RegExp(`^\\s+(${KEY_CHARS}{32,})\\s*$`, 'gm'))].map((m) => m[1]!)
  t.equal(printed.length, 1, `exactly one key is printed (stderr: ${stderr.trim()})`)
  const key = printed[0] ?? ''
  t.equal(stderr.split(key).length - 1, 1, 'the key appears once on stderr')
  t.notOk(server.stdout().includes(key), 'the key is not in the JSON log on stdout')

  const withKey = await request(t, server, 'GET', '/api/users', { as: key })
  t.equal(withKey.status, 200, 'GET /api/users with the printed key → 200')
  t.same(withKey.json?.data, [], 'an empty list')
  const without = await request(t, server, 'GET', '/api/users', { as: null })
  t.equal(without.status, 401, 'GET /api/users without a key → 401')
  t.equal(without.json?.code, 'unauthorized')
  t.match(without.headers['www-authenticate'], /^Bearer\b/, 'with a Bearer challenge')
  const testKey = await request(t, server, 'GET', '/api/users')
  t.equal(testKey.status, 401, 'the tests’ fixed key is not this server’s key → 401')

  const exit = await server.stop('SIGTERM')
  t.same(exit, { code: 0, signal: null }, 'exit code 0 after SIGTERM')
  t.equal(server.stderr().split(key).length - 1, 1, 'the key was still printed only once at the end of the run')
})

t.test('SIGTERM shuts a running server down with exit code 0', async (t) => {
  const server = await startServer(t, tempDatabaseUrl(t))
  const health = await request(t, server, 'GET', '/healthz')
  t.equal(health.status, 200)
  t.same(health.json, { status: 'ok' })
  const ready = await request(t, server, 'GET', '/readyz')
  t.equal(ready.status, 200)

  const exit = await server.stop('SIGTERM')
  t.same(exit, { code: 0, signal: null }, 'exit code 0 after SIGTERM')
  t.match(server.stdout(), /"signal":"SIGTERM"/, 'the shutdown is logged with its signal')
  t.equal(server.stderr().trim(), '', 'nothing on stderr')
  await t.rejects(fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }), 'the port is closed')
})
