/**
 * Overload benchmark: a storm of creates (each hashes a password with Argon2id) beyond what
 * the machine can hash, and reads (getUser) sent at the same time at a steady rate.
 *
 *   npm run bench:overload
 *   npm run bench:overload -- --hash-concurrency 1,2,4 --duration 20 --creates 64 --read-rate 100
 *
 * For each HASH_CONCURRENCY given, the real server (src/server.ts, NODE_ENV=production,
 * SQLite in a fresh temp directory, logging at info to a pipe that is drained) is started
 * as a child process. After seeding users, for `--duration` seconds: `--creates` clients
 * each send one create after another (a closed loop: always that many in flight, far past
 * capacity; a create refused with 503 waits its Retry-After first, as the SDK does, unless
 * --no-retry-after), while reads are sent on a fixed schedule of `--read-rate` per second (an open
 * loop: a slow answer does not delay the next read, so queueing shows in the figures). Every
 * request has a 10 s timeout; one that runs out counts as a timeout, and one that fails
 * otherwise as an error. The process's RSS is sampled from /proc every 250 ms.
 *
 * It measures; it asserts nothing. The figures go to bench/results/overload.md.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const argv = process.argv.slice(2)
function option(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`)
  if (i === -1) return fallback
  const value = argv[i + 1]
  if (value === undefined) throw new Error(`--${name} needs a value`)
  return value
}
const HASH_CONCURRENCIES = option('hash-concurrency', '1,2,4').split(',').map(Number)
const DURATION_S = Number(option('duration', '20'))
const CREATE_CLIENTS = Number(option('creates', '128'))
const READ_RATE = Number(option('read-rate', '100'))
const HASH_QUEUE_MAX = option('hash-queue-max', '16')
// --no-retry-after: clients that ignore Retry-After and send again at once
const HONOUR_RETRY_AFTER = !argv.includes('--no-retry-after')
const SEED_USERS = 20
const TIMEOUT_MS = 10_000
const MASTER_KEY = randomBytes(32).toString('base64url')
const projectRoot = fileURLToPath(new URL('..', import.meta.url))

interface Outcome {
  status: number | 'timeout' | 'error'
  ms: number
  retryAfterS?: number
}

async function send(url: string, init: RequestInit = {}): Promise<Outcome> {
  const started = performance.now()
  try {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    await response.arrayBuffer()
    const retryAfter = response.headers.get('retry-after')
    return { status: response.status, ms: performance.now() - started, ...(retryAfter ? { retryAfterS: Number(retryAfter) } : {}) }
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    return { status: timedOut ? 'timeout' : 'error', ms: performance.now() - started }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function startServer(dir: string, hashConcurrency: number): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      API_MASTER_KEY: MASTER_KEY,
      DATABASE_URL: `file:${join(dir, 'users.db')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      RATE_LIMIT_MAX: '100000000',
      HASH_CONCURRENCY: String(hashConcurrency),
      HASH_QUEUE_MAX,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${seen}`)), 60_000)
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (seen.length < 100_000) seen += chunk
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(seen)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${seen}`)))
  })
  const baseUrl = `http://127.0.0.1:${port}`
  // a starting process is shed until its first quiet sample: wait until it is ready
  for (;;) {
    if ((await send(`${baseUrl}/readyz`)).status === 200) break
    await new Promise((r) => setTimeout(r, 200))
  }
  return { child, baseUrl }
}

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : 0
}

async function scenario(hashConcurrency: number) {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-overload-'))
  const { child, baseUrl } = await startServer(dir, hashConcurrency)
  try {
    const ids: string[] = []
    for (let i = 0; i < SEED_USERS; i++) {
      const response = await fetch(`${baseUrl}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `seed-${i}@example.com`, name: `Seed ${i}`, password: `seed-password-${i}` }),
      })
      if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`)
      ids.push(((await response.json()) as { id: string }).id)
    }
    let peakRss = rssOf(child.pid!)
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssOf(child.pid!))
    }, 250)
    const deadline = performance.now() + DURATION_S * 1000
    const creates: Outcome[] = []
    let next = 0
    const createClient = async () => {
      while (performance.now() < deadline) {
        const n = next++
        const outcome = await send(`${baseUrl}/api/users`, {
          method: 'POST',
          body: JSON.stringify({ email: `storm-${n}@example.com`, name: `Storm ${n}`, password: `storm-password-${n}` }),
        })
        creates.push(outcome)
        // as the SDK does (and any client should): a refused request waits Retry-After
        if (HONOUR_RETRY_AFTER && outcome.status === 503 && outcome.retryAfterS !== undefined) {
          await new Promise((r) => setTimeout(r, Math.min(outcome.retryAfterS! * 1000, deadline - performance.now())))
        }
      }
    }
    const reads: Promise<Outcome>[] = []
    const started = performance.now()
    const reader = (async () => {
      for (let i = 0; ; i++) {
        const due = started + (i * 1000) / READ_RATE
        if (due >= deadline) break
        const wait = due - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        reads.push(send(`${baseUrl}/api/users/${ids[i % ids.length]}`))
      }
    })()
    await Promise.all([...Array.from({ length: CREATE_CLIENTS }, createClient), reader])
    const readOutcomes = await Promise.all(reads)
    clearInterval(sampler)
    const alive = (await send(`${baseUrl}/healthz`)).status === 200

    const count = (list: Outcome[], status: Outcome['status']) => list.filter((o) => o.status === status).length
    const readMs = readOutcomes
      .filter((o) => o.status === 200)
      .map((o) => o.ms)
      .sort((a, b) => a - b)
    const unexpectedCreates = creates.filter((o) => o.status !== 201 && o.status !== 503).length
    return {
      hashConcurrency,
      creates: creates.length,
      created: count(creates, 201),
      createsPerSecond: count(creates, 201) / DURATION_S,
      shed: count(creates, 503),
      createTimeouts: count(creates, 'timeout'),
      createOther: unexpectedCreates - count(creates, 'timeout'),
      reads: readOutcomes.length,
      readsOk: readMs.length,
      readsShed: count(readOutcomes, 503),
      readTimeouts: count(readOutcomes, 'timeout'),
      readErrors: readOutcomes.length - readMs.length - count(readOutcomes, 503) - count(readOutcomes, 'timeout'),
      p50: percentile(readMs, 50),
      p99: percentile(readMs, 99),
      max: readMs.at(-1) ?? Number.NaN,
      peakRssMiB: peakRss / 2 ** 20,
      alive,
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

const loadBefore = os.loadavg()
const results = []
for (const hashConcurrency of HASH_CONCURRENCIES) {
  const result = await scenario(hashConcurrency)
  console.log(JSON.stringify(result))
  results.push(result)
}
const loadAfter = os.loadavg()

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const rows = results.map(
  (r) =>
    `| ${r.hashConcurrency} | ${r.creates} | ${f(r.createsPerSecond)} | ${f((100 * r.shed) / r.creates)} % | ${r.createTimeouts} / ${r.createOther} | ${r.reads} | ${r.readsShed} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${r.readTimeouts} / ${r.readErrors} | ${f(r.peakRssMiB, 0)} | ${r.alive ? 'yes' : 'NO'} |`,
)
const report = `# Overload: a storm of creates with reads alongside

Recorded ${new Date().toISOString().slice(0, 10)} with \`npm run bench:overload -- ${argv.join(' ')}\`
(${relative(projectRoot, fileURLToPath(import.meta.url))}). Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'},
Node ${process.version}, SQLite. Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')},
after: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} (other work shared the machine when this is well above the core count).

Each row: the real server (NODE_ENV=production, logging at info) with that HASH_CONCURRENCY and
HASH_QUEUE_MAX=${HASH_QUEUE_MAX}; for ${DURATION_S} s, ${CREATE_CLIENTS} clients each send one create after another
(far past what the cores can hash; ${HONOUR_RETRY_AFTER ? 'a refused one waits its Retry-After, as the SDK does' : 'a refused one is sent again at once, Retry-After ignored'}), while getUser reads go out on a fixed schedule of ${READ_RATE}/s.
Every request has a 10 s timeout. Read latencies are of the reads answered 200, in ms.

| HASH_CONCURRENCY | creates sent | created/s | creates shed (503) | create timeouts / other errors | reads | reads shed | read p50 | read p99 | read max | read timeouts / errors | peak RSS (MiB) | alive after |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`
writeFileSync(join(projectRoot, 'bench/results/overload.md'), report)
console.log(report)
