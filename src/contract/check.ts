import type { ValidateFunction } from 'ajv'
import { createAjv, toSharedRefs } from './schemas.js'
import { deref, listOperations, matchPath, type BoundOperation, type JsonSchema, type OpenApiResponse } from './spec.js'

// The contract check: a response (one any test receives, or one the conformance kit gets
// from a deployment) is compared with what openapi.yaml declares for that operation and
// status (status declared, media type, body schema, required headers). Expectations come
// from the spec, never from the tests.

const ajv = createAjv({ strict: false })
const compiled = new Map<string, ValidateFunction>()
const operations = listOperations()
// Outside the declared operations (an unknown path, a URL too malformed to route) the
// answer is one of the service's own problems, of any code, with a request id; nothing
// there is rate limited.
const notFound = deref<OpenApiResponse>({ $ref: '#/components/responses/NotFound' })
const problemResponse: OpenApiResponse = {
  description: 'a problem outside any operation',
  headers: { 'X-Request-Id': notFound.headers!['X-Request-Id']! },
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}

function validator(key: string, schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(key)
  if (!validate) {
    validate = ajv.compile(toSharedRefs(schema))
    compiled.set(key, validate)
  }
  return validate
}

// Nothing internal may ever leave the service: stack frames, SQL, password hashes.
const leaks: Array<[string, RegExp]> = [
  ['a password hash', /\$argon2/i],
  ['a stack frame', /\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?/],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE [`"]?\w+[`"]? SET|DELETE FROM)\b/],
  ['a Prisma error', /Invalid `prisma\.|PrismaClient\w*Error|"code":"P\d{4}"/],
]

export interface ResponseLike {
  statusCode: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
}

/** The operation a request for `path` reaches, if any (HEAD is answered by GET). */
export function operationFor(method: string, path: string): BoundOperation | undefined {
  try {
    // a path too malformed to decode is never routed, whatever template it resembles
    decodeURI(path)
  } catch {
    return undefined
  }
  const template = matchPath(path)
  const upper = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
  return operations.find((op) => op.path === template && op.method.toUpperCase() === upper)
}

/** The problems of one response against the contract; an empty list when it conforms. */
export function contractViolations(method: string, url: string | null, response: ResponseLike): string[] {
  const problems: string[] = []
  // null: the connection was answered before its request line was read
  const path = url === null ? '' : (url.split('?')[0] ?? url)
  const upper = method.toUpperCase()
  const operation = url === null ? undefined : operationFor(method, path)

  for (const [what, pattern] of leaks) {
    if (pattern.test(response.body)) problems.push(`body contains ${what}: ${response.body.slice(0, 300)}`)
  }
  if (!response.headers['x-request-id']) problems.push('X-Request-Id header missing')

  let declared: OpenApiResponse | undefined
  let key: string
  if (operation) {
    key = `${operation.operationId} ${response.statusCode}`
    declared = operation.responses[String(response.statusCode)] ?? operation.responses.default
    if (!declared) return [...problems, `${key}: status ${response.statusCode} is not declared for ${operation.operationId}`]
  } else {
    // outside the declared operations only the service's own problems are expected: an
    // unknown path, an unsupported method, a URL too malformed to route
    key = `unrouted ${response.statusCode}`
    // (a body is read before its path is known: too large or of a broken type, on any path;
    // a request Node cannot parse, or whose headers are too large, never gets a path)
    if (![400, 404, 405, 413, 415, 431].includes(response.statusCode)) {
      return [...problems, `${upper} ${path} answered ${response.statusCode} outside any declared operation`]
    }
    declared = problemResponse
  }

  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    const resolved = deref(header)
    const value = response.headers[name.toLowerCase()]
    if (value === undefined) {
      if (resolved.required) problems.push(`${key}: required header ${name} missing`)
      continue
    }
    const validate = validator(`header ${JSON.stringify(resolved.schema)}`, resolved.schema)
    if (!validate(String(value))) problems.push(`${key}: header ${name}=${String(value)} ${ajv.errorsText(validate.errors)}`)
  }

  const contentType = String(response.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
  if (!declared.content || upper === 'HEAD') {
    if (response.body.length > 0 && upper !== 'HEAD') problems.push(`${key}: a body where the spec declares none`)
    return problems
  }
  const media = contentType ? declared.content[contentType] : undefined
  if (!media) return [...problems, `${key}: content-type ${contentType} not among ${Object.keys(declared.content).join(', ')}`]
  let body: unknown = response.body
  // a JSON media type (application/json, application/problem+json); others are text
  if (/[/+]json$/.test(contentType ?? '')) {
    try {
      body = JSON.parse(response.body)
    } catch {
      return [...problems, `${key}: body is not JSON`]
    }
  }
  const validate = validator(`${key} ${contentType}`, media.schema)
  if (!validate(body)) problems.push(`${key}: body ${ajv.errorsText(validate.errors)}`)
  return problems
}
