import type { Handler } from '../contract/types.js'
import { toWebhookEndpoint } from '../webhooks/repository.js'

export const updateWebhookEndpoint: Handler<'updateWebhookEndpoint'> = async ({ params, body }, { webhooks }) => {
  const record = body.status ? await webhooks.setStatus(params.id, body.status) : await webhooks.get(params.id)
  return { status: 200, body: toWebhookEndpoint(record) }
}
