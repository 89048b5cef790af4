import type { Handler } from '../contract/types.js'
import { toWebhookEndpoint } from '../webhooks/repository.js'

export const createWebhookEndpoint: Handler<'createWebhookEndpoint'> = async ({ body }, { webhooks }) => {
  const { record, secret } = await webhooks.create(body)
  return {
    status: 201,
    // the body holds a secret: no cache may keep it
    headers: { Location: `/api/webhook-endpoints/${record.id}`, 'Cache-Control': 'no-store' },
    body: { ...toWebhookEndpoint(record), secret },
  }
}
