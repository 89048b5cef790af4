// The SDK end-to-end suite against the service itself: two apps on real loopback ports, one
// with the usual limits and one whose rate limit is small enough to reach.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '../../src/config.js'
import { build, MASTER_KEY } from '../helpers/app.js'
import { runSdkSuite } from './e2e-suite.js'

async function listening(app: Awaited<ReturnType<typeof build>>['app']): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

t.test('every operation and declared status through the SDK', async (t) => {
  const dir = t.testdir()
  const service = await build(t, {}, join(dir, 'service'))
  // a window far longer than the SDK waits for a Retry-After: each 429 reaches the suite at once
  const limited = await build(t, { rateLimit: { ...loadConfig({}).rateLimit, max: 5, windowMs: 300_000 } }, join(dir, 'limited'))
  await runSdkSuite(t, {
    baseUrl: await listening(service.app),
    masterKey: MASTER_KEY,
    rateLimitedBaseUrl: await listening(limited.app),
    bodyLimitBytes: service.config.bodyLimit,
    importBodyLimitBytes: service.config.importBodyLimit,
  })
})
