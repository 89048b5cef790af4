// Start-up and shutdown of the real process: a bad configuration is refused up front with
// the variable's name, and SIGTERM shuts a running server down gracefully.
import t from 'tap'
import { request, runUntilExit, startServer, tempDatabaseUrl } from '../helpers/e2e-server.js'

const badConfigurations: Array<[string, string]> = [
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['LOG_LEVEL', 'loud'],
  ['DATABASE_URL', 'mysql://x'],
]

for (const [variable, value] of badConfigurations) {
  t.test(`${variable}=${value} stops start-up`, async (t) => {
    const result = await runUntilExit(t, { DATABASE_URL: tempDatabaseUrl(t), [variable]: value })
    t.not(result.code, 0, `non-zero exit (got ${JSON.stringify({ code: result.code, signal: result.signal })})`)
    t.equal(result.signal, null, 'it exits by itself rather than being killed')
    t.match(result.stderr, new RegExp(`\\b${variable}\\b`), `stderr names ${variable}: ${result.stderr.trim()}`)
    t.notMatch(result.stderr, /^\s+at /m, 'a configuration error is reported without a stack trace')
    t.notMatch(result.stdout, /Server listening at/, 'it never listened')
  })
}

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
