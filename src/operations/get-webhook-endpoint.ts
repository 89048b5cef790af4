import type { Handler } from '../contract/types.js'
import { toWebhookEndpoint } from '../webhooks/repository.js'

export const getWebhookEndpoint: Handler<'getWebhookEndpoint'> = async ({ params }, { webhooks }) => {
  return { status: 200, body: toWebhookEndpoint(await webhooks.get(params.id)) }
}
