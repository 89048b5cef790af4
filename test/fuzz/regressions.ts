// Product bugs the fuzzer found (all fixed), each with the smallest request that showed it.
// Every entry keeps its own property in operations.test.ts, aimed at the entry's class of
// requests (`source`, `matches`), so that the bug cannot come back unnoticed.

import fc, { type Arbitrary } from 'fast-check'
import { listOperations, type BoundOperation, type JsonSchema } from '../../src/contract/spec.js'
import { operationFor } from '../../src/contract/check.js'
import {
  LENIENT_DATE_TIMES,
  mutatedRequest,
  plainRequest,
  propertyPaths,
  resolve,
  seenUrl,
  validatorFor,
  validRequest,
  type Environment,
  type FuzzRequest,
  type Mutation,
} from './arbitraries.js'

const operations = listOperations()

/** The operation a request reaches, if any (as the contract check decides it). */
export function operationOf(request: FuzzRequest): BoundOperation | undefined {
  return operationFor(request.method, seenUrl(request.url).pathname)
}

function pathParams(op: BoundOperation, request: FuzzRequest): Record<string, string> {
  const names = op.path.split('/')
  const values = seenUrl(request.url).pathname.split('/')
  const out: Record<string, string> = {}
  names.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1]
    if (name) out[name] = values[i] ?? ''
  })
  return out
}

function jsonBody(request: FuzzRequest): unknown {
  if (request.payload === undefined) return undefined
  try {
    return JSON.parse(typeof request.payload === 'string' ? request.payload : request.payload.toString('utf8'))
  } catch {
    return undefined
  }
}

const isDateTime = (schema: JsonSchema) => resolve(schema).format === 'date-time'
/**
 * A date-time JavaScript's Date cannot read (a leap second, `+05`), or reads past year 9999.
 * The validator once accepted these, and the service then failed on them; it refuses them now.
 */
const unreadable = (value: unknown) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return false
  const ms = Date.parse(value)
  return Number.isNaN(ms) || !/^\d{4}-/.test(new Date(ms).toISOString())
}

const dateQueryOps = operations.filter((op) => op.parameters.some((p) => p.in === 'query' && isDateTime(p.schema)))
const dateBodyOps = operations.filter(
  (op) => op.requestBody && propertyPaths(Object.values(op.requestBody.content)[0]!.schema).some((p) => isDateTime(p.schema)),
)
const pathParamOps = operations.filter((op) => op.parameters.some((p) => p.in === 'path'))
const bodylessOps = operations.filter((op) => !op.requestBody && op.method !== 'get')
const uriReference = validatorFor({ type: 'string', format: 'uri-reference' })

export interface Regression {
  id: string
  title: string
  /** the smallest request found that shows it, and the answer */
  counterexample: string
  /** is this request in the bug's class? */
  matches(request: FuzzRequest): boolean
  /** where to look for it (filtered by `matches`) */
  source(env: Environment): Arbitrary<FuzzRequest>
}

export const REGRESSIONS: Regression[] = [
  {
    id: 'date-time-query-500',
    title: 'a createdAfter/createdBefore the validator accepts but Date cannot read → 500',
    // GET /api/users?createdAfter=1970-01-01T23:59:60Z → 500 internal (an RFC 3339 leap second)
    // GET /api/users?createdBefore=2026-06-30T12:00:00%2B05 → 500 internal (ajv-formats takes "+05")
    counterexample: 'GET /api/users?createdAfter=1970-01-01T23:59:60Z → 500 internal',
    matches(request) {
      const op = operationOf(request)
      if (!op) return false
      const query = seenUrl(request.url).searchParams
      return op.parameters.some((p) => p.in === 'query' && isDateTime(p.schema) && query.getAll(p.name).some(unreadable))
    },
    source: (env) =>
      fc.oneof(
        ...dateQueryOps.map((op) => validRequest(op, env)),
        ...dateQueryOps.map((op) =>
          mutatedRequest(
            op,
            env,
            fc
              .tuple(
                fc.constantFrom(...op.parameters.filter((p) => p.in === 'query' && isDateTime(p.schema))),
                fc.constantFrom(...LENIENT_DATE_TIMES),
              )
              .map(([p, value]): Mutation => ({ kind: 'query-value', name: p.name, value })),
          ),
        ),
      ),
  },
  {
    id: 'date-time-body',
    title:
      'an expiresAt the validator accepts but Date cannot read → 500, or reads past year 9999 → a 201 (and every later GET /api/keys) that breaks the spec',
    // POST /api/keys {"name":"!","scopes":["users:read"],"expiresAt":"9999-12-31T23:59:59-23:59"}
    //   → 201 {…,"expiresAt":"+010000-01-01T23:58:59.000Z"}: not a date-time; from then on
    //   GET /api/keys → 200 with the same value, for every caller, until the key is revoked
    // POST /api/keys {"name":"k","scopes":["users:read"],"expiresAt":"2030-06-30T23:59:60Z"} → 500 internal
    counterexample:
      'POST /api/keys {"name":"!","scopes":["users:read"],"expiresAt":"9999-12-31T23:59:59-23:59"} → 201 with "expiresAt":"+010000-01-01T23:58:59.000Z"',
    matches(request) {
      const op = operationOf(request)
      const media = op?.requestBody ? Object.values(op.requestBody.content)[0] : undefined
      if (!media) return false
      const body = jsonBody(request)
      return propertyPaths(media.schema).some(
        ({ path, schema }) =>
          isDateTime(schema) &&
          unreadable(path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), body)),
      )
    },
    source: (env) =>
      fc.oneof(
        ...dateBodyOps.map((op) => validRequest(op, env)),
        ...dateBodyOps.map((op) =>
          mutatedRequest(
            op,
            env,
            fc
              .tuple(
                fc.constantFrom(...propertyPaths(Object.values(op.requestBody!.content)[0]!.schema).filter((p) => isDateTime(p.schema))),
                fc.constantFrom(
                  ...LENIENT_DATE_TIMES.map((d) => d.replace('2026', '2036')),
                  '2036-12-31T23:59:60Z',
                  '9999-12-31T23:59:59.999-00:01',
                ),
              )
              .map(([{ path }, value]): Mutation => ({ kind: 'body-value', path, value })),
          ),
        ),
      ),
  },
  {
    id: 'long-path-parameter',
    title: 'a path parameter over 100 characters → 400 bad_request without the RateLimit-* headers every /api response carries',
    // GET /api/users/aaaa…a (101 × "a") → 400 bad_request "The request URL is malformed.",
    //   no RateLimit-Limit/-Remaining/-Reset (100 × "a" → 400 validation_failed, with them).
    //   Fastify's maxParamLength (100) fails the route lookup: the error skips every hook.
    counterexample:
      'GET /api/users/' + 'a'.repeat(101) + ' → 400 bad_request without RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
    matches(request) {
      const op = operationOf(request)
      if (!op) return false
      return Object.values(pathParams(op, request)).some((raw) => {
        let decoded = raw
        try {
          decoded = decodeURIComponent(raw)
        } catch {
          // measured raw
        }
        return raw.length > 100 || decoded.length > 100
      })
    },
    source: (env) =>
      fc.oneof(
        ...pathParamOps.map((op) =>
          mutatedRequest(
            op,
            env,
            fc
              .tuple(
                fc.constantFrom(...op.parameters.filter((p) => p.in === 'path')),
                fc.integer({ min: 101, max: 400 }),
                fc.constantFrom('a', '0', '-', '%61'),
              )
              .map(([p, n, c]): Mutation => ({ kind: 'path-segment', name: p.name, raw: c.repeat(n) })),
          ),
        ),
      ),
  },
  {
    id: 'instance-not-uri-reference',
    title: 'a path with a character a URI may not hold unencoded (^ | [ ]) → a problem whose instance is not a uri-reference',
    // GET /a| → 404 {"instance":"/a|",…}; GET /api/users/^ → 400 validation_failed {"instance":"/api/users/^",…}
    //   Problem.instance is `format: uri-reference`; Node's HTTP parser lets these through raw.
    counterexample: 'GET /api/users/^ → 400 with "instance":"/api/users/^" (not a uri-reference)',
    matches(request) {
      const { pathname } = seenUrl(request.url)
      try {
        decodeURI(pathname)
      } catch {
        return false // no instance then
      }
      return !uriReference(pathname)
    },
    source: (env) =>
      fc.oneof(
        ...pathParamOps.map((op) =>
          mutatedRequest(
            op,
            env,
            fc
              .tuple(
                fc.constantFrom(...op.parameters.filter((p) => p.in === 'path')),
                fc.constantFrom('^', '|', '[', ']', 'a|b', '[x]', '^^'),
              )
              .map(([p, raw]): Mutation => ({ kind: 'path-segment', name: p.name, raw })),
          ),
        ),
        fc
          .tuple(fc.constantFrom('GET', 'POST', 'DELETE'), fc.constantFrom('/a|', '/^', '/[]', '/api/users|'))
          .map(([method, url]) => plainRequest(method, url)),
      ),
  },
  {
    id: 'body-without-operation-body',
    title:
      'a body or a Content-Type on a request whose operation takes no body (DELETE, or no operation at all) → 413/415, which the spec does not declare there',
    // DELETE /api/keys/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f with "Content-Type: text/xml" and no body
    //   → 415 unsupported_media_type (deleteApiKey declares no 415; over HTTP too, even with
    //   Content-Length: 0). With a body and no Content-Type → 415; a body over the limit → 413.
    // DELETE /api/keys with "Content-Type: application/" → 415, POST /nope with 70 000 bytes of
    //   JSON → 413 (the spec: an unknown path answers 404, an unsupported method 405).
    counterexample:
      'DELETE /api/keys/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f with Content-Type: text/xml, no body → 415 unsupported_media_type (not declared for deleteApiKey)',
    matches(request) {
      if (request.method === 'GET' || request.method === 'HEAD') return false
      const hasBody = request.payload !== undefined && request.payload.length > 0
      if (!hasBody && request.headers['content-type'] === undefined) return false
      return !operationOf(request)?.requestBody
    },
    source: (env) =>
      fc.oneof(
        ...bodylessOps.map((op) =>
          mutatedRequest(
            op,
            env,
            fc
              .tuple(
                fc.constantFrom<string | Buffer>('', 'x', '{}', Buffer.from([0xff]), '{"a":"' + 'x'.repeat(70_000) + '"}'),
                fc.constantFrom<string | null>(null, ';', 'text/xml', 'application/', 'application/json'),
              )
              .map(([raw, type]): Mutation[] => [
                ...(raw.length ? [{ kind: 'body-raw', raw, label: 'a body' } as Mutation] : []),
                { kind: 'content-type', value: type },
              ]),
          ),
        ),
        fc
          .tuple(
            fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
            fc.constantFrom('/nope', '/healthz', '/api/users/', '/api/keys'),
            fc.constantFrom(';', 'application/xml', 'application/json'),
            fc.constantFrom('x', '{"a":"' + 'x'.repeat(70_000) + '"}'),
          )
          .map(([method, url, type, payload]) => plainRequest(method, url, { 'content-type': type }, payload)),
      ),
  },
]

/** Is this request in the class of a known bug? */
