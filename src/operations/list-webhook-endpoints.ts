import type { Handler } from '../contract/types.js'
import { toWebhookEndpoint } from '../webhooks/repository.js'

export const listWebhookEndpoints: Handler<'listWebhookEndpoints'> = async ({ query }, { webhooks, cursors }) => {
  const { limit = 20, cursor } = query
  const binding = { list: 'webhook-endpoints' }
  const after = cursor ? cursors.decode(cursor, binding).id : undefined
  const { rows, hasMore } = await webhooks.list({ limit, ...(after ? { after } : {}) })
  const last = rows.at(-1)
  const nextCursor = hasMore && last ? cursors.encode({ value: '', id: last.id }, binding) : null
  return { status: 200, body: { data: rows.map(toWebhookEndpoint), nextCursor } }
}
