import type { Handler } from '../contract/types.js'
import { decodeCursor, encodeCursor } from '../http/cursor.js'
import { toUser } from '../users/repository.js'

export const listUsers: Handler<'listUsers'> = async ({ query }, { users }) => {
  const limit = query.limit ?? 20
  const { rows, hasMore } = await users.list({ limit, ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}) })
  const last = rows.at(-1)
  return {
    status: 200,
    body: { data: rows.map(toUser), nextCursor: hasMore && last ? encodeCursor(last.id) : null },
  }
}
