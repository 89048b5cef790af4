import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { createDb, type Db } from '../../src/db/index.js'
import { migrate } from '../../src/db/migrate.js'
import { contractViolations } from './contract.js'

export interface TestApp {
  app: FastifyInstance
  db: Db
  config: Config
  /** inject() whose every response is checked against the contract, as an assertion of `t` */
  request(options: InjectOptions): Promise<LightMyRequestResponse>
}

/** A fresh app on a fresh SQLite file, closed when the test ends. */
export async function build(t: Test, overrides: Partial<Config> = {}, dir: string = t.testdir()): Promise<TestApp> {
  const databaseUrl = `file:${join(dir, 'users.db')}`
  await migrate(databaseUrl)
  const db = await createDb(databaseUrl)
  const config: Config = { ...loadConfig({}), databaseUrl, ...overrides }
  const app = await buildApp({ config, db, logger: false })
  t.teardown(async () => {
    await app.close()
    await db.close()
  })
  return {
    app,
    db,
    config,
    async request(options) {
      const response = await app.inject(options)
      const method = options.method ?? 'GET'
      const url = typeof options.url === 'string' ? options.url : String(options.path ?? '/')
      t.same(contractViolations(method, url, response), [], `${method} ${url} → ${response.statusCode} conforms to openapi.yaml`)
      return response
    },
  }
}


export function newUser(overrides: Record<string, unknown> = {}) {
  const unique = Math.random().toString(36).slice(2, 10)
  return { email: `user-${unique}@example.com`, name: `User ${unique}`, password: 'correct horse battery', ...overrides }
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
