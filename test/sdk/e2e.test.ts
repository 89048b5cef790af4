// The SDK end-to-end suite against the service itself: two apps on real loopback ports, one
// with the usual limits and one whose rate limit is small enough to reach.
import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '../../src/config.js'
import { createEventsRepository } from '../../src/events/repository.js'
import { build, listening, MASTER_KEY } from '../helpers/app.js'
import { runSdkSuite } from './e2e-suite.js'
import { startHoldingReceiver } from '../helpers/webhook-receiver.js'

t.test('every operation and declared status through the SDK', async (t) => {
  const dir = t.testdir()
  // a delivery worker that may reach the loopback receiver of the webhook cases
  const webhooks = { ...loadConfig({}).webhooks, allowHttp: true, allowPrivate: true, pollIntervalMs: 20 }
  const service = await build(t, { webhooks }, join(dir, 'service'))
  const webhookReceiver = await startHoldingReceiver(t)
  // a window far longer than the SDK waits for a Retry-After: each 429 reaches the suite at once
  const limited = await build(t, { rateLimit: { ...loadConfig({}).rateLimit, max: 5, windowMs: 300_000 } }, join(dir, 'limited'))
  await runSdkSuite(t, {
    baseUrl: await listening(service.app),
    masterKey: MASTER_KEY,
    rateLimitedBaseUrl: await listening(limited.app),
    bodyLimitBytes: service.config.bodyLimit,
    importBodyLimitBytes: service.config.importBodyLimit,
    // everything is "old" a second from now
    expireEvents: () => createEventsRepository(service.db).prune(new Date(Date.now() + 1000)),
    webhookReceiver,
  })
})
