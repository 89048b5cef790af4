// End-to-end harness: the real server (src/server.ts) in a child process, driven over real
// HTTP with fetch. Every response is checked against openapi.yaml as an assertion of `t`.
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { uninstrumented } from './child-env.js'
import { contractViolations } from '../../src/contract/check.js'

/** The master key every e2e server is started with (unless a test passes its own or none). */
export const MASTER_KEY = 'e2e-master-key-0123456789abcdefghijklmnopqrstuvwxyz'

export const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..')

/** Bound on start-up (tsx compile + migrations); a broken server fails instead of hanging. */
export const START_TIMEOUT_MS = 30_000
/** Bound on any single exit or request. */
export const EXIT_TIMEOUT_MS = 15_000
export const REQUEST_TIMEOUT_MS = 15_000

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface ServerProcess {
  child: ChildProcess
  /** Everything the process wrote so far. */
  stdout(): string
  stderr(): string
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>
  /** Sends `signal` and waits (bounded) for the exit; rejects on timeout. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>
}

export interface E2eServer extends ServerProcess {
  port: number
  baseUrl: string
}

/** A fresh temp directory's SQLite URL, removed when the test ends. */
export function tempDatabaseUrl(t: Test): string {
  return `file:${join(t.testdir(), 'users.db')}`
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// Variables of the inherited environment that would change a server's behaviour under test:
// each test states what it wants (an undefined value in `env` removes a variable).
const CONTROLLED = [
  'NODE_ENV',
  'API_MASTER_KEY',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_MS',
  'REDIS_URL',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'CURSOR_SECRET',
  'SHED_MAX_EVENT_LOOP_DELAY_MS',
  'HASH_CONCURRENCY',
  'HASH_QUEUE_MAX',
  'METRICS_PORT',
  'LOG_FORMAT',
  'WEBHOOK_ALLOW_HTTP',
  'WEBHOOK_ALLOW_PRIVATE',
  'WEBHOOK_WORKER',
  'WEBHOOK_CONCURRENCY',
  'WEBHOOK_POLL_INTERVAL_MS',
  'WEBHOOK_RETRY_SCHEDULE',
  'WEBHOOK_TIMEOUT_MS',
]

/**
 * Spawns src/server.ts with `env` over the inherited environment; killed at teardown.
 * API_MASTER_KEY defaults to MASTER_KEY; pass `API_MASTER_KEY: undefined` for none.
 */
export function spawnServer(t: Test, env: Record<string, string | undefined>): ServerProcess {
  const merged: Record<string, string | undefined> = { ...process.env }
  for (const name of CONTROLLED) delete merged[name]
  // no event-loop shedding and a hashing queue no test fills, unless a test asks (see helpers/app.ts)
  Object.assign(
    merged,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      API_MASTER_KEY: MASTER_KEY,
      SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      HASH_QUEUE_MAX: '10000',
    },
    env,
  )
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name]
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: uninstrumented(merged),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<Exit>((resolveExit) => {
    // 'close' waits for the pipes to drain, so stdout()/stderr() are complete afterwards
    child.once('close', (code, signal) => resolveExit({ code, signal }))
    child.once('error', () => resolveExit({ code: null, signal: null }))
  })
  let done = false
  void exited.then(() => {
    done = true
  })

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = EXIT_TIMEOUT_MS): Promise<Exit> => {
    if (!done) child.kill(signal)
    return withTimeout(exited, timeoutMs, `server pid ${child.pid} to exit after ${signal}`)
  }
  t.teardown(async () => {
    if (done) return
    child.kill('SIGKILL')
    await withTimeout(exited, EXIT_TIMEOUT_MS, `server pid ${child.pid} to die`).catch(() => {})
  })
  return { child, stdout: () => out, stderr: () => err, exited, stop }
}

/** Reads the port from Fastify's "Server listening at http://…:<port>" pino line. */
function listeningPort(stdout: string): number | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { msg?: unknown }
      if (typeof entry.msg === 'string' && entry.msg.startsWith('Server listening at')) {
        const port = Number(/:(\d+)\/?$/.exec(entry.msg)?.[1])
        if (Number.isInteger(port) && port > 0) return port
      }
    } catch {
      // a partial line: the rest is still on its way
    }
  }
  return undefined
}

/** Starts a server on `databaseUrl` and waits (bounded) until it listens. */
export async function startServer(
  t: Test,
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
  timeoutMs = START_TIMEOUT_MS,
): Promise<E2eServer> {
  const server = spawnServer(t, { DATABASE_URL: databaseUrl, ...env })
  const port = await new Promise<number>((resolvePort, reject) => {
    const check = () => {
      const found = listeningPort(server.stdout())
      if (found !== undefined) finish(() => resolvePort(found))
    }
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`server did not listen within ${timeoutMs} ms\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`)),
        ),
      timeoutMs,
    )
    const onExit = (exit: Exit) =>
      finish(() =>
        reject(
          new Error(`server exited (${JSON.stringify(exit)}) before listening\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`),
        ),
      )
    let settled = false
    function finish(action: () => void) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      server.child.stdout!.off('data', check)
      action()
    }
    server.child.stdout!.on('data', check)
    void server.exited.then(onExit)
    check()
  })
  return { ...server, port, baseUrl: `http://127.0.0.1:${port}` }
}

/** Runs the server with `env` until it exits by itself (bounded): for start-up failures. */
export async function runUntilExit(t: Test, env: Record<string, string | undefined>, timeoutMs = START_TIMEOUT_MS) {
  const server = spawnServer(t, env)
  const exit = await withTimeout(server.exited, timeoutMs, 'server to exit by itself').catch((error: Error) => {
    server.child.kill('SIGKILL')
    throw new Error(`${error.message}\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`)
  })
  return { ...exit, stdout: server.stdout(), stderr: server.stderr() }
}

export interface E2eResponse {
  status: number
  headers: Record<string, string>
  text: string
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: any
}

export interface RequestOptions {
  /** Serialized with JSON.stringify unless it is already a string. */
  body?: unknown
  headers?: Record<string, string>
  /**
   * The API key sent as `Authorization: Bearer <as>`: MASTER_KEY by default, null for none.
   * An `authorization` entry in `headers` wins over it.
   */
  as?: string | null
}

/**
 * One real HTTP request; its response is checked against the contract with `t.same(violations, [])`.
 * A JSON body defaults to Content-Type application/json (merge-patch+json for PATCH); the
 * master key is sent unless `as` says otherwise.
 */
export async function request(
  t: Test,
  server: { baseUrl: string },
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<E2eResponse> {
  const key = options.as === undefined ? MASTER_KEY : options.as
  const headers: Record<string, string> = { ...(key === null ? {} : { authorization: `Bearer ${key}` }) }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    // a header given explicitly replaces the default of the same name, whatever its case
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing]
    headers[name] = value
  }
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    if (!hasType) headers['content-type'] = method.toUpperCase() === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
  }
  const response = await fetch(server.baseUrl + path, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  const responseHeaders: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value
  })
  const violations = contractViolations(method, path, { statusCode: response.status, headers: responseHeaders, body: text })
  t.same(violations, [], `${method} ${path} → ${response.status} conforms to openapi.yaml`)
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: responseHeaders, text, json }
}
