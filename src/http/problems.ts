import { STATUS_CODES } from 'node:http'
import type { components } from '../../generated/openapi.js'

export type ProblemCode = components['schemas']['ProblemCode']
export type ProblemBody = components['schemas']['Problem']
export type FieldError = NonNullable<ProblemBody['errors']>[number]

/**
 * The error catalogue: every code the spec declares, with its status. Typed against the
 * spec's ProblemCode enum, so a code missing here or unknown to the spec fails to compile.
 */
const catalogue: Record<ProblemCode, { status: number; detail: string; headers?: Record<string, string> }> = {
  validation_failed: { status: 400, detail: 'The request is not valid; see errors for each problem.' },
  malformed_json: { status: 400, detail: 'The request body is not valid JSON.' },
  bad_request: { status: 400, detail: 'The request is malformed.' },
  unauthorized: { status: 401, detail: 'Send a valid API key: Authorization: Bearer <key>.' },
  forbidden: { status: 403, detail: 'This API key lacks the scope this operation needs.' },
  not_found: { status: 404, detail: 'There is no resource at this URI.' },
  method_not_allowed: { status: 405, detail: 'This resource does not support the method; see Allow.' },
  request_timeout: { status: 408, detail: 'The request took too long to arrive.' },
  email_taken: { status: 409, detail: 'Another user already has this email.' },
  external_id_taken: { status: 409, detail: 'Another user already has this externalId.' },
  idempotency_key_in_use: { status: 409, detail: 'A request with this Idempotency-Key is still running.' },
  delivery_in_flight: { status: 409, detail: 'An attempt of this delivery is in progress; retry after Retry-After seconds.' },
  precondition_failed: {
    status: 412,
    detail: 'The user has changed since you read it (If-Match does not name its current ETag).',
  },
  cursor_expired: {
    status: 410,
    detail: 'Events after this cursor are no longer kept; read the users again and start the feed without a cursor.',
  },
  payload_too_large: { status: 413, detail: 'The request body is too large.' },
  unsupported_media_type: { status: 415, detail: 'The request body has a media type this operation does not accept.' },
  idempotency_key_reused: { status: 422, detail: 'This Idempotency-Key was used with a different request.' },
  rate_limited: { status: 429, detail: 'Too many requests; retry after the number of seconds in Retry-After.' },
  too_many_attempts: { status: 429, detail: 'Too many failed password verifications for this user; retry after Retry-After seconds.' },
  headers_too_large: { status: 431, detail: 'The request line and headers are too large.' },
  internal: { status: 500, detail: 'The service failed unexpectedly. Quote the requestId when you report it.' },
  // a 503 always says when to come back: clients that retry at once make an outage worse
  unavailable: { status: 503, detail: 'The service cannot reach its database.', headers: { 'Retry-After': '5' } },
}

export const PROBLEM_TYPE_PREFIX = 'urn:problem:user-management:'

/** A failure a handler or hook throws; the error handler renders it as problem+json. */
export class Problem extends Error {
  readonly code: ProblemCode
  readonly status: number
  readonly detail: string
  readonly errors: FieldError[] | undefined
  readonly headers: Record<string, string>
  /** Members the problem type adds to the document (RFC 9457 §3.2), as the spec declares them. */
  readonly extensions: Record<string, unknown>

  constructor(
    code: ProblemCode,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    const entry = catalogue[code]
    super(options.detail ?? entry.detail)
    this.name = 'Problem'
    this.code = code
    this.status = entry.status
    this.detail = options.detail ?? entry.detail
    this.errors = options.errors
    this.headers = { ...entry.headers, ...options.headers }
    this.extensions = options.extensions ?? {}
  }

  toBody(requestId: string, instance?: string): ProblemBody {
    return {
      type: PROBLEM_TYPE_PREFIX + this.code,
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      code: this.code,
      requestId,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    }
  }
}
