import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'
import { Problem } from '../http/problems.js'
import type { Services } from '../services.js'
import { toSharedRefs } from './schemas.js'
import { deref, listOperations, type BoundOperation, type JsonSchema, type OpenApiParameter } from './spec.js'
import type { Handlers, HandlerContext } from './types.js'

function parametersSchema(parameters: OpenApiParameter[], location: OpenApiParameter['in'], strict: boolean) {
  const own = parameters.filter((p) => p.in === location)
  if (own.length === 0 && !strict) return undefined
  const properties: Record<string, JsonSchema> = {}
  // header names are case-insensitive; Node hands them to us lower-cased
  const key = (name: string) => (location === 'header' ? name.toLowerCase() : name)
  for (const p of own) properties[key(p.name)] = toSharedRefs(p.schema)
  return {
    type: 'object',
    properties,
    required: own.filter((p) => p.required).map((p) => key(p.name)),
    // an unknown query parameter is most often a typo; saying so beats ignoring it
    additionalProperties: !strict,
  }
}

/**
 * The body schema with the items of the named arrays reduced to "an object": their handler
 * validates each item itself, so that one bad item fails alone rather than the request.
 */
function withItemsUnchecked(content: NonNullable<BoundOperation['requestBody']>['content'], arrays: string[]): JsonSchema {
  const body = structuredClone(deref(Object.values(content)[0]!.schema)) as JsonSchema & { properties: Record<string, JsonSchema> }
  for (const name of arrays) body.properties[name] = { ...body.properties[name], items: { type: 'object' } }
  return toSharedRefs(body)
}

/** The route schema Fastify validates and serializes with, taken from the spec alone. */
export function routeSchema(op: BoundOperation): FastifySchema {
  const schema: FastifySchema = {}
  const params = parametersSchema(op.parameters, 'path', false)
  const querystring = parametersSchema(op.parameters, 'query', true)
  const headers = parametersSchema(op.parameters, 'header', false)
  if (params) schema.params = params
  if (querystring) schema.querystring = querystring
  if (headers) schema.headers = headers
  const bodyContent = op.requestBody?.content
  if (bodyContent) {
    const schemas = Object.values(bodyContent).map((c) => toSharedRefs(c.schema))
    // one schema per operation: the media types an operation accepts share it
    schema.body = op.validateItemsSeparately.length > 0 ? withItemsUnchecked(bodyContent, op.validateItemsSeparately) : schemas[0]
  }
  const response: Record<string, unknown> = {}
  for (const [status, declared] of Object.entries(op.responses)) {
    if (!declared.content) continue
    const content: Record<string, { schema: unknown }> = {}
    for (const [mediaType, media] of Object.entries(declared.content)) {
      content[mediaType] = { schema: toSharedRefs(media.schema) }
    }
    response[status] = { content }
  }
  schema.response = response
  return schema
}

/**
 * OpenAPI `deepObject` query parameters arrive as `name[key]=value`, which the query parser
 * leaves flat; they are folded into the object the spec declares, before validation.
 */
function deepObjectFolder(parameters: OpenApiParameter[]): ((query: Record<string, unknown>) => void) | undefined {
  const names = parameters.filter((p) => p.in === 'query' && p.style === 'deepObject').map((p) => p.name)
  if (names.length === 0) return undefined
  const member = new RegExp(`^(${names.join('|')})\\[([^\\]]*)\\]$`)
  return (query) => {
    for (const key of Object.keys(query)) {
      const match = member.exec(key)
      if (!match) continue
      const [, name, property] = match as unknown as [string, string, string]
      // without a prototype: a key such as `__proto__` is then a key like any other
      query[name] ??= Object.create(null)
      const target = query[name]
      // a plain `name=value` as well: leave both for validation to report
      if (typeof target !== 'object' || target === null || Array.isArray(target)) continue
      ;(target as Record<string, unknown>)[property] = query[key]
      delete query[key]
    }
  }
}

function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined
}

/**
 * Binds every operation of the spec to its handler by operationId. Routing, validation and
 * serialization come from the spec; a handler the spec does not know stops start-up.
 */
export function bindOperations(
  app: FastifyInstance,
  handlers: Handlers,
  services: Services,
  options: { bodyLimits?: Partial<Record<keyof Handlers, number>> } = {},
): void {
  const operations = listOperations()
  const declared = new Set(operations.map((op) => op.operationId))
  const orphans = Object.keys(handlers).filter((id) => !declared.has(id))
  if (orphans.length > 0) {
    throw new Error(`handlers without an operation in openapi.yaml: ${orphans.join(', ')}`)
  }

  for (const op of operations) {
    const handler = handlers[op.operationId as keyof Handlers] as unknown as (
      request: unknown,
      context: HandlerContext,
    ) => Promise<{ status: number; headers?: Record<string, string>; body?: unknown }>
    if (!handler) throw new Error(`operation ${op.operationId} in openapi.yaml has no handler`)

    const acceptedTypes = op.requestBody ? Object.keys(op.requestBody.content) : []
    const foldDeepObjects = deepObjectFolder(op.parameters)
    // handlers see the declared headers under the names the spec gives them
    const headerNames = op.parameters.filter((p) => p.in === 'header').map((p) => p.name)
    const declaredHeaders = (raw: Record<string, unknown>) =>
      Object.fromEntries(headerNames.map((name) => [name, raw[name.toLowerCase()]]).filter(([, v]) => v !== undefined))
    const route: RouteOptions = {
      method: op.method.toUpperCase() as RouteOptions['method'],
      url: op.routePath,
      schema: routeSchema(op),
      config: { operationId: op.operationId },
      ...(options.bodyLimits?.[op.operationId as keyof Handlers]
        ? { bodyLimit: options.bodyLimits[op.operationId as keyof Handlers] }
        : {}),
      // An operation without a request body (a POST that only triggers something) ignores
      // one sent anyway, as DELETE does: its size or media type cannot fail a request the
      // spec says nothing about. Without these headers Fastify does not read the body, and
      // Node discards it once the response is sent.
      ...(op.requestBody
        ? {}
        : {
            onRequest: async (request: { headers: Record<string, unknown> }) => {
              delete request.headers['content-type']
              delete request.headers['content-length']
              delete request.headers['transfer-encoding']
            },
          }),
      // Fastify parses every media type it has a parser for; this operation accepts only
      // the ones the spec lists for it (merge-patch is for PATCH, not for POST).
      preValidation: async (request) => {
        foldDeepObjects?.(request.query as Record<string, unknown>)
        if (acceptedTypes.length === 0) return
        const mediaType = mediaTypeOf(request.headers['content-type'])
        if (mediaType && !acceptedTypes.includes(mediaType)) {
          throw new Problem('unsupported_media_type', {
            detail: `This operation accepts ${acceptedTypes.join(' or ')}, not ${mediaType}.`,
          })
        }
      },
      handler: async (request, reply) => {
        const result = await handler(
          { params: request.params, query: request.query, headers: declaredHeaders(request.headers), body: request.body },
          { ...services, request, reply },
        )
        reply.code(result.status)
        for (const [name, value] of Object.entries(result.headers ?? {})) if (value !== undefined) reply.header(name, value)
        if (result.body === undefined) return reply.send()
        // JSON unless the handler named another media type the spec declares (getMetrics)
        if (!reply.hasHeader('content-type')) reply.type('application/json')
        return reply.send(result.body)
      },
    }
    app.route(route)
  }
}
