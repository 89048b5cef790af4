import type { Handler } from '../contract/types.js'
import { toWebhookDelivery } from '../webhooks/repository.js'

export const retryWebhookDelivery: Handler<'retryWebhookDelivery'> = async ({ params }, { webhooks }) => {
  return { status: 202, body: toWebhookDelivery(await webhooks.retry(params.id, params.deliveryId)) }
}
