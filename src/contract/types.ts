import type { FastifyReply, FastifyRequest } from 'fastify'
import type { operations } from '../../generated/openapi.js'
import type { Services } from '../services.js'

// Handlers in the style of a strict server: each receives the request as the spec types it
// and returns one of the success responses the spec declares for its operation. Errors are
// thrown as problems (src/http/problems.ts), never built by a handler.

export type OperationId = keyof operations
type Op<K extends OperationId> = operations[K]

type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>
type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : undefined

/** The statuses a handler returns; every other status is a thrown problem. */
export type SuccessStatus = 200 | 201 | 202 | 204 | 304

/**
 * Declared response headers, minus the one every response carries and the index signature.
 * Names and values are checked; presence is not, because openapi-typescript marks every
 * referenced header as required whatever the spec says. The contract check in the tests
 * enforces the spec's `required` on every response instead.
 */
type DeclaredHeaders<H> = {
  [P in keyof H as string extends P ? never : P extends 'X-Request-Id' ? never : P]?: H[P]
}
type HeadersPart<R> = R extends { headers: infer H } ? { headers?: DeclaredHeaders<H> } : { headers?: never }

type Responses<K extends OperationId> = Op<K>['responses']

export type OperationResult<K extends OperationId> = {
  [S in keyof Responses<K> & SuccessStatus]: { status: S; body: ContentOf<Responses<K>[S]> } & HeadersPart<Responses<K>[S]>
}[keyof Responses<K> & SuccessStatus]

export interface OperationRequest<K extends OperationId> {
  params: Present<Op<K>['parameters']['path']>
  query: Present<Op<K>['parameters']['query']>
  headers: Present<Op<K>['parameters']['header']>
  body: ContentOf<Op<K>['requestBody']>
}

export interface HandlerContext extends Services {
  request: FastifyRequest
  reply: FastifyReply
}

export type Handler<K extends OperationId> = (request: OperationRequest<K>, context: HandlerContext) => Promise<OperationResult<K>>

/** One handler per operation of the spec: a missing one is a compile error. */
export type Handlers = { [K in OperationId]: Handler<K> }
