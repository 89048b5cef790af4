/**
 * The ceilings `npm run bench` compares the service with, one per process:
 *
 *   node --import tsx bench/ceilings/ceiling.ts constant   '<user JSON>'
 *   node --import tsx bench/ceilings/ceiling.ts sqlite     <file>
 *   node --import tsx bench/ceilings/ceiling.ts pg         <postgresql URL>
 *   node --import tsx bench/ceilings/ceiling.ts argon2     <seconds> [<warm-up seconds>]
 *
 * The three servers are bare Fastify 5 (production mode, logger off) with one route,
 * GET /api/users/:id, serialized with getUser's 200 schema from openapi.yaml exactly as the
 * service compiles it (the spec's components added as the shared schema, the route's
 * response schema from routeSchema), so fast-json-stringify does the same work: `constant`
 * answers one fixed user; `sqlite` and `pg` read the row with a raw prepared statement and
 * map it with the service's own toUser. They listen on 127.0.0.1, print `listening <port>`
 * and exit on SIGTERM. `argon2` hashes with the service's Argon2id parameters (read from a
 * hash the service's hashPassword made), availableParallelism() async hashes at a time, and
 * prints one JSON line: hashes, seconds, per second.
 *
 * tsx only transpiles at start-up; what runs under load is the same JavaScript a build gives.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { hash } from '@node-rs/argon2'
import Database from 'better-sqlite3'
import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import { routeSchema } from '../../src/contract/routes.js'
import { sharedSchema } from '../../src/contract/schemas.js'
import { listOperations } from '../../src/contract/spec.js'
import { toUser, type UserRecord } from '../../src/users/repository.js'
import { serviceArgon2 } from '../lib/argon2.js'

process.env.NODE_ENV = 'production'
const [mode, arg, extra] = process.argv.slice(2)

/** getUser's 200 response schema, as src/contract/routes.ts builds it for the service. */
function getUserResponseSchema() {
  const op = listOperations().find((o) => o.operationId === 'getUser')
  if (!op) throw new Error('openapi.yaml has no getUser')
  const response = routeSchema(op).response as Record<string, unknown>
  return { 200: response['200'] }
}

type Row = Omit<UserRecord, 'createdAt' | 'updatedAt' | 'disabledAt' | 'lastVerifiedAt'> &
  Record<'createdAt' | 'updatedAt' | 'disabledAt' | 'lastVerifiedAt', string | Date | null>

const date = (value: string | Date | null): Date | null => (value === null ? null : new Date(value))

/** A raw row (DateTime as the driver returns it: text on SQLite, Date on PostgreSQL) as the API shows it. */
function fromRow(row: Row) {
  return toUser({
    ...row,
    createdAt: date(row.createdAt)!,
    updatedAt: date(row.updatedAt)!,
    disabledAt: date(row.disabledAt),
    lastVerifiedAt: date(row.lastVerifiedAt),
  })
}

// the columns toUser reads, as the repository's findUnique reads the whole row
const COLUMNS =
  '"id", "email", "name", "status", "passwordHash", "version", "createdAt", "updatedAt", "externalId", "metadata", "disabledAt", "lastVerifiedAt"'

async function serve(find: (id: string) => Promise<unknown> | unknown, close: () => Promise<void> | void = () => {}) {
  const app: FastifyInstance = Fastify({ logger: false, keepAliveTimeout: 5_000 })
  app.addSchema(sharedSchema)
  app.get<{ Params: { id: string } }>('/api/users/:id', { schema: { response: getUserResponseSchema() } }, async (request, reply) => {
    const user = await find(request.params.id)
    if (user === undefined) return reply.code(404).send()
    return user
  })
  app.addHook('onClose', async () => close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0))
  })
  process.stdout.write(`listening ${new URL(address).port}\n`)
}

async function argon2(seconds: number, warmUpSeconds: number) {
  const { options } = await serviceArgon2()
  const parallel = os.availableParallelism()
  const run = async (ms: number) => {
    const deadline = performance.now() + ms
    let hashes = 0
    const worker = async (lane: number) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await hash(`ceiling-password-${lane}-${i}`, options)
        hashes++
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: parallel }, (_, lane) => worker(lane)))
    return { hashes, seconds: (performance.now() - started) / 1000 }
  }
  if (warmUpSeconds > 0) await run(warmUpSeconds * 1000)
  const { hashes, seconds: elapsed } = await run(seconds * 1000)
  process.stdout.write(`${JSON.stringify({ parallel, options, hashes, seconds: elapsed, perSecond: hashes / elapsed })}\n`)
}

switch (mode) {
  case 'constant': {
    const user = JSON.parse(arg ?? '')
    await serve(() => user)
    break
  }
  case 'sqlite': {
    const db = new Database(arg ?? '', { readonly: true, fileMustExist: true })
    const statement = db.prepare(`SELECT ${COLUMNS} FROM "User" WHERE "id" = ?`)
    await serve(
      (id) => {
        const row = statement.get(id) as Row | undefined
        return row && fromRow(row)
      },
      () => void db.close(),
    )
    break
  }
  case 'pg': {
    // timestamp(3) without a zone holds UTC (as @prisma/adapter-pg writes it); pg would read it as local time
    pg.types.setTypeParser(1114, (text) => new Date(`${text.replace(' ', 'T')}Z`))
    // the service's pool size (DATABASE_POOL_MAX default)
    const pool = new pg.Pool({ connectionString: arg, max: 10 })
    await serve(
      async (id) => {
        const { rows } = await pool.query<Row>({ name: 'get-user', text: `SELECT ${COLUMNS} FROM "User" WHERE "id" = $1`, values: [id] })
        return rows[0] && fromRow(rows[0])
      },
      () => pool.end(),
    )
    break
  }
  case 'argon2':
    await argon2(Number(arg), Number(extra ?? 0))
    break
  default:
    process.stderr.write('usage: ceiling.ts constant <user JSON> | sqlite <file> | pg <url> | argon2 <seconds> [<warm-up seconds>]\n')
    process.exit(2)
}
