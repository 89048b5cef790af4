import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { WebhookConfig } from '../config.js'
import type { Db } from '../db/index.js'
import { webhookDeliveries } from '../metrics/registry.js'
import { createSender } from './sender.js'
import { createWebhookWorker, type WebhookWorker } from './worker.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** this process's delivery worker; null when WEBHOOK_WORKER=false */
    webhookWorker: WebhookWorker | null
  }
}

/** The most of a receiver's answer a delivery reads. */
export const MAX_RESPONSE_BYTES = 64 * 1024

/**
 * Runs a delivery worker inside the service: started once the app is ready, stopped before
 * it closes (in-flight attempts finish first, while the database is still open).
 */
export const webhookWorkerPlugin = fp(
  async (app: FastifyInstance, { db, config }: { db: Db; config: WebhookConfig }) => {
    if (!config.worker) {
      app.decorate('webhookWorker', null)
      return
    }
    const sender = createSender({ allowPrivate: config.allowPrivate, timeoutMs: config.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES })
    const worker = createWebhookWorker({ db, config, sender, log: app.log.child({ component: 'webhooks' }) })
    worker.onOutcome((outcome) => webhookDeliveries.inc({ outcome }))
    app.decorate('webhookWorker', worker)
    app.addHook('onReady', async () => worker.start())
    app.addHook('preClose', async () => worker.stop())
  },
  { name: 'webhook-worker' },
)
