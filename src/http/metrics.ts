import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { httpRequestDuration, httpRequests, registry } from '../metrics/registry.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** set by the contract binding on every route of an operation of openapi.yaml */
    operationId?: string
  }
}

/**
 * The operation a request is counted under. Never the raw URL, which a client chooses and
 * which would make a new series per path: a request that matched no route is "unmatched",
 * one served by a route outside the spec (the docs page, the document itself) is "other".
 */
export function operationLabel(request: FastifyRequest): string {
  const { operationId } = request.routeOptions.config
  if (operationId) return operationId
  return request.routeOptions.url === undefined ? 'unmatched' : 'other'
}

/** Counts and times every response by operation, method and status. */
export const requestMetrics = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      const labels = { operation: operationLabel(request), method: request.method, status: String(reply.statusCode) }
      httpRequests.inc(labels)
      httpRequestDuration.observe(labels, reply.elapsedTime / 1000)
    })
  },
  { name: 'request-metrics' },
)

/** The scrape: Prometheus text format. */
export async function scrape(): Promise<{ contentType: string; text: string }> {
  return { contentType: registry.contentType, text: await registry.metrics() }
}

/**
 * The scrape on a listener of its own, without a key, for a Prometheus inside the private
 * network (METRICS_PORT). Only GET /metrics; it has no logger, so the API's log stays the
 * API's, and it does not appear in openapi.yaml, which describes the API port.
 */
export async function buildMetricsServer(): Promise<FastifyInstance> {
  const { default: Fastify } = await import('fastify')
  const server = Fastify({ logger: false })
  server.get('/metrics', async (_request, reply) => {
    const { contentType, text } = await scrape()
    return reply.type(contentType).send(text)
  })
  return server
}
