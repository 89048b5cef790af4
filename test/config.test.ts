import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: 'file:./data/users.db',
    logLevel: 'info',
    bodyLimit: 65536,
  })
})

t.test('values from the environment', async (t) => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgresql://db.internal/users', LOG_LEVEL: 'warn', BODY_LIMIT_BYTES: '2048' })
  t.match(config, { port: 8080, host: '0.0.0.0', databaseUrl: 'postgresql://db.internal/users', logLevel: 'warn', bodyLimit: 2048 })
})

t.test('a bad value names its variable', async (t) => {
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://localhost/users'],
    ['BODY_LIMIT_BYTES', '12'],
  ] as const) {
    t.throws(() => loadConfig({ [name]: value }), { name: 'ConfigError', message: new RegExp(name) }, `${name}=${value}`)
  }
  t.ok(new ConfigError('x') instanceof Error)
})
