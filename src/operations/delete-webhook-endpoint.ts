import type { Handler } from '../contract/types.js'

export const deleteWebhookEndpoint: Handler<'deleteWebhookEndpoint'> = async ({ params }, { webhooks }) => {
  await webhooks.delete(params.id)
  return { status: 204, body: undefined }
}
