import { retryAfterMs } from './retry-after.js'
import type { OperationId, ProblemBody } from './types.js'

/** The base of every error the SDK throws (a caller's own abort is rethrown as it is). */
export class UserManagementError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    // set by each class, not taken from the constructor: a minifier may rename classes
    this.name = 'UserManagementError'
  }
}

/**
 * A problem document (RFC 9457) that the operation declares for this status: `code` is the
 * union of the codes the document declares for the operation, so `switch (error.code)`
 * narrows. Narrow an unknown error with `isProblem(error, 'createUser')`.
 */
export class ProblemError<
  Op extends OperationId = OperationId,
  Body extends ProblemBody<Op> = ProblemBody<Op>,
> extends UserManagementError {
  /** The operationId of the call that failed. */
  readonly operation: Op
  readonly status: number
  readonly code: Body extends { code: infer Code } ? Code : never
  /** The problem document as the service sent it. */
  readonly problem: Body
  readonly headers: Headers
  /** Seconds the service asks to wait before retrying (`Retry-After`), when it says. */
  readonly retryAfter: number | undefined
  /** The request's id, to quote when reporting the problem. */
  readonly requestId: string | undefined

  constructor(operation: Op, status: number, problem: Body, headers: Headers) {
    const { code, detail, requestId } = problem as { code: string; detail?: string; requestId?: string }
    super(`${operation}: ${status} ${code}${detail ? ` (${detail})` : ''}`)
    this.name = 'ProblemError'
    this.operation = operation
    this.status = status
    this.code = code as this['code']
    this.problem = problem
    this.headers = headers
    const delay = retryAfterMs(headers.get('retry-after'))
    this.retryAfter = delay === undefined ? undefined : Math.ceil(delay / 1000)
    this.requestId = requestId
  }
}

/**
 * A ProblemError of `Op` as a union over the problem documents the operation declares, so
 * that narrowing `code` narrows `problem` too (e.g. `existingUserId` once the code is
 * `email_taken`).
 */
export type ProblemErrorFor<Op extends OperationId> =
  ProblemBody<Op> extends infer Body ? (Body extends ProblemBody<Op> ? ProblemError<Op, Body> : never) : never

/** Whether `error` is a ProblemError (of `operation`, when given): a type guard that narrows `code`. */
export function isProblem<Op extends OperationId>(error: unknown, operation: Op): error is ProblemErrorFor<Op>
export function isProblem(error: unknown): error is ProblemError
export function isProblem(error: unknown, operation?: OperationId): boolean {
  return error instanceof ProblemError && (operation === undefined || error.operation === operation)
}

/**
 * A response the document does not declare for the operation: another status, a problem
 * code the operation cannot return, or a body that is not a problem document (a proxy's
 * error page, say), or a success without the headers the document requires.
 */
export class UnexpectedResponseError extends UserManagementError {
  readonly operation: OperationId
  readonly status: number
  readonly headers: Headers
  /** The body: parsed JSON when it was JSON, else its text. */
  readonly body: unknown

  constructor(operation: OperationId, status: number, headers: Headers, body: unknown, reason: string) {
    super(`${operation}: unexpected ${status} response (${reason})`)
    this.name = 'UnexpectedResponseError'
    this.operation = operation
    this.status = status
    this.headers = headers
    this.body = body
  }
}

/** The request did not get a response: the connection failed or was dropped. */
export class NetworkError extends UserManagementError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'NetworkError'
  }
}

/** An attempt took longer than `timeoutMs` (after the SDK's own retries, if any). */
export class TimeoutError extends NetworkError {
  readonly timeoutMs: number

  constructor(timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`)
    this.name = 'TimeoutError'
    this.timeoutMs = timeoutMs
  }
}
