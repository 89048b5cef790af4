import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { operationLabel } from './metrics.js'

/**
 * One line per request, written when the response is done, with what an operator searches
 * by. The caller is named by its key id (or "master"), never by the secret; the path goes
 * without its query string, which may hold an email address.
 */
export const accessLog = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          operationId: operationLabel(request),
          method: request.method,
          path: request.url.split('?')[0],
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
          keyId: request.caller?.id ?? null,
        },
        'request completed',
      )
    })
  },
  { name: 'access-log' },
)
