import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

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

t.test('values from the environment', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgresql://db.internal/users',
    LOG_LEVEL: 'warn',
    BODY_LIMIT_BYTES: '2048',
  })
  t.match(config, { port: 8080, host: '0.0.0.0', databaseUrl: 'postgresql://db.internal/users', logLevel: 'warn', bodyLimit: 2048 })
})

t.test('a bad value names its variable', async (t) => {
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://localhost/users'],
    ['BODY_LIMIT_BYTES', '12'],
    ['API_MASTER_KEY', 'too-short'],
    ['RATE_LIMIT_MAX', '0'],
    ['REDIS_URL', 'localhost:6379'],
    ['PASSWORD_VERIFY_MAX_FAILURES', '0'],
    ['PASSWORD_VERIFY_WINDOW_SECONDS', '1.5'],
    ['CORS_ORIGINS', '*'],
    ['TRUST_PROXY', 'everyone'],
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
