import { randomBytes } from 'node:crypto'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Redis } from 'ioredis'
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify'
import { bindOperations } from './contract/routes.js'
import { compileRequestValidator, sharedSchema } from './contract/schemas.js'
import { listOperations, spec, specText } from './contract/spec.js'
import type { Config } from './config.js'
import type { Db } from './db/index.js'
import { settingOrCreate } from './db/settings.js'
import { eventRetentionPlugin } from './events/plugin.js'
import { createEventsRepository } from './events/repository.js'
import { createCursorCodec } from './http/cursor.js'
import { clientErrorHandler, registerErrorHandling, sendProblem } from './http/errors.js'
import { accessLog } from './http/access-log.js'
import { registerAuth } from './http/auth.js'
import { createIdempotencyStore, registerIdempotency } from './http/idempotency.js'
import { requestMetrics } from './http/metrics.js'
import { overloadReason, shedding } from './http/shedding.js'
import { createApiKeysRepository } from './keys/repository.js'
import { Problem } from './http/problems.js'
import { requestIdFrom } from './http/request-id.js'
import { securityHeaders } from './http/security-headers.js'
import { loggerOptions, REQUEST_ID_LOG_LABEL } from './logging.js'
import { handlers } from './operations/index.js'
import { configurePasswordHashing } from './users/password.js'
import { createUsersRepository } from './users/repository.js'
import { createPasswordVerifier } from './users/verification.js'
import { webhookWorkerPlugin } from './webhooks/plugin.js'
import { createWebhooksRepository } from './webhooks/repository.js'

export interface AppOptions {
  /** masterKey is required here; server.ts settles it (generated in development) */
  config: Config & { masterKey: string }
  db: Db
  /** Fastify's logger option; defaults to pino at the configured level. */
  logger?: FastifyServerOptions['logger']
}

// Probes, metrics and documentation are not rate limited: an orchestrator's health checks and
// a scraper must not compete with API traffic from the same address.
const NOT_RATE_LIMITED = /^\/(healthz|readyz|metrics|docs|openapi\.)/

// sha256 of the <style> in the logo SVG of the pinned swagger-ui-dist
const SWAGGER_UI_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"

// What a browser client of another origin may send and read (when CORS_ORIGINS allows it).
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id']
const CORS_RESPONSE_HEADERS = [
  'ETag',
  'Location',
  'Link',
  'Retry-After',
  'X-Request-Id',
  'Idempotent-Replayed',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
]

/** Builds the application; it never listens, so tests drive it with inject(). */
export async function buildApp({ config, db, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel, config.logFormat),
    // one access line per request (src/http/access-log.ts) instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    // a hop count means: trust that many proxies in front of this one
    trustProxy:
      typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    // slow clients cannot hold a connection or a request open for ever
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    // route every path parameter Node accepts, so that an overlong id is answered by the
    // operation (400 with a pointer, rate limited) rather than falling out of the router
    routerOptions: { maxParamLength: 16_384 },
    clientErrorHandler,
    frameworkErrors: (_error, request, reply) => {
      sendProblem(request, reply, new Problem('bad_request', { detail: 'The request URL is malformed.' }))
    },
  })

  app.setValidatorCompiler(({ schema, httpPart }) => compileRequestValidator(schema as Record<string, unknown>, httpPart))
  app.addSchema(sharedSchema)
  // RFC 7396 merge patches are JSON documents; parse them with Fastify's hardened JSON parser
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  // A method none of whose operations takes a body (DELETE) does not read one: its
  // size or media type cannot fail a request the spec says nothing about.
  const takesBody = new Set(
    listOperations()
      .filter((op) => op.requestBody)
      .map((op) => op.method),
  )
  for (const { method } of listOperations()) {
    if (method !== 'get' && !takesBody.has(method)) app.addHttpMethod(method.toUpperCase(), { hasBody: false, overrideExisting: true })
  }
  // Any other media type is read and set aside: which types an operation accepts is the
  // spec's to say (415 from contract/routes.ts), and one that takes no body ignores it.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined))

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id)
  })
  registerErrorHandling(app)
  await app.register(requestMetrics)
  await app.register(accessLog)
  configurePasswordHashing(config.hashing)

  // Security headers everywhere. No upgrade-insecure-requests: behind a TLS proxy it does
  // nothing, and on plain HTTP (an internal host) it would send the docs page's own
  // scripts to an https:// that is not there.
  await app.register(securityHeaders, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_RESPONSE_HEADERS,
      maxAge: 600,
    })
  }

  // before authentication and rate limiting: a shed request costs no database lookup
  await app.register(shedding, { limits: config.shedding })

  const redis = config.rateLimit.redisUrl
    ? new Redis(config.rateLimit.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined
  if (redis) app.addHook('onClose', async () => void (await redis.quit()))
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    // RateLimit-Limit / -Remaining / -Reset (IETF httpapi draft) rather than X-RateLimit-*
    enableDraftSpec: true,
    // counted per API key; per client address for requests without a valid key
    keyGenerator: (request) => (request.caller ? `key:${request.caller.id}` : `ip:${request.ip}`),
    allowList: (request) => NOT_RATE_LIMITED.test(request.url),
    ...(redis ? { redis, nameSpace: 'user-management-rate-limit:' } : {}),
    errorResponseBuilder: (_request, context) => new Problem('rate_limited', { detail: `Too many requests; retry in ${context.after}.` }),
  })

  await app.register(swagger, { mode: 'static', specification: { document: spec as never } })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    theme: { title: String(spec.info.title) },
    // /docs sends its own CSP; Swagger UI's logo carries one inline <style>, allowed by its hash
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("style-src 'self' https:", `style-src 'self' https: ${SWAGGER_UI_LOGO_STYLE}`)
        .replace(/\s*upgrade-insecure-requests;?/, ''),
    // the spec is validated in CI; Swagger UI must not send it to an outside validator
    uiConfig: { validatorUrl: null },
  })
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.type('application/json').send(app.swagger()))
  app.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) => reply.type('application/yaml').send(specText))

  // Every instance must sign cursors alike: an operator's CURSOR_SECRET, else one generated
  // once and kept in the shared database.
  const cursorSecret = config.cursorSecret ?? (await settingOrCreate(db, 'cursor-secret', () => randomBytes(32).toString('base64url')))
  const keys = createApiKeysRepository(db)
  const events = createEventsRepository(db)
  await app.register(eventRetentionPlugin, { events, retentionDays: config.eventRetentionDays })
  registerAuth(app, { masterKey: config.masterKey, keys })
  // keys are per caller: two integrators may pick the same Idempotency-Key
  registerIdempotency(app, createIdempotencyStore(db), (request) => request.caller?.id ?? 'anonymous')
  bindOperations(
    app,
    handlers,
    {
      config,
      db,
      users: createUsersRepository(db),
      events,
      cursors: createCursorCodec(cursorSecret),
      keys,
      verifier: createPasswordVerifier(db, config.passwordVerification),
      overload: overloadReason(app),
      webhooks: createWebhooksRepository(db, config.webhooks),
    },
    { bodyLimits: { importUsers: Math.max(config.bodyLimit, config.importBodyLimit) } },
  )
  await app.register(webhookWorkerPlugin, { db, config: config.webhooks })
  return app
}
