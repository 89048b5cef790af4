import { randomBytes } from 'node:crypto'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { bindOperations } from './contract/routes.js'
import { compileRequestValidator, sharedSchema } from './contract/schemas.js'
import { spec, specText } from './contract/spec.js'
import type { Config } from './config.js'
import type { Db } from './db/index.js'
import { settingOrCreate } from './db/settings.js'
import { createCursorCodec } from './http/cursor.js'
import { registerErrorHandling, sendProblem } from './http/errors.js'
import { createIdempotencyStore, registerIdempotency } from './http/idempotency.js'
import { Problem } from './http/problems.js'
import { requestIdFrom } from './http/request-id.js'
import { handlers } from './operations/index.js'
import { createUsersRepository } from './users/repository.js'

export interface AppOptions {
  config: Config
  db: Db
  /** Fastify's logger option; defaults to pino at the configured level. */
  logger?: FastifyServerOptions['logger']
}

/** Paths whose values must never reach a log line. */
export const redactedLogPaths = ['req.headers.authorization', 'req.headers.cookie', 'req.body', '*.password', '*.passwordHash']

/** Builds the application; it never listens, so tests drive it with inject(). */
export async function buildApp({ config, db, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: { paths: redactedLogPaths, censor: '[redacted]' } },
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    return503OnClosing: true,
    frameworkErrors: (_error, request, reply) => {
      sendProblem(request, reply, new Problem('bad_request', { detail: 'The request URL is malformed.' }))
    },
  })

  app.setValidatorCompiler(({ schema, httpPart }) => compileRequestValidator(schema as Record<string, unknown>, httpPart))
  app.addSchema(sharedSchema)
  // RFC 7396 merge patches are JSON documents; parse them with Fastify's hardened JSON parser
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id)
  })
  registerErrorHandling(app)

  await app.register(swagger, { mode: 'static', specification: { document: spec as never } })
  await app.register(swaggerUi, { routePrefix: '/docs', theme: { title: String(spec.info.title) } })
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.type('application/json').send(app.swagger()))
  app.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) => reply.type('application/yaml').send(specText))

  // Every instance must sign cursors alike: an operator's CURSOR_SECRET, else one generated
  // once and kept in the shared database.
  const cursorSecret = config.cursorSecret ?? (await settingOrCreate(db, 'cursor-secret', () => randomBytes(32).toString('base64url')))
  registerIdempotency(app, createIdempotencyStore(db), () => 'anonymous')
  bindOperations(app, handlers, { config, db, users: createUsersRepository(db), cursors: createCursorCodec(cursorSecret) })
  return app
}
