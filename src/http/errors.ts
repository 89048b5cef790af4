import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allowedMethods, matchPath } from '../contract/spec.js'
import { isDatabaseUnavailable } from '../db/errors.js'
import { PasswordHashingBusyError } from '../users/password.js'
import { Problem, type FieldError } from './problems.js'

type ValidationError = NonNullable<FastifyError['validation']>[number]

const pointerRoots: Record<string, string> = {
  body: '/body',
  querystring: '/query',
  params: '/path',
  headers: '/header',
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

// A body with thousands of unknown properties must not get a response thousands of entries
// long: the first errors are enough to fix the request, and a pointer repeats a property's
// name, which may be as long as the body allows.
const MAX_ERRORS = 50
const MAX_POINTER_LENGTH = 1024

function describe(error: ValidationError): FieldError {
  const params = error.params as Record<string, unknown>
  let pointer = error.instancePath
  let detail = error.message ?? 'is not valid'
  // a key of the object that breaks `propertyNames`: point at that key
  const propertyName = (error as { propertyName?: string }).propertyName
  if (propertyName !== undefined) {
    return { pointer: `${pointer}/${escapePointer(propertyName)}`, detail: `is not a valid key (${detail})` }
  }
  switch (error.keyword) {
    case 'required':
      pointer += '/' + escapePointer(String(params.missingProperty))
      detail = 'is required'
      break
    case 'additionalProperties':
      pointer += '/' + escapePointer(String(params.additionalProperty))
      detail = 'is not a known property'
      break
    case 'pattern':
      detail = 'does not have the expected format'
      break
    case 'format':
      detail = `must be a valid ${String(params.format)}`
      break
    case 'maxProperties': {
      // the first key beyond the limit (the validators keep the data of each error)
      const { data } = error as { data?: unknown }
      const beyond = data && typeof data === 'object' ? Object.keys(data)[Number(params.limit)] : undefined
      if (beyond !== undefined) pointer += '/' + escapePointer(beyond)
      detail = `is a key too many: at most ${String(params.limit)} are allowed`
      break
    }
  }
  return { pointer, detail }
}

/** Schema validation errors as the problem's `errors[]`, with pointers under `root` (`/body`, `/query`…). */
export function fieldErrors(validation: readonly ValidationError[], root: string): FieldError[] {
  // `propertyNames` repeats, without detail, each error of a key already reported
  const relevant = validation.filter((e) => e.keyword !== 'propertyNames')
  return relevant.slice(0, MAX_ERRORS).map((e) => {
    const field = describe(e)
    return { pointer: (root + field.pointer).slice(0, MAX_POINTER_LENGTH), detail: field.detail }
  })
}

// Long enough for a database restart or a failover to finish, short enough that clients
// come back soon after it did.
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

/** `503 unavailable`: the database cannot serve the request now; retrying later can succeed. */
export function unavailable(): Problem {
  return new Problem('unavailable', { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } })
}

/** Maps whatever was thrown to the problem it is; anything unexpected is `internal`. */
export function toProblem(error: FastifyError | Error): Problem {
  if (error instanceof Problem) return error
  if (isDatabaseUnavailable(error)) return unavailable()
  if (error instanceof PasswordHashingBusyError) {
    return new Problem('unavailable', {
      detail: 'Too many password hashes are waiting; retry after Retry-After seconds.',
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    })
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    const root = pointerRoots[fastifyError.validationContext ?? 'body'] ?? '/body'
    return new Problem('validation_failed', { errors: fieldErrors(fastifyError.validation, root) })
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('malformed_json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem('malformed_json', { detail: 'The request body is empty; send a JSON document.' })
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload_too_large')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem('unsupported_media_type')
  }
  const status = fastifyError.statusCode
  if (status === 400) return new Problem('bad_request')
  if (status === 404) return new Problem('not_found')
  if (status === 413) return new Problem('payload_too_large')
  if (status === 415) return new Problem('unsupported_media_type')
  return new Problem('internal')
}

/**
 * The request path as the problem's `instance`: a URI reference, so characters Node lets
 * through unencoded (`^`, `|`, spaces in raw requests…) are percent-encoded; omitted when the
 * path's own percent-encoding is broken.
 */
function instanceOf(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0] ?? '/'
  try {
    decodeURI(path)
  } catch {
    return undefined
  }
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c))
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return (
    reply
      .code(problem.status)
      .headers(problem.headers)
      // set here too: errors raised before routing (a malformed URL) skip the onRequest hook
      .header('X-Request-Id', request.id)
      .type('application/problem+json')
      .send(problem.toBody(request.id, instanceOf(request)))
  )
}

/** One place renders every error: problem+json, nothing internal in the body. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error)
    // an outage is logged once per request as a warning: the error itself says what failed;
    // shedding is the service protecting itself, logged where it starts
    if (problem.code === 'unavailable') {
      if (isDatabaseUnavailable(error)) request.log.warn({ err: error }, 'database unavailable')
    } else if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: problem.code }, 'request rejected')
    return sendProblem(request, reply, problem)
  })

  app.setNotFoundHandler((request, reply) => {
    const template = matchPath(request.url.split('?')[0] ?? '/')
    if (template) {
      const allow = allowedMethods(template).join(', ')
      return sendProblem(request, reply, new Problem('method_not_allowed', { headers: { Allow: allow } }))
    }
    return sendProblem(request, reply, new Problem('not_found'))
  })
}

/**
 * Requests Node rejects before Fastify sees them (headers too large, too slow, unparseable)
 * get the same problem format as the rest, written straight to the socket.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new Problem('headers_too_large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new Problem('request_timeout')
        : new Problem('bad_request', { detail: 'The request is not valid HTTP.' })
  const requestId = randomUUID()
  const document = problem.toBody(requestId)
  const body = JSON.stringify(document)
  this.log.debug({ err: error, requestId }, 'client error')
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${document.title}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}
