// The SDK end-to-end suite once more, through Prism (`prism proxy --errors`) in front of the
// service: Prism checks every request and every response against openapi.yaml on its own, and
// the run fails on any response that breaks the document.
import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '../../src/config.js'
import { createEventsRepository } from '../../src/events/repository.js'
import { build, listening, MASTER_KEY } from '../helpers/app.js'
import { formatViolation, startPrismProxy } from '../helpers/prism.js'
import { runSdkSuite } from './e2e-suite.js'
import { startHoldingReceiver } from '../helpers/webhook-receiver.js'

t.test('every operation through the SDK, through Prism: no response breaks the document', async (t) => {
  const dir = t.testdir()
  // a delivery worker that may reach the loopback receiver of the webhook cases
  const webhooks = { ...loadConfig({}).webhooks, allowHttp: true, allowPrivate: true, pollIntervalMs: 20 }
  const service = await build(t, { webhooks }, join(dir, 'service'))
  const webhookReceiver = await startHoldingReceiver(t)
  const limited = await build(t, { rateLimit: { ...loadConfig({}).rateLimit, max: 5, windowMs: 300_000 } }, join(dir, 'limited'))
  const [prism, prismLimited] = await Promise.all([
    startPrismProxy(t, await listening(service.app)),
    startPrismProxy(t, await listening(limited.app)),
  ])

  await runSdkSuite(t, {
    baseUrl: prism.baseUrl,
    masterKey: MASTER_KEY,
    rateLimitedBaseUrl: prismLimited.baseUrl,
    bodyLimitBytes: service.config.bodyLimit,
    importBodyLimitBytes: service.config.importBodyLimit,
    // everything is "old" a second from now
    expireEvents: () => createEventsRepository(service.db).prune(new Date(Date.now() + 1000)),
    webhookReceiver,
    validatingProxy: true,
  })

  // The suite sends some requests the document forbids on purpose (a body that breaks its
  // schema, another media type): Prism refuses those itself, as it should. Anything Prism found
  // in a response is a broken contract.
  const found = [...prism.takeViolations(), ...prismLimited.takeViolations()]
  const inResponses = found.filter((v) => !v.location.startsWith('request'))
  t.same(inResponses.map(formatViolation), [], 'no response breaks openapi.yaml')
  t.ok(found.length > 0, `the suite's deliberately invalid requests went through Prism, which refused ${found.length} itself`)
})
