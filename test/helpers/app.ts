import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loggerOptions } from '../../src/logging.js'
import { loadConfig, type Config } from '../../src/config.js'
import { createDb, type Db } from '../../src/db/index.js'
import { migrate } from '../../src/db/migrate.js'
import { contractViolations } from '../../src/contract/check.js'

/** The master key of every test app; `as` picks another caller for one request. */
export const MASTER_KEY = 'test-master-key-0123456789abcdefghijklmnopqrstuvwxyz'

/** The default password of test users (newUser). */
export const TEST_PASSWORD = 'correct horse battery'

// What must never reach a log line, whatever the test did.
const secrets: Array<[string, RegExp]> = [
  ['the master key', new RegExp(MASTER_KEY)],
  ['a test password', new RegExp(TEST_PASSWORD)],
  ['a password hash', /\$argon2/],
  ['an API key secret', /umk_[A-Za-z0-9_-]{20,}/],
  ['a webhook signing secret', /whsec_[A-Za-z0-9+/]{20,}/],
  ['a key hash', /\b[0-9a-f]{64}\b/],
]

/** `as`: the API key to send (the master key by default), or null to send none. */
type As = { as?: string | null }

function withAuth(headers: Record<string, unknown> | undefined, as: string | null | undefined) {
  const key = as === undefined ? MASTER_KEY : as
  return { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(headers ?? {}) }
}

export interface TestApp {
  app: FastifyInstance
  db: Db
  config: Config & { masterKey: string }
  /** inject() whose every response is checked against the contract, as an assertion of `t` */
  request(options: InjectOptions & As): Promise<LightMyRequestResponse>
  /** the same over real HTTP: the app listens on a free loopback port on first use */
  fetch(path: string, init?: RequestInit & As): Promise<{ status: number; headers: Headers; body: string; json(): any }>
}

/** A fresh app on a fresh SQLite file, closed when the test ends. */
export async function build(t: Test, overrides: Partial<Config> = {}, dir: string = t.testdir()): Promise<TestApp> {
  const databaseUrl = overrides.databaseUrl ?? `file:${join(dir, 'users.db')}`
  await migrate(databaseUrl)
  const db = await createDb(databaseUrl)
  const defaults = loadConfig({})
  // a limit no test reaches unless it sets its own; no delivery worker unless a test asks for one.
  // No event-loop shedding and a hashing queue no test fills, unless a test asks: test files
  // run in parallel on a loaded machine, where a test process's loop is often late, and some
  // create many users at once; test/http/shedding.test.ts overloads a real server on purpose.
  const config = {
    ...defaults,
    databaseUrl,
    masterKey: MASTER_KEY,
    rateLimit: { ...defaults.rateLimit, max: 1_000_000 },
    shedding: { ...defaults.shedding, maxEventLoopDelayMs: 0 },
    hashing: { ...defaults.hashing, queueMax: 10_000 },
    webhooks: { ...defaults.webhooks, worker: false },
    ...overrides,
  }
  // Every test app logs as production does (same redaction), at debug level, into memory;
  // when the test ends its whole log is searched for anything secret.
  const log: string[] = []
  const app = await buildApp({
    config,
    db,
    logger: { ...loggerOptions('debug'), stream: { write: (line: string) => void log.push(line) } },
  })
  t.teardown(async () => {
    await app.close()
    await db.close()
    const text = log.join('')
    for (const [what, pattern] of secrets) {
      // teardown runs after the test's last assertion: a leak fails the run as an error
      const at = text.search(pattern)
      if (at >= 0) throw new Error(`the server log contains ${what}: …${text.slice(Math.max(0, at - 200), at + 80)}…`)
    }
  })
  let listening: Promise<string> | undefined
  return {
    app,
    db,
    config,
    async request({ as, ...options }) {
      const response = await app.inject({ ...options, headers: withAuth(options.headers as Record<string, unknown>, as) } as InjectOptions)
      const method = options.method ?? 'GET'
      const url = typeof options.url === 'string' ? options.url : String(options.path ?? '/')
      t.same(contractViolations(method, url, response), [], `${method} ${url} → ${response.statusCode} conforms to openapi.yaml`)
      return response
    },
    async fetch(path, { as, ...init } = {}) {
      init.headers = withAuth(init.headers as Record<string, unknown>, as) as Record<string, string>
      // one listen() however many requests arrive before it has finished
      listening ??= app.listen({ port: 0, host: '127.0.0.1' })
      await listening
      const { port } = app.server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}${path}`, init)
      const body = await response.text()
      const method = init.method ?? 'GET'
      const headers = Object.fromEntries(response.headers)
      t.same(
        contractViolations(method, path, { statusCode: response.status, headers, body }),
        [],
        `${method} ${path} → ${response.status} conforms to openapi.yaml`,
      )
      return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body) }
    },
  }
}

export function newUser(overrides: Record<string, unknown> = {}) {
  const unique = Math.random().toString(36).slice(2, 10)
  return { email: `user-${unique}@example.com`, name: `User ${unique}`, password: TEST_PASSWORD, ...overrides }
}

/** Creates a user through the API and returns its representation. */
export async function createUser(api: TestApp, overrides: Record<string, unknown> = {}) {
  const response = await api.request({
    method: 'POST',
    url: '/api/users',
    headers: { 'content-type': 'application/json' },
    payload: newUser(overrides),
  })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`)
  return response.json() as { id: string; email: string; name: string; status: string; createdAt: string; updatedAt: string }
}

/** The base URL of an app listening on a free loopback port. */
export async function listening(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

/** Issues a scoped API key through the API (with the master key) and returns its secret. */
export async function issueKey(api: TestApp, scopes: string[]): Promise<string> {
  const response = await api.request({
    method: 'POST',
    url: '/api/keys',
    headers: { 'content-type': 'application/json' },
    payload: { name: `key for ${scopes.join(' ')}`, scopes },
  })
  if (response.statusCode !== 201) throw new Error(`issuing a key failed: ${response.statusCode} ${response.body}`)
  return (response.json() as { key: string }).key
}
