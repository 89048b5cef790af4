// The processes under test: the real server (built, production mode) and the ceilings, each
// a child process with its output in a log file; their memory read from /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { closeSync, createWriteStream, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { onCleanup } from './cleanup.js'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
export const SERVER_ENTRY = 'dist/src/server.js'

function readStartFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const match = /^node((?: --[a-z0-9-]+(?:=[^\s]+)?)*) (\S+)$/.exec(scripts.start)
  if (!match || match[2] !== SERVER_ENTRY)
    throw new Error(`package.json's start script is not "node [--flag ...] ${SERVER_ENTRY}": ${scripts.start}`)
  return (match[1] ?? '').split(' ').filter(Boolean)
}

/**
 * The Node.js flags of `npm start` (package.json's start script, `node [flags] <entry>`):
 * the server under test and the ceilings run on the runtime operators get.
 */
export const START_FLAGS: readonly string[] = readStartFlags()

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Runs `npm run build` when dist/ is missing or older than what it is built from. */
export function ensureBuilt(log: (line: string) => void): void {
  const entry = join(projectRoot, SERVER_ENTRY)
  const sources = ['src', 'generated', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(projectRoot, p))
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0
  if (built > Math.max(...sources.map(newestMtime))) return
  log(`${SERVER_ENTRY} is missing or older than src/: running npm run build`)
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] })
  if (build.status !== 0) throw new Error('npm run build failed')
}

/** A port nothing listens on now (the server is told it, so that its log can stay a file). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface Child {
  child: ChildProcess
  pid: number
  exited: Promise<number | null>
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`) */
  stop(graceMs?: number): Promise<number | null>
}

function track(child: ChildProcess): Child {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    pid: child.pid!,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

// The service's own settings: inherited values would change what is measured, so every one
// is set here or left at the service's default.
const SERVICE_VARIABLE =
  /^(NODE_ENV|PORT|HOST|DATABASE_.+|LOG_.+|BODY_LIMIT_BYTES|IMPORT_BODY_LIMIT_BYTES|CURSOR_SECRET|API_MASTER_KEY|RATE_LIMIT_.+|REDIS_URL|PASSWORD_VERIFY_.+|CORS_ORIGINS|TRUST_PROXY|EVENT_RETENTION_DAYS|REQUEST_TIMEOUT_MS|CONNECTION_TIMEOUT_MS|METRICS_PORT|SHED_.+|HASH_.+|WEBHOOK_.+)$/

export interface ServerOptions {
  databaseUrl: string
  masterKey: string
  logFile: string
  /** node options before the entry, e.g. --cpu-prof */
  nodeArgs?: string[]
  /** the environment to start from (the service's own variables are replaced); process.env by default */
  baseEnv?: NodeJS.ProcessEnv
}

/** The environment the server runs with (every other service variable at its default). */
export function serverEnvironment(options: Pick<ServerOptions, 'databaseUrl' | 'masterKey'>, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    API_MASTER_KEY: options.masterKey,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    // production logs every request: that cost is part of what is measured
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    // the limiter runs for every request but never refuses one
    RATE_LIMIT_MAX: '1000000000',
  }
}

/** What the report shows of the environment: the key is a secret. */
export function describeEnvironment(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => {
      if (name === 'API_MASTER_KEY') return `${name}=<random>`
      if (name === 'PORT') return `${name}=<a free port>`
      // a fresh file in the run's temp directory, or the throwaway PostgreSQL database
      if (name === 'DATABASE_URL')
        return `${name}=${value.startsWith('file:') ? 'file:<temp dir>/bench.db' : 'postgresql://…/bench_<random>'}`
      return `${name}=${value}`
    })
    .join(' ')
}

export interface Server extends Child {
  baseUrl: string
  env: Record<string, string>
}

/** Starts the server as `npm start` does (`node [flags] dist/src/server.js`) and waits until /readyz answers 200. */
export async function startServer(options: ServerOptions): Promise<Server> {
  const port = await freePort()
  const env = serverEnvironment(options, port)
  const inherited = Object.fromEntries(Object.entries(options.baseEnv ?? process.env).filter(([name]) => !SERVICE_VARIABLE.test(name)))
  const log = openSync(options.logFile, 'a')
  const child = spawn(process.execPath, [...START_FLAGS, ...(options.nodeArgs ?? []), SERVER_ENTRY], {
    cwd: projectRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  const server = { ...track(child), baseUrl: `http://127.0.0.1:${port}`, env }
  try {
    await waitUntilReady(server, options.logFile)
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

async function waitUntilReady(server: Server, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void server.exited.then(() => {
    exited = true
  })
  const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
  // a starting process is shed until its first quiet sample: readiness, not listening, is the start
  for (;;) {
    if (exited) throw new Error(`the server exited during start-up; the end of its log (${logFile}):\n${tail()}`)
    if (Date.now() > deadline) throw new Error(`the server was not ready within ${timeoutMs} ms; the end of its log:\n${tail()}`)
    try {
      const response = await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Starts a ceiling (bench/ceilings/ceiling.ts through tsx) and waits for its `listening <port>`. */
export async function startCeiling(args: string[], logFile: string): Promise<Child & { baseUrl: string }> {
  const child = spawn(process.execPath, [...START_FLAGS, '--import', 'tsx', 'bench/ceilings/ceiling.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tracked = track(child)
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ceiling ${args[0]} did not start:\n${output}`)), 60_000)
    const read = (chunk: string) => {
      output += chunk
      const match = /^listening (\d+)$/m.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout!.setEncoding('utf8').on('data', read)
    child.stderr!.setEncoding('utf8').on('data', read)
    void tracked.exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the ceiling ${args[0]} exited (${code}):\n${output}`))
    })
  })
  // keep draining, into the log, so that a chatty ceiling never blocks on a full pipe
  const log = createWriteStream(logFile, { flags: 'a' })
  log.write(output)
  child.stdout!.on('data', (chunk: string) => log.write(chunk))
  child.stderr!.on('data', (chunk: string) => log.write(chunk))
  void tracked.exited.then(() => log.end())
  return { ...tracked, baseUrl: `http://127.0.0.1:${port}` }
}

/** Runs the Argon2id ceiling for `durationS` (after `warmUpS`) and returns its JSON line. */
export async function runArgon2Ceiling(durationS: number, warmUpS: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ceilings/ceiling.ts', 'argon2', String(durationS), String(warmUpS)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const tracked = track(child)
  onCleanup(() => tracked.stop())
  let out = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  const code = await tracked.exited
  if (code !== 0) throw new Error(`the Argon2id ceiling exited ${code}: ${out}`)
  return JSON.parse(out.trim().split('\n').at(-1)!) as {
    parallel: number
    options: Record<string, number>
    hashes: number
    seconds: number
    perSecond: number
  }
}

/** VmRSS and VmHWM of a process, in bytes (0 once it is gone). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } catch {
    return { rss: 0, hwm: 0 }
  }
}

/** Samples VmRSS every `intervalMs` until stopped; stop() gives the highest sample. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number } {
  let peak = memoryOf(pid).rss
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid).rss)
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, memoryOf(pid).rss)
    },
  }
}
