import { availableParallelism } from 'node:os'
import { getHeapStatistics } from 'node:v8'
import t from 'tap'
import { ConfigError, loadConfig, logFormatFor } from '../src/config.js'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: 'file:./data/users.db',
    logLevel: 'info',
    bodyLimit: 65536,
    importBodyLimit: 5242880,
    cursorSecret: undefined,
    masterKey: undefined,
    rateLimit: { max: 600, windowMs: 60000, redisUrl: undefined },
    passwordVerification: { maxFailures: 5, windowMs: 900000 },
    corsOrigins: [],
    trustProxy: false,
    requestTimeoutMs: 30000,
    connectionTimeoutMs: 60000,
    database: { connectTimeoutMs: 5000, statementTimeoutMs: 10000, poolMax: 10 },
    // a test's stdout is a pipe, not a terminal
    logFormat: 'json',
    metricsPort: undefined,
    shedding: { maxEventLoopDelayMs: 500, maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.9), maxRssBytes: 0 },
    hashing: { concurrency: availableParallelism(), queueMax: 128 },
    eventRetentionDays: 30,
    webhooks: {
      allowHttp: false,
      allowPrivate: false,
      worker: true,
      concurrency: 16,
      pollIntervalMs: 200,
      retryScheduleMs: [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000],
      timeoutMs: 10000,
    },
  })
})

t.test('the webhook settings', async (t) => {
  const config = loadConfig({
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_WORKER: 'false',
    WEBHOOK_CONCURRENCY: '4',
    WEBHOOK_POLL_INTERVAL_MS: '50',
    WEBHOOK_RETRY_SCHEDULE: '100, 200,300',
    WEBHOOK_TIMEOUT_MS: '2000',
  })
  t.same(config.webhooks, {
    allowHttp: true,
    allowPrivate: true,
    worker: false,
    concurrency: 4,
    pollIntervalMs: 50,
    retryScheduleMs: [100, 200, 300],
    timeoutMs: 2000,
  })
})

t.test('the log format: pretty at a terminal unless told, JSON lines otherwise', async (t) => {
  t.equal(logFormatFor('auto', true), 'pretty')
  t.equal(logFormatFor('auto', false), 'json')
  t.equal(logFormatFor('pretty', false), 'pretty', 'npm run dev asks for it')
  t.equal(logFormatFor('json', true), 'json')
})

t.test('operations settings', async (t) => {
  const config = loadConfig({
    METRICS_PORT: '9464',
    SHED_MAX_EVENT_LOOP_DELAY_MS: '200',
    SHED_MAX_HEAP_USED_BYTES: '1000000000',
    SHED_MAX_RSS_BYTES: '2000000000',
    HASH_CONCURRENCY: '3',
    HASH_QUEUE_MAX: '10',
  })
  t.equal(config.metricsPort, 9464)
  t.same(config.shedding, { maxEventLoopDelayMs: 200, maxHeapUsedBytes: 1e9, maxRssBytes: 2e9 })
  t.same(config.hashing, { concurrency: 3, queueMax: 10 })
})

t.test('values from the environment', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgresql://db.internal/users',
    LOG_LEVEL: 'warn',
    BODY_LIMIT_BYTES: '2048',
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_STATEMENT_TIMEOUT_MS: '2500',
    DATABASE_POOL_MAX: '3',
  })
  t.match(config, { port: 8080, host: '0.0.0.0', databaseUrl: 'postgresql://db.internal/users', logLevel: 'warn', bodyLimit: 2048 })
  t.same(config.database, { connectTimeoutMs: 1000, statementTimeoutMs: 2500, poolMax: 3 })
})

t.test('a bad value names its variable', async (t) => {
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://localhost/users'],
    ['BODY_LIMIT_BYTES', '12'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '10'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', 'soon'],
    ['DATABASE_POOL_MAX', '0'],
    ['API_MASTER_KEY', 'too-short'],
    ['RATE_LIMIT_MAX', '0'],
    ['REDIS_URL', 'localhost:6379'],
    ['PASSWORD_VERIFY_MAX_FAILURES', '0'],
    ['PASSWORD_VERIFY_WINDOW_SECONDS', '1.5'],
    ['CORS_ORIGINS', '*'],
    ['TRUST_PROXY', 'everyone'],
    ['LOG_FORMAT', 'xml'],
    ['METRICS_PORT', '-1'],
    ['HASH_CONCURRENCY', '0'],
    ['HASH_QUEUE_MAX', '-1'],
    ['SHED_MAX_EVENT_LOOP_DELAY_MS', 'soon'],
    ['WEBHOOK_ALLOW_HTTP', 'maybe'],
    ['WEBHOOK_CONCURRENCY', '0'],
    ['WEBHOOK_RETRY_SCHEDULE', '5s,5m'],
    ['WEBHOOK_RETRY_SCHEDULE', ''],
    ['WEBHOOK_TIMEOUT_MS', '10'],
  ] as const) {
    t.throws(() => loadConfig({ [name]: value }), { name: 'ConfigError', message: new RegExp(name) }, `${name}=${value}`)
  }
  t.ok(new ConfigError('x') instanceof Error)
})

t.test('the password verification limit', async (t) => {
  const config = loadConfig({ PASSWORD_VERIFY_MAX_FAILURES: '3', PASSWORD_VERIFY_WINDOW_SECONDS: '60' })
  t.same(config.passwordVerification, { maxFailures: 3, windowMs: 60000 })
})

t.test('production requires API_MASTER_KEY', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'production' }), { name: 'ConfigError', message: /API_MASTER_KEY/ })
  const key = 'k'.repeat(40)
  t.equal(loadConfig({ NODE_ENV: 'production', API_MASTER_KEY: key }).masterKey, key)
})

t.test('security settings', async (t) => {
  const config = loadConfig({
    CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    TRUST_PROXY: '2',
    REDIS_URL: 'redis://127.0.0.1:6379',
  })
  t.same(config.corsOrigins, ['https://app.example.com', 'http://localhost:5173'])
  t.equal(config.trustProxy, 2)
  t.equal(config.rateLimit.redisUrl, 'redis://127.0.0.1:6379')
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true)
  t.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy, '10.0.0.0/8,127.0.0.1')
})
