// The conformance kit run as integrators run it, a child process over real HTTP: against the
// real server it passes; against a deployment that breaks one response it fails and names
// the operation; whatever happens, it deletes what it created and nothing else.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { createDb } from '../../src/db/index.js'
import { uninstrumented } from '../helpers/child-env.js'
import { MASTER_KEY, projectRoot, request, startServer, tempDatabaseUrl, type E2eServer } from '../helpers/e2e-server.js'

/** Bound on one run of the kit (it takes a few seconds here). */
const KIT_TIMEOUT_MS = 90_000
/** Bound on waiting for the kit's first user before interrupting it. */
const FIRST_USER_TIMEOUT_MS = 30_000
/** Fewer checks than this means the kit stopped checking something. */
const CHECK_FLOOR = 120
const SUMMARY = /^(\d+) passed, (\d+) failed$/

interface KitRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  lines: string[]
  passed: number
  failed: number
}

/** Runs the kit to its end (bounded); `started` sees the child as soon as it is spawned. */
function runKit(
  t: Test,
  args: string[],
  options: { env?: Record<string, string>; viaNpm?: boolean; started?: (child: ChildProcess) => void } = {},
): Promise<KitRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    CONFORMANCE_BASE_URL: undefined,
    CONFORMANCE_KEY: undefined,
    ...options.env,
  }
  const [command, commandArgs] = options.viaNpm
    ? ['npm', ['run', '-s', 'conformance', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', ...args]]
  const child = spawn(command, commandArgs as string[], { cwd: projectRoot, env: uninstrumented(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  let exited = false
  t.teardown(() => {
    if (!exited) child.kill('SIGKILL')
  })
  options.started?.(child)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the kit did not finish within ${KIT_TIMEOUT_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, KIT_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      exited = true
      clearTimeout(timer)
      const lines = stdout.trimEnd().split('\n')
      const summary = SUMMARY.exec(lines.at(-1) ?? '')
      resolve({ code, signal, stdout, stderr, lines, passed: Number(summary?.[1] ?? -1), failed: Number(summary?.[2] ?? -1) })
    })
  })
}

/** The emails in the database that look like the kit's (conformance-…). */
async function kitLookalikes(databaseUrl: string): Promise<string[]> {
  const db = await createDb(databaseUrl)
  try {
    const users = await db.prisma.user.findMany({ where: { email: { startsWith: 'conformance-' } }, select: { email: true } })
    return users.map((u) => u.email).sort()
  } finally {
    await db.close()
  }
}

async function kitKeys(databaseUrl: string): Promise<string[]> {
  const db = await createDb(databaseUrl)
  try {
    const keys = await db.prisma.apiKey.findMany({ where: { name: { startsWith: 'conformance-' } }, select: { name: true } })
    return keys.map((k) => k.name)
  } finally {
    await db.close()
  }
}

/** Users that were there before the kit ran: one of them looks like a crashed run's leftover. */
async function seed(t: Test, server: E2eServer): Promise<string[]> {
  const emails = ['ada@example.com', 'conformance-00000000-1@example.com']
  for (const email of emails) {
    const created = await request(t, server, 'POST', '/api/users', { body: { email, name: 'Existing', password: 'correct horse battery' } })
    t.equal(created.status, 201, `seeded ${email}`)
  }
  return emails
}

/**
 * A real HTTP proxy in front of the real server that breaks one response of one operation:
 * getUser's 200 loses `updatedAt`, which the document requires.
 */
async function brokenProxy(t: Test, upstream: E2eServer): Promise<string> {
  const proxy = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      { host: '127.0.0.1', port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          let body = Buffer.concat(chunks)
          const headers: IncomingHttpHeaders = { ...answer.headers }
          const path = new URL(incoming.url ?? '/', 'http://proxy').pathname
          if (incoming.method === 'GET' && /^\/api\/users\/[^/]+$/.test(path) && answer.statusCode === 200) {
            const { updatedAt: _dropped, ...user } = JSON.parse(body.toString('utf8')) as Record<string, unknown>
            body = Buffer.from(JSON.stringify(user))
            headers['content-length'] = String(body.length)
          }
          outgoing.writeHead(answer.statusCode ?? 502, headers)
          outgoing.end(body)
        })
      },
    )
    forwarded.on('error', () => {
      outgoing.writeHead(502)
      outgoing.end()
    })
    incoming.pipe(forwarded)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections()
        proxy.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

function failingLines(run: KitRun): string[] {
  return run.lines.filter((line) => line.startsWith('✘'))
}

t.test('the kit against a real server', async (t) => {
  const databaseUrl = tempDatabaseUrl(t)
  const server = await startServer(t, databaseUrl, { RATE_LIMIT_MAX: '1000000' })
  const existing = await seed(t, server)

  await t.test('npm run conformance: every check passes, and it deletes what it created and nothing else', async (t) => {
    const jsonFile = join(t.testdir(), 'report.json')
    const run = await runKit(t, ['--base-url', server.baseUrl, '--key', MASTER_KEY, '--json', jsonFile], { viaNpm: true })
    t.equal(run.code, 0, 'exit code 0')
    t.same(failingLines(run), [], 'no failing line')
    t.match(run.lines.at(-1), SUMMARY, `the last line is "N passed, N failed": ${run.lines.at(-1)}`)
    t.ok(run.passed >= CHECK_FLOOR, `${run.passed} checks passed (at least ${CHECK_FLOOR})`)
    t.equal(run.failed, 0, '0 failed')
    t.equal(run.lines.at(-2), '0 skipped (not applicable)', 'with the master key every check applies')
    t.match(run.stdout, /^✔ getUser: 304 on If-None-Match with the current ETag/m, 'the report names checks by operationId')
    t.match(run.stdout, /^✔ deleteApiKey: exercised by the run/m, 'the keys operations are exercised with the master key')
    t.match(
      run.stdout,
      /^✔ listEvents: a user created, patched and deleted: user\.created, user\.updated \[name\], user\.deleted, in order/m,
      'the change feed scenario runs with a key that reads events',
    )
    t.notOk(run.stdout.includes(MASTER_KEY) || run.stderr.includes(MASTER_KEY), 'the key is never printed')

    const report = JSON.parse(readFileSync(jsonFile, 'utf8'))
    t.same(report.summary.passed, run.passed, '--json counts what the text counts')
    t.same(report.summary.failed, 0)
    t.equal(report.checks.length, run.passed, 'one JSON entry per check')
    t.notOk(readFileSync(jsonFile, 'utf8').includes(MASTER_KEY), 'nor is it written to the JSON report')
    t.ok(report.cleanup.deleted.createUser >= 25, `the report says what was cleaned: ${JSON.stringify(report.cleanup)}`)
    t.same(report.cleanup.leftovers, [])

    t.same(
      await kitLookalikes(databaseUrl),
      ['conformance-00000000-1@example.com'],
      'no user of the run is left, and the older look-alike is kept',
    )
    t.same(await kitKeys(databaseUrl), [], 'no key of the run is left')
    const list = await request(t, server, 'GET', '/api/users?limit=100')
    t.same(list.json.data.map((u: { email: string }) => u.email).sort(), existing, 'the users that were there before are untouched')
  })

  await t.test('--only runs the named scenarios; operations it does not reach are not applicable, not failures', async (t) => {
    const run = await runKit(t, ['--base-url', server.baseUrl, '--key', MASTER_KEY, '--only', '^routing$'])
    t.equal(run.code, 0, 'exit code 0')
    t.match(run.stdout, /^✔ routing: 405 method_not_allowed with Allow for PUT \/api\/users$/m)
    t.match(run.stdout, /^– updateUser: exercised by the run — not applicable: a partial run \(--only \^routing\$\)$/m)
    t.notOk(run.stdout.includes('pagination walk'), 'the other scenarios did not run')
  })

  await t.test('a deployment whose getUser 200 lacks updatedAt fails, naming getUser', async (t) => {
    const proxy = await brokenProxy(t, server)
    const run = await runKit(t, ['--base-url', proxy, '--key', MASTER_KEY])
    t.equal(run.code, 1, 'exit code 1')
    t.ok(run.failed > 0, `the last line counts the failures: ${run.lines.at(-1)}`)
    const failing = failingLines(run)
    t.comment(failing.join('\n'))
    const contract = failing.find((line) => line.startsWith('✘ getUser: every 200 response conforms to the document'))
    t.ok(contract, 'the contract line of getUser 200 fails')
    const at = run.lines.indexOf(contract ?? '')
    t.match(run.lines.slice(at, at + 4).join('\n'), /updatedAt/, 'and quotes the violation')
    t.ok(
      failing.every((line) => line.startsWith('✘ getUser: ') || line.includes('updatedAt')),
      'every other failure is about what getUser lost',
    )
    t.same(await kitLookalikes(databaseUrl), ['conformance-00000000-1@example.com'], 'the failing run cleaned up too')
  })

  await t.test('SIGINT stops the checks, cleans up and exits 130', async (t) => {
    let child: ChildProcess | undefined
    const finished = runKit(t, ['--base-url', server.baseUrl, '--key', MASTER_KEY], {
      started: (c) => {
        child = c
      },
    })
    const deadline = Date.now() + FIRST_USER_TIMEOUT_MS
    while ((await kitLookalikes(databaseUrl)).length < 2) {
      if (Date.now() > deadline) throw new Error(`the kit created no user within ${FIRST_USER_TIMEOUT_MS} ms`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    child!.kill('SIGINT')
    const run = await finished
    t.equal(run.code, 130, 'exit code 130')
    t.match(run.stdout, /^Interrupted by SIGINT/m, 'the report says it was interrupted')
    t.match(run.stdout, /^✘ run: every check ran — interrupted by SIGINT$/m, 'which counts as a failure')
    t.ok(run.failed >= 1, `the last line counts it: ${run.lines.at(-1)}`)
    t.match(run.stdout, /^Cleanup: deleted \d+ made by createUser/m, 'the report says what was cleaned')
    t.same(await kitLookalikes(databaseUrl), ['conformance-00000000-1@example.com'], 'no user of the run is left')
  })
})

t.test('a key without keys:admin under a tight rate limit', async (t) => {
  const dir = t.testdir()
  const databaseUrl = `file:${join(dir, 'users.db')}`
  // 25 a second: the kit outpaces it, so it must wait out 429s
  const server = await startServer(t, databaseUrl, { RATE_LIMIT_MAX: '25', RATE_LIMIT_WINDOW_MS: '1000' })
  const issued = await request(t, server, 'POST', '/api/keys', { body: { name: 'integrator', scopes: ['users:read', 'users:write'] } })
  t.equal(issued.status, 201, 'a key for users only')
  const jsonFile = join(dir, 'report.json')
  const run = await runKit(t, ['--json', jsonFile], { env: { CONFORMANCE_BASE_URL: server.baseUrl, CONFORMANCE_KEY: issued.json.key } })
  t.equal(run.code, 0, 'exit code 0: a check that does not apply is not a failure')
  t.same(failingLines(run), [])
  t.equal(run.failed, 0)
  t.ok(run.passed >= CHECK_FLOOR - 20, `${run.passed} passed`)
  t.match(run.stdout, /^✔ listApiKeys: 403 forbidden for a key without keys:admin$/m, 'the keys operations answer 403 as declared')
  t.match(run.stdout, /^✔ createApiKey: 403 forbidden for a key without keys:admin$/m)
  t.match(
    run.stdout,
    /^– createUser: 403 forbidden for a key without users:write — not applicable: the key does not hold keys:admin/m,
    'what needs a narrower key is not applicable, with the reason',
  )
  t.match(
    run.stdout,
    /^– listEvents: a user created, patched and deleted: .* — not applicable: the key lacks events:read/m,
    'without events:read the feed scenario is not applicable',
  )
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'))
  t.ok(report.summary.skipped > 0, `${report.summary.skipped} not applicable`)
  t.equal(run.lines.at(-2), `${report.summary.skipped} skipped (not applicable)`, 'counted apart, on the line before the last')
  t.ok(report.summary.rateLimitWaits > 0, `${report.summary.rateLimitWaits} waits on 429 Retry-After`)
  t.match(run.stdout, /^✔ \w+: every 429 response conforms to the document/m, 'the 429s themselves are checked')
  t.same(await kitLookalikes(databaseUrl), [], 'no user of the run is left')
})

t.test('command line and an unreachable deployment', async (t) => {
  const missing = await runKit(t, ['--key', MASTER_KEY])
  t.equal(missing.code, 2, 'no base URL: exit code 2')
  t.match(missing.stderr, /--base-url \(or CONFORMANCE_BASE_URL\) is required/)
  t.match(missing.stderr, /^Usage: npm run conformance -- --base-url URL --key KEY/m, 'followed by the usage')

  // port 1 (tcpmux): no test server is ever given it, so nothing answers there
  const unreachable = await runKit(t, ['--base-url', 'http://127.0.0.1:1', '--key', MASTER_KEY])
  t.equal(unreachable.code, 1, 'exit code 1')
  t.match(unreachable.stdout, /^✘ deployment: answers at http:\/\/127\.0\.0\.1:\d+\/ — GET \/openapi\.json: fetch failed/m)
  t.equal(unreachable.lines.at(-1), '0 passed, 1 failed')

  // a deployment that accepts connections and never answers must not hang the kit
  const silent = createServer(() => {})
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        silent.closeAllConnections()
        silent.close(() => resolve())
      }),
  )
  const hanging = await runKit(t, [
    '--base-url',
    `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    '--key',
    MASTER_KEY,
    '--timeout-ms',
    '300',
  ])
  t.equal(hanging.code, 1, 'exit code 1')
  t.match(
    hanging.stdout,
    /^✘ deployment: answers at .* — GET \/openapi\.json: no response within 300 ms$/m,
    '--timeout-ms bounds each wait',
  )
})
