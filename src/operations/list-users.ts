import type { Handler } from '../contract/types.js'
import { CACHE_CONTROL } from '../http/conditional.js'
import { positionOf, toUser } from '../users/repository.js'

export const listUsers: Handler<'listUsers'> = async ({ query }, { users, cursors, request }) => {
  const { limit = 20, sort = 'createdAt', cursor, ...filters } = query
  // a cursor is only valid for the order and filters it was issued for, however the
  // client orders the ids and metadata keys of its query
  const binding = {
    sort,
    ...filters,
    ...(filters.id ? { id: [...new Set(filters.id)].sort() } : {}),
    ...(filters.metadata ? { metadata: Object.entries(filters.metadata).sort() } : {}),
  }
  const after = cursor ? cursors.decode(cursor, binding) : undefined
  const { rows, hasMore } = await users.list({ limit, sort, filters, ...(after ? { after } : {}) })
  const last = rows.at(-1)
  const nextCursor = hasMore && last ? cursors.encode(positionOf(last, sort), binding) : null

  const headers: { 'Cache-Control': typeof CACHE_CONTROL; Link?: string } = { 'Cache-Control': CACHE_CONTROL }
  if (nextCursor) {
    const next = new URL(request.url, 'http://placeholder')
    next.searchParams.set('cursor', nextCursor)
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`
  }
  return { status: 200, headers, body: { data: rows.map(toUser), nextCursor } }
}
