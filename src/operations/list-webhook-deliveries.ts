import type { Handler } from '../contract/types.js'
import { toWebhookDelivery } from '../webhooks/repository.js'

export const listWebhookDeliveries: Handler<'listWebhookDeliveries'> = async ({ params, query }, { webhooks, cursors }) => {
  const { limit = 20, cursor } = query
  // a cursor of one endpoint's deliveries means nothing for another's
  const binding = { deliveriesOf: params.id }
  const after = cursor ? BigInt(cursors.decode(cursor, binding).value) : undefined
  const { rows, hasMore } = await webhooks.deliveries(params.id, { limit, ...(after === undefined ? {} : { after }) })
  const last = rows.at(-1)
  const nextCursor = hasMore && last ? cursors.encode({ value: String(last.eventPosition), id: last.id }, binding) : null
  return { status: 200, body: { data: rows.map(toWebhookDelivery), nextCursor } }
}
