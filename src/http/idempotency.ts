import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { isUniqueViolation } from '../db/errors.js'
import type { Db } from '../db/index.js'
import { Problem } from './problems.js'

// Idempotency-Key (IETF httpapi draft): the first outcome of a keyed request is stored, per
// caller, in the database, so a retry (after a timeout, on any instance) replays it instead
// of repeating the work. Applies to every operation whose spec declares the header.

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
// A record still without a response after this long belongs to a request whose process
// died; a retry may run again (for users, the unique email still prevents a duplicate).
const ABANDONED_AFTER_MS = 60 * 1000
const PURGE_EVERY_MS = 10 * 60 * 1000
// The response headers that belong to the outcome and are replayed with it.
const REPLAYED_HEADERS = ['location', 'etag', 'cache-control', 'content-type', 'retry-after', 'link']

type Outcome =
  | { kind: 'started' }
  | { kind: 'replay'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' }

/** JSON with sorted keys: two bodies that differ only in key order or spacing are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export function createIdempotencyStore(db: Db) {
  const records = db.prisma.idempotencyRecord

  return {
    async begin(scope: string, key: string, requestHash: string, now = new Date()): Promise<Outcome> {
      for (;;) {
        try {
          await records.create({
            data: { scope, key, requestHash, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
          })
          return { kind: 'started' }
        } catch (error) {
          if (!isUniqueViolation(error)) throw error
        }
        const record = await records.findUnique({ where: { scope_key: { scope, key } } })
        if (!record) continue // removed since our insert failed: try again
        if (record.expiresAt <= now) {
          await records.deleteMany({ where: { scope, key, expiresAt: record.expiresAt } })
          continue
        }
        if (record.requestHash !== requestHash) return { kind: 'mismatch' }
        if (record.status !== null) {
          return { kind: 'replay', status: record.status, headers: JSON.parse(record.headers ?? '{}'), body: record.body ?? '' }
        }
        if (now.getTime() - record.createdAt.getTime() < ABANDONED_AFTER_MS) return { kind: 'in-progress' }
        // take the abandoned request over; of several retries racing for it, one wins
        const { count } = await records.updateMany({
          where: { scope, key, status: null, createdAt: record.createdAt },
          data: { createdAt: now },
        })
        if (count === 1) return { kind: 'started' }
      }
    },

    async complete(scope: string, key: string, status: number, headers: Record<string, string>, body: string) {
      await records.updateMany({ where: { scope, key }, data: { status, headers: JSON.stringify(headers), body } })
    },

    /** Forgets a request whose outcome must not be replayed (a server error): a retry runs again. */
    async release(scope: string, key: string) {
      await records.deleteMany({ where: { scope, key, status: null } })
    },

    async purgeExpired(now = new Date()): Promise<number> {
      return (await records.deleteMany({ where: { expiresAt: { lte: now } } })).count
    },
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>

/** Whose keys these are: keys are scoped to the caller, so two callers cannot collide. */
export type CallerScope = (request: FastifyRequest) => string

function declaresIdempotencyKey(route: RouteOptions): boolean {
  const headers = (route.schema?.headers ?? {}) as { properties?: Record<string, unknown> }
  return headers.properties?.['idempotency-key'] !== undefined
}

/**
 * Adds the idempotency hooks to the routes that declare the header. Call it before the
 * routes are added (it listens to onRoute).
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, scopeOf: CallerScope): void {
  const inFlight = new WeakMap<FastifyRequest, { scope: string; key: string }>()

  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const key = request.headers['idempotency-key']
    if (typeof key !== 'string') return
    const scope = scopeOf(request)
    const path = request.url.split('?')[0]
    const requestHash = createHash('sha256')
      .update(`${request.method} ${path}\n${canonical(request.body)}`)
      .digest('base64url')
    const outcome = await store.begin(scope, key, requestHash)
    switch (outcome.kind) {
      case 'started':
        inFlight.set(request, { scope, key })
        return
      case 'replay':
        return reply.code(outcome.status).headers(outcome.headers).header('Idempotent-Replayed', 'true').send(outcome.body)
      case 'mismatch':
        throw new Problem('idempotency_key_reused', {
          detail: 'This Idempotency-Key was used with a different request; use a new key for a new request.',
        })
      case 'in-progress':
        throw new Problem('idempotency_key_in_use', {
          detail: 'A request with this Idempotency-Key is still running; retry shortly.',
          headers: { 'Retry-After': '1' },
        })
    }
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const entry = inFlight.get(request)
    if (!entry) return payload
    inFlight.delete(request)
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await store.release(entry.scope, entry.key)
    } else {
      const headers: Record<string, string> = {}
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name)
        if (value !== undefined) headers[name] = String(value)
      }
      await store.complete(entry.scope, entry.key, reply.statusCode, headers, payload)
    }
    return payload
  }

  app.addHook('onRoute', (route) => {
    if (!declaresIdempotencyKey(route)) return
    route.preHandler = [...[route.preHandler ?? []].flat(), preHandler]
    route.onSend = [...[route.onSend ?? []].flat(), onSend]
  })

  const purge = () => store.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging idempotency records failed'))
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    await purge()
    timer = setInterval(purge, PURGE_EVERY_MS).unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))
}
