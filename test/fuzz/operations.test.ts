// Property-based fuzzing of every operation in openapi.yaml, with requests generated from the
// spec (test/fuzz/arbitraries.ts): valid ones must succeed, malformed ones must be refused
// cleanly, and every response must arrive in time, be no 5xx and conform to the spec.
//
//   npx tap --disable-coverage test/fuzz
//   FUZZ_SEED=123 …   replays a run (each property prints its own seed and path on failure)
//   FUZZ_SCALE=10 …   ten times as many runs
//
// The properties share one app (seeded with users and API keys, so generated ids sometimes
// exist); only the rate-limit property has its own, with a small limit.

import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import fc, { type Arbitrary } from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { listOperations, spec, type BoundOperation } from '../../src/contract/spec.js'
import { build, createUser, MASTER_KEY } from '../helpers/app.js'
import { contractViolations } from '../../src/contract/check.js'
import {
  anyPath,
  deliverable,
  headerUnit,
  plainRequest,
  malformedRequest,
  propertyPaths,
  pumpedRequests,
  resolve,
  seenUrl,
  summarize,
  validatorFor,
  validParts,
  validRequest,
  HTTP_METHODS,
  type Environment,
  type FuzzRequest,
  type HeaderValue,
} from './arbitraries.js'
import { REGRESSIONS } from './regressions.js'

/** A response slower than this is a hang. */
const HANG_MS = 5_000
/** A request whose body holds a pumped pattern-constrained string must still be answered this fast. */
const PUMP_MS = 1_500
/** After the first counterexample, shrink for at most this long, then report the smallest so far. */
const SHRINK_MS = 15_000
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)
// Twenty operations' worth of properties take about 100 s here; a loaded machine must not
// turn that into a timeout (the file's own bound, beyond the suite's 120 s).
t.setTimeout(Math.max(300_000, 300_000 * SCALE))
const BASE_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
/** Requests sent, over every property (shrinking included). */
let sent = 0
/** The latest ETags the service sent: current for some users, so If-Match sometimes matches. */
const etags: string[] = []
/** Statuses seen by the property that is running, for its summary line. */
let statuses = new Map<number, number>()

const operations = listOperations()
const byId = (id: string) => operations.find((op) => op.operationId === id)

// A valid body with a writeOnly property (a password) pays for Argon2id, ~40 ms a request:
// those get a hundred runs, and the bulk of the requests goes to the cheap ones.
const hashes = (op: BoundOperation) =>
  Object.values(op.requestBody?.content ?? {}).some((media) =>
    propertyPaths(media.schema).some((p) => resolve(p.schema).writeOnly === true),
  )
const VALID_RUNS = (op: BoundOperation) => (hashes(op) ? 100 : 250)
const MALFORMED_RUNS = 400

/** Requests that HTTP can deliver (see `deliverable`). */
const clean = (arbitrary: Arbitrary<FuzzRequest>) => arbitrary.filter((request) => deliverable(request))

function seedFor(name: string): number {
  let h = BASE_SEED | 0
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0
  return h
}

interface Outcome {
  response: LightMyRequestResponse
  ms: number
  /** the contract check, plus a 5xx and a hang */
  problems: string[]
}

const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s)

/** inject() with the master key (unless `authorization` says otherwise), a time bound and the contract check. */
async function send(
  app: FastifyInstance,
  request: FuzzRequest,
  authorization: HeaderValue | null = `Bearer ${MASTER_KEY}`,
  limit = HANG_MS,
): Promise<Outcome> {
  sent++
  const headers = { ...(authorization === null ? {} : { authorization }), ...request.headers }
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no response within ${HANG_MS} ms to ${summarize(request)}`)), HANG_MS)
  })
  const response = await Promise.race([
    app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: headers as Record<string, string>,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    }),
    hang,
  ]).finally(() => clearTimeout(timer))
  const ms = performance.now() - started
  statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
  const etag = response.headers.etag
  if (typeof etag === 'string' && !etags.includes(etag)) etags.splice(0, Math.max(0, etags.length - 15), etag)
  const problems: string[] = []
  // a synchronous stall (the event loop blocked) outlasts the timer without firing it
  if (ms > limit) problems.push(`hang: the response took ${Math.round(ms)} ms (limit ${limit} ms)`)
  if (response.statusCode >= 500) problems.push(`${response.statusCode}: ${clip(response.body)}`)
  const seen = seenUrl(request.url)
  problems.push(...contractViolations(request.method, seen.pathname + seen.search, response))
  return { response, ms, problems }
}

const statusLine = (o: Outcome) => `→ ${o.response.statusCode} ${clip(o.response.body, 300)}`

/**
 * One fast-check property, reported as one tap assertion. Once a counterexample is found it
 * is shrunk for SHRINK_MS at most (requests that block the event loop make shrinking slow).
 */
async function property<T>(
  t: Test,
  name: string,
  arbitrary: Arbitrary<T>,
  runs: number,
  check: (value: T) => Promise<string[]>,
  extra: Record<string, unknown> = {},
) {
  let failedAt: number | undefined
  const before = sent
  statuses = new Map()
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (failedAt !== undefined && performance.now() - failedAt > SHRINK_MS) return true
      const problems = await check(value)
      if (problems.length > 0) {
        failedAt ??= performance.now()
        throw new Error(problems.join('\n'))
      }
      return true
    }),
    { numRuns: Math.max(1, Math.round(runs * SCALE)), seed: seedFor(name) },
  )
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)
    t.fail(name, { diagnostic: true, ...extra, report: fc.defaultReportMessage(result), error })
  } else {
    const seen = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ')
    t.pass(`${name} (${result.numRuns} runs, ${sent - before} requests: ${seen})`)
  }
}

/** The statuses a valid request may get: success, or what the spec declares for ids, ETags and keys that do not match. */
function acceptableForValid(op: BoundOperation, request: FuzzRequest): Set<number> {
  const declared = Object.keys(op.responses).map(Number)
  const ok = new Set(declared.filter((s) => s < 400))
  const may = (status: number, when: boolean) => when && declared.includes(status) && ok.add(status)
  may(
    404,
    op.parameters.some((p) => p.in === 'path'),
  ) // no such id
  may(409, op.requestBody !== undefined) // the email belongs to another user
  may(412, request.headers['if-match'] !== undefined) // the ETag is not current
  may(422, request.headers['idempotency-key'] !== undefined) // the key was used for another body
  return ok
}

t.test('fuzzing every operation from openapi.yaml', async (t) => {
  t.comment(`fast-check base seed ${BASE_SEED} (FUZZ_SEED=${BASE_SEED} replays this run)`)
  const api = await build(t)
  const { app } = api

  // ── seed: users and keys, so that generated ids sometimes exist ──
  const pools: Record<string, string[]> = { '/api/users': [], '/api/keys': [], '/api/webhook-endpoints': [] }
  const names = ['Ada Lovelace', 'Zoë 😀', 'שלום עולם', 'مرحبا', '  Grace  ', 'a', 'İstanbul ß', 'x'.repeat(200)]
  for (const [i, name] of names.entries())
    pools['/api/users']!.push((await createUser(api, { email: `seed-${i}@example.com`, name, status: i % 3 ? 'active' : 'disabled' })).id)
  const issueKey = async (scopes: string[], expiresAt?: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: { authorization: `Bearer ${MASTER_KEY}` },
      payload: { name: `fuzz ${scopes.join(' ')}`, scopes, ...(expiresAt ? { expiresAt } : {}) },
    })
    if (res.statusCode !== 201) throw new Error(`issuing a key failed: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string; key: string }
  }
  const keys = {
    read: await issueKey(['users:read']),
    write: await issueKey(['users:write']),
    both: await issueKey(['users:read', 'users:write'], new Date(Date.now() + 86_400_000).toISOString()),
    revoked: await issueKey(['users:read']),
  }
  await app.inject({ method: 'DELETE', url: `/api/keys/${keys.revoked.id}`, headers: { authorization: `Bearer ${MASTER_KEY}` } })
  // keys for the deleteApiKey properties to find (not the ones the authentication property uses)
  for (let i = 0; i < 4; i++) pools['/api/keys']!.push((await issueKey(i % 2 ? ['users:write'] : ['users:read'])).id)
  const registerEndpoint = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhook-endpoints',
      headers: { authorization: `Bearer ${MASTER_KEY}` },
      payload: { url: 'https://fuzz.example.com/hook', eventTypes: ['*'] },
    })
    if (res.statusCode !== 201) throw new Error(`registering an endpoint failed: ${res.statusCode} ${res.body}`)
    return (res.json() as { id: string }).id
  }
  for (let i = 0; i < 4; i++) pools['/api/webhook-endpoints']!.push(await registerEndpoint())
  const template = await api.db.prisma.user.findFirstOrThrow()

  const env: Environment = {
    existing: (op) => pools[op.path.replace(/\/\{[^}]+\}$/, '')] ?? [],
    // for the conditional headers: ETags the service sent lately, likely ones, lists, `*`
    headerValues: (name) =>
      /^if-/i.test(name) ? [...etags, ...etags.map((e) => `W/${e}`), '"1"', '"2"', '*', '"1", "2"', '"0"', '"1" , W/"2"'] : [],
    bodyLimit: api.config.bodyLimit,
  }

  /** Deletes must not empty the pools: put a fresh row back for every one removed. */
  async function replenish(op: BoundOperation, request: FuzzRequest) {
    const collection = op.path.replace(/\/\{[^}]+\}$/, '')
    const pool = pools[collection]
    const id = decodeURIComponent(seenUrl(request.url).pathname.split('/').pop()!)
    if (!pool?.includes(id)) return
    pool.splice(pool.indexOf(id), 1)
    if (collection === '/api/users') {
      const now = new Date()
      const row = await api.db.prisma.user.create({
        data: {
          id: randomUUID(),
          email: `refill-${randomUUID()}@example.com`,
          name: 'Refilled',
          status: 'active',
          passwordHash: template.passwordHash,
          createdAt: now,
          updatedAt: now,
        },
      })
      pool.push(row.id)
    } else if (collection === '/api/webhook-endpoints') pool.push(await registerEndpoint())
    else pool.push((await issueKey(['users:read'])).id)
  }

  // ── the generators themselves: every valid value conforms to its schema ──
  t.test('generated valid requests conform to the spec (no requests sent)', async (t) => {
    for (const op of operations) {
      const media = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined
      const result = fc.check(
        fc.property(validParts(op, env), (parts) => {
          const problems: string[] = []
          if (media && parts.body && 'json' in parts.body && !validatorFor(media.schema)(parts.body.json)) {
            problems.push(`body ${JSON.stringify(parts.body.json)}: ${JSON.stringify(validatorFor(media.schema).errors)}`)
          }
          for (const p of op.parameters) {
            const value =
              p.in === 'path'
                ? parts.path[p.name]
                : p.in === 'query'
                  ? parts.query.find(([k]) => k === p.name)?.[1]
                  : parts.headers[p.name.toLowerCase()]
            if (value !== undefined && !validatorFor(p.schema)(value))
              problems.push(`${p.in} ${p.name}=${JSON.stringify(value)}: ${JSON.stringify(validatorFor(p.schema).errors)}`)
          }
          if (problems.length) throw new Error(problems.join('\n'))
        }),
        { numRuns: 200, seed: seedFor(`sound ${op.operationId}`) },
      )
      t.notOk(
        result.failed,
        `${op.operationId}: valid by its own schemas`,
        result.failed ? { report: fc.defaultReportMessage(result) } : {},
      )
    }
  })

  const validProperty = (op: BoundOperation) =>
    property(
      t,
      `valid ${op.operationId}: succeeds (never 400), no 5xx, in time, conforms`,
      clean(validRequest(op, env)),
      VALID_RUNS(op),
      async (request) => {
        const out = await send(app, request)
        const problems = [...out.problems]
        const acceptable = acceptableForValid(op, request)
        if (!acceptable.has(out.response.statusCode))
          problems.push(`a valid request was refused (expected one of ${[...acceptable].join(', ')})`)
        if (out.response.statusCode === 204 && op.method === 'delete') await replenish(op, request)
        // a page with more: its Link and its nextCursor lead to the next page
        const link = /^<([^>]+)>; rel="next"$/.exec(String(out.response.headers.link ?? ''))
        if (link && op.operationId === 'listUsers') {
          const next = await send(app, { method: 'GET', url: link[1]!, headers: {}, mutations: [], invalidBody: false })
          problems.push(...next.problems.map((p) => `following Link ${link[1]}: ${p}`))
          if (next.response.statusCode !== 200) problems.push(`following Link ${link[1]} ${statusLine(next)}`)
        }
        return problems.length ? [`${problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
      },
    )

  const malformedProperty = (op: BoundOperation) =>
    property(
      t,
      `malformed ${op.operationId}: refused cleanly, no 5xx, in time, conforms`,
      clean(malformedRequest(op, env)),
      MALFORMED_RUNS,
      async (request) => {
        const out = await send(app, request)
        const problems = [...out.problems]
        // the spec: unknown properties are rejected, never dropped; a body that breaks the schema is never accepted
        if (request.invalidBody && request.method === op.method.toUpperCase() && out.response.statusCode < 400) {
          problems.push('a body that violates the request schema was accepted')
        }
        if (out.response.statusCode === 204 && op.method === 'delete') await replenish(op, request)
        return problems.length ? [`${problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
      },
    )

  const reads = operations.filter((op) => op.method === 'get')
  const deletes = operations.filter((op) => op.method === 'delete')
  const writes = operations.filter((op) => op.method !== 'get' && op.method !== 'delete')

  // Reads first, then deletes, then writes: a write that stores something the spec's response
  // schemas reject would otherwise be reported again by every read that returns it.
  for (const op of reads) {
    await validProperty(op)
    await malformedProperty(op)
  }

  await property(
    t,
    'any path, any method: no 5xx, in time, conforms',
    fc
      .tuple(
        fc.constantFrom(...HTTP_METHODS),
        anyPath(Object.keys(spec.paths)),
        fc.oneof(fc.constant(undefined), fc.string({ maxLength: 30 })),
      )
      .map(([method, url, payload]) =>
        plainRequest(method, url, payload === undefined ? {} : { 'content-type': 'application/json' }, payload),
      )
      .filter((request) => deliverable(request))
      // /docs and /openapi.* are served outside the spec (Swagger UI and the document itself)
      .filter((request) => !/^\/(docs|openapi\.)/.test(seenUrl(request.url).pathname)),
    600,
    async (request) => {
      const out = await send(app, request)
      return out.problems.length ? [`${out.problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
    },
  )

  // ── authentication: the spec's security requirements decide 401 / 403 ──
  const allScopes = new Set(operations.flatMap((op) => op.security.flatMap((r) => Object.values(r).flat())))
  type Caller = { label: string; authorization: HeaderValue | null; scopes: Set<string> | null }
  const valid = (label: string, key: string, scopes: string[]): Caller => ({
    label,
    authorization: `Bearer ${key}`,
    scopes: new Set(scopes),
  })
  const invalid = (authorization: HeaderValue | null): Caller => ({ label: 'invalid', authorization, scopes: null })
  const garbage = fc.oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'bearer',
      'Basic dXNlcjpwYXNz',
      'Bearer null',
      'Bearer undefined',
      'Token abc',
      'Bearer a b',
      `Bearer ${keys.revoked.key}`,
      `Bearer ${MASTER_KEY}x`,
      `Bearer ${MASTER_KEY.slice(0, -1)}`,
      `Bearer ${MASTER_KEY.toUpperCase()}`,
      `Bearer ${keys.read.key.slice(4)}`,
      `Basic ${MASTER_KEY}`,
      `${MASTER_KEY}`,
      `Bearer "${MASTER_KEY}"`,
      `Bearer ${'a'.repeat(513)}`,
      `Bearer ${'a'.repeat(8_000)}`,
    ),
    fc.string({ unit: headerUnit, maxLength: 80 }),
    fc.string({ unit: headerUnit, maxLength: 80 }).map((s) => `Bearer ${s}`),
    fc.stringMatching(/^[A-Za-z0-9._~+/=-]{1,600}$/).map((s) => `Bearer ${s}`),
  )
  const caller: Arbitrary<Caller> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(invalid(null)) },
    { weight: 6, arbitrary: garbage.map((g) => invalid(g)) },
    // a repeated Authorization: the first one counts (as Node's HTTP parser does)
    { weight: 1, arbitrary: garbage.map((g) => invalid([g, `Bearer ${MASTER_KEY}`])) },
    {
      weight: 1,
      arbitrary: garbage.map(
        (g): Caller => ({ ...valid('master, then garbage', MASTER_KEY, [...allScopes]), authorization: [`Bearer ${MASTER_KEY}`, g] }),
      ),
    },
    { weight: 1, arbitrary: fc.constant(valid('read key', keys.read.key, ['users:read'])) },
    { weight: 1, arbitrary: fc.constant(valid('write key', keys.write.key, ['users:write'])) },
    { weight: 1, arbitrary: fc.constant(valid('read+write key', keys.both.key, ['users:read', 'users:write'])) },
    { weight: 1, arbitrary: fc.constant(valid('master key', MASTER_KEY, [...allScopes])) },
  )
  await property(
    t,
    'authentication: no or bad key → 401 with WWW-Authenticate, missing scope → 403, probes need none',
    fc.tuple(fc.oneof(...operations.map((op) => fc.tuple(fc.constant(op.operationId), clean(validRequest(op, env))))), caller),
    500,
    async ([[operationId, request], who]) => {
      const op = byId(operationId)!
      const out = await send(app, request, who.authorization)
      const status = out.response.statusCode
      if (status === 204 && op.method === 'delete') await replenish(op, request)
      const problems = [...out.problems]
      const needed = Object.values(op.security[0] ?? {}).flat()
      const code = () =>
        out.response.headers['content-type']?.toString().includes('json')
          ? (JSON.parse(out.response.body) as { code?: string }).code
          : undefined
      if (op.security.length === 0) {
        if (status === 401 || status === 403) problems.push(`${op.operationId} needs no key, yet answered ${status}`)
      } else if (who.scopes === null) {
        if (status !== 401) problems.push(`expected 401 for ${op.operationId} without a valid key`)
        else if (!/^Bearer( |$)/.test(String(out.response.headers['www-authenticate'] ?? '')))
          problems.push('401 without WWW-Authenticate: Bearer')
        else if (code() !== 'unauthorized') problems.push(`401 with code ${code()}`)
      } else if (needed.some((s) => !who.scopes!.has(s))) {
        if (status !== 403 || code() !== 'forbidden') problems.push(`expected 403 forbidden: ${who.label} lacks ${needed.join(', ')}`)
      } else if (status === 401 || status === 403) problems.push(`${who.label} may call ${op.operationId}, yet got ${status}`)
      return problems.length
        ? [
            `${problems.join('\n')}\ncaller ${who.label} ${JSON.stringify(who.authorization)?.slice(0, 120)}\n${summarize(request)} ${statusLine(out)}`,
          ]
        : []
    },
  )

  for (const op of deletes) {
    await malformedProperty(op)
    await validProperty(op)
  }
  for (const op of writes) {
    await malformedProperty(op)
    await validProperty(op)
  }

  // ── pattern pumping: pattern-constrained strings cannot stall the service ──
  const patternsPumped = new Set<string>()
  for (const op of operations) {
    const pumped = pumpedRequests(op, env, patternsPumped)
    if (!pumped) continue
    await property(t, `pumped patterns ${op.operationId}: answered within ${PUMP_MS} ms`, clean(pumped), 60, async (request) => {
      const out = await send(app, request, `Bearer ${MASTER_KEY}`, PUMP_MS)
      return out.problems.length ? [`${out.problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
    })
  }

  // ── rate limiting: past the limit, 429 with Retry-After, as the spec declares ──
  t.test('rate limited', async (t) => {
    const limited = await build(t, { rateLimit: { max: 5, windowMs: 60_000, redisUrl: undefined } })
    let throttled = 0
    // Not `/api/users/`, `/api/users//password-verification` and the like: Fastify routes them
    // to their operation with an empty id (and so limits them), but contractViolations() takes
    // them for unrouted paths, where no 429 is expected. A mismatch in the test helper, not in
    // the service.
    // any of an operation's parameters empty (the others may be given)
    const templates = operations
      .filter((op) => op.path.includes('{'))
      .map((op) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]*')}$`))
    const emptyParameter = (r: FuzzRequest) => {
      const { pathname } = seenUrl(r.url)
      return /\/\/|\/$/.test(pathname) && templates.some((template) => template.test(pathname))
    }
    const request = clean(fc.oneof(...operations.map((op) => fc.oneof(validRequest(op, env), malformedRequest(op, env))))).filter(
      (r) => !emptyParameter(r),
    )
    await property(
      t,
      'past the limit: 429 with Retry-After, no 5xx, in time, conforms',
      fc.tuple(request, fc.oneof(fc.constant<HeaderValue | null>(`Bearer ${MASTER_KEY}`), fc.constant(null), garbage)),
      200,
      async ([request, authorization]) => {
        const out = await send(limited.app, request, authorization)
        if (out.response.statusCode === 429) throttled++
        return out.problems.length ? [`${out.problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
      },
    )
    t.ok(throttled > 0, `${throttled} requests were rate limited`)
  })

  // ── regressions: the classes of requests that once broke the service (see regressions.ts) ──
  for (const bug of REGRESSIONS) {
    // minimal counterexample: see the entry's comment in regressions.ts
    await property(
      t,
      `regression ${bug.id}: ${bug.title}`,
      bug.source(env).filter((r) => bug.matches(r)),
      30,
      async (request) => {
        const out = await send(app, request)
        return out.problems.length ? [`${out.problems.join('\n')}\n${summarize(request)} ${statusLine(out)}`] : []
      },
      { smallest: bug.counterexample },
    )
  }

  t.ok(sent >= 5_000, `${sent} requests sent in this run (at least 5 000)`)
})
