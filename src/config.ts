import { availableParallelism } from 'node:os'
import { getHeapStatistics } from 'node:v8'
import envSchema from 'env-schema'

export interface Config {
  port: number
  host: string
  databaseUrl: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  bodyLimit: number
  /** the body limit of a bulk import, which carries up to 1 000 users */
  importBodyLimit: number
  /** signs page cursors; when unset, a random one is generated once and kept in the database */
  cursorSecret: string | undefined
  /** holds every scope; required in production (see server.ts for development) */
  masterKey: string | undefined
  rateLimit: { max: number; windowMs: number; redisUrl: string | undefined }
  /** failed password verifications allowed per user within a window that starts at the first */
  passwordVerification: { maxFailures: number; windowMs: number }
  /** origins allowed to call from a browser; none (CORS off) by default */
  corsOrigins: string[]
  /** Fastify's trustProxy: false, true, a hop count, or addresses/CIDRs of trusted proxies */
  trustProxy: boolean | number | string
  /** how long the change feed keeps events */
  eventRetentionDays: number
  requestTimeoutMs: number
  connectionTimeoutMs: number
  database: DatabaseOptions
  /** JSON lines, or pino-pretty for people (auto: pretty when stdout is a terminal) */
  logFormat: 'json' | 'pretty'
  /** a second listener that serves /metrics without a key; none when undefined */
  metricsPort: number | undefined
  /** limits past which requests are answered 503 instead of late; 0 turns a limit off */
  shedding: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; maxRssBytes: number }
  /** password hashes running at once, and waiting, before new ones are refused */
  hashing: { concurrency: number; queueMax: number }
  webhooks: WebhookConfig
}

/** How long the service waits for its database before it answers 503 (see README). */
export interface DatabaseOptions {
  /** PostgreSQL: opening a connection, or waiting for a free one in the pool */
  connectTimeoutMs: number
  /** PostgreSQL: one statement (statement_timeout and a client-side read timeout); SQLite: the busy timeout */
  statementTimeoutMs: number
  /** PostgreSQL: connections in the pool */
  poolMax: number
}

export const DEFAULT_DATABASE_URL = 'file:./data/users.db'

/** Pretty logs for a terminal, JSON lines for everything that reads logs by machine. */
export function logFormatFor(setting: string, stdoutIsTty: boolean): Config['logFormat'] {
  if (setting === 'auto') return stdoutIsTty ? 'pretty' : 'json'
  return setting === 'pretty' ? 'pretty' : 'json'
}

// A hash on every core: the hashing threads run at a lower priority, so the event loop,
// which answers every other request, still gets a core whenever it has work (see
// users/password.ts and bench/README.md for the figures).
const DEFAULT_HASH_CONCURRENCY = availableParallelism()
// Shed before V8 gives up: at 90% of its heap limit the process still has room to answer.
const DEFAULT_MAX_HEAP_USED_BYTES = Math.floor(getHeapStatistics().heap_size_limit * 0.9)

export interface WebhookConfig {
  /** http:// endpoints too (https:// only otherwise) */
  allowHttp: boolean
  /** private, loopback and link-local addresses too (refused otherwise, at registration and delivery) */
  allowPrivate: boolean
  /** whether this process runs a delivery worker */
  worker: boolean
  /** deliveries one process attempts at once */
  concurrency: number
  /** how long an idle worker waits before it looks for work again */
  pollIntervalMs: number
  /** the wait before each retry; a delivery gets one attempt more than there are entries */
  retryScheduleMs: number[]
  /** headers and body of one attempt together */
  timeoutMs: number
}

// Standard Webhooks' recommended schedule: immediately, then after 5 s, 5 min, 30 min, 2 h,
// 5 h, 10 h and 10 h (8 attempts over about 27 hours).
const DEFAULT_RETRY_SCHEDULE = '5000,300000,1800000,7200000,18000000,36000000,36000000'

const schema = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', default: 'development' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    DATABASE_URL: { type: 'string', pattern: '^(file:.+|postgres(ql)?://.+)$', default: DEFAULT_DATABASE_URL },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, maximum: 10485760, default: 65536 },
    IMPORT_BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, maximum: 104857600, default: 5242880 },
    CURSOR_SECRET: { type: 'string', minLength: 32 },
    API_MASTER_KEY: { type: 'string', minLength: 32, maxLength: 512, pattern: '^[A-Za-z0-9._~+/=-]+$' },
    RATE_LIMIT_MAX: { type: 'integer', minimum: 1, default: 600 },
    RATE_LIMIT_WINDOW_MS: { type: 'integer', minimum: 1000, default: 60000 },
    REDIS_URL: { type: 'string', pattern: '^rediss?://.+' },
    PASSWORD_VERIFY_MAX_FAILURES: { type: 'integer', minimum: 1, maximum: 1000, default: 5 },
    PASSWORD_VERIFY_WINDOW_SECONDS: { type: 'integer', minimum: 1, maximum: 86400, default: 900 },
    CORS_ORIGINS: { type: 'string', pattern: '^(https?://[^\\s,]+)(,\\s*https?://[^\\s,]+)*$' },
    TRUST_PROXY: { type: 'string', pattern: '^(true|false|[0-9]+|[0-9a-fA-F.:/,\\s]+)$', default: 'false' },
    EVENT_RETENTION_DAYS: { type: 'integer', minimum: 1, maximum: 3650, default: 30 },
    REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 1000, default: 30000 },
    CONNECTION_TIMEOUT_MS: { type: 'integer', minimum: 1000, default: 60000 },
    DATABASE_CONNECT_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600000, default: 5000 },
    DATABASE_STATEMENT_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 3600000, default: 10000 },
    DATABASE_POOL_MAX: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
    LOG_FORMAT: { type: 'string', enum: ['auto', 'json', 'pretty'], default: 'auto' },
    METRICS_PORT: { type: 'integer', minimum: 0, maximum: 65535 },
    SHED_MAX_EVENT_LOOP_DELAY_MS: { type: 'integer', minimum: 0, default: 500 },
    SHED_MAX_HEAP_USED_BYTES: { type: 'integer', minimum: 0 },
    SHED_MAX_RSS_BYTES: { type: 'integer', minimum: 0, default: 0 },
    HASH_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 256 },
    HASH_QUEUE_MAX: { type: 'integer', minimum: 0, maximum: 100000, default: 128 },
    WEBHOOK_ALLOW_HTTP: { type: 'boolean', default: false },
    WEBHOOK_ALLOW_PRIVATE: { type: 'boolean', default: false },
    WEBHOOK_WORKER: { type: 'boolean', default: true },
    WEBHOOK_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 1000, default: 16 },
    WEBHOOK_POLL_INTERVAL_MS: { type: 'integer', minimum: 10, maximum: 60000, default: 200 },
    WEBHOOK_RETRY_SCHEDULE: { type: 'string', pattern: '^\\s*[0-9]+(\\s*,\\s*[0-9]+){0,49}\\s*$', default: DEFAULT_RETRY_SCHEDULE },
    WEBHOOK_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 60000, default: 10000 },
  },
} as const

export class ConfigError extends Error {
  override name = 'ConfigError'
}

function trustProxy(value: string): Config['trustProxy'] {
  if (value === 'true') return true
  if (value === 'false') return false
  if (/^[0-9]+$/.test(value)) return Number(value)
  return value
}

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let values: Record<string, unknown>
  try {
    // env-schema validates with ajv; its messages name the variable (`env/PORT must be integer`)
    values = envSchema({ schema, data: { ...env }, dotenv: false })
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${(error as Error).message}`)
  }
  const masterKey = values.API_MASTER_KEY as string | undefined
  if (values.NODE_ENV === 'production' && masterKey === undefined) {
    throw new ConfigError('invalid configuration: API_MASTER_KEY is required when NODE_ENV=production (at least 32 characters)')
  }
  return {
    port: values.PORT as number,
    host: values.HOST as string,
    databaseUrl: values.DATABASE_URL as string,
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    bodyLimit: values.BODY_LIMIT_BYTES as number,
    importBodyLimit: values.IMPORT_BODY_LIMIT_BYTES as number,
    cursorSecret: values.CURSOR_SECRET as string | undefined,
    masterKey,
    rateLimit: {
      max: values.RATE_LIMIT_MAX as number,
      windowMs: values.RATE_LIMIT_WINDOW_MS as number,
      redisUrl: values.REDIS_URL as string | undefined,
    },
    passwordVerification: {
      maxFailures: values.PASSWORD_VERIFY_MAX_FAILURES as number,
      windowMs: (values.PASSWORD_VERIFY_WINDOW_SECONDS as number) * 1000,
    },
    corsOrigins: ((values.CORS_ORIGINS as string | undefined) ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: trustProxy(values.TRUST_PROXY as string),
    eventRetentionDays: values.EVENT_RETENTION_DAYS as number,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS as number,
    connectionTimeoutMs: values.CONNECTION_TIMEOUT_MS as number,
    database: {
      connectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS as number,
      statementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS as number,
      poolMax: values.DATABASE_POOL_MAX as number,
    },
    logFormat: logFormatFor(values.LOG_FORMAT as string, process.stdout.isTTY === true),
    metricsPort: values.METRICS_PORT as number | undefined,
    shedding: {
      maxEventLoopDelayMs: values.SHED_MAX_EVENT_LOOP_DELAY_MS as number,
      maxHeapUsedBytes: (values.SHED_MAX_HEAP_USED_BYTES as number | undefined) ?? DEFAULT_MAX_HEAP_USED_BYTES,
      maxRssBytes: values.SHED_MAX_RSS_BYTES as number,
    },
    hashing: {
      concurrency: (values.HASH_CONCURRENCY as number | undefined) ?? DEFAULT_HASH_CONCURRENCY,
      queueMax: values.HASH_QUEUE_MAX as number,
    },
    webhooks: {
      allowHttp: values.WEBHOOK_ALLOW_HTTP as boolean,
      allowPrivate: values.WEBHOOK_ALLOW_PRIVATE as boolean,
      worker: values.WEBHOOK_WORKER as boolean,
      concurrency: values.WEBHOOK_CONCURRENCY as number,
      pollIntervalMs: values.WEBHOOK_POLL_INTERVAL_MS as number,
      retryScheduleMs: (values.WEBHOOK_RETRY_SCHEDULE as string).split(',').map((entry) => Number(entry.trim())),
      timeoutMs: values.WEBHOOK_TIMEOUT_MS as number,
    },
  }
}
