import type { Handler } from '../contract/types.js'
import { toEvent } from '../events/repository.js'
import { Problem } from '../http/problems.js'

// Binds feed cursors to the feed: a page cursor of another list is refused here, and back.
const FEED = { feed: 'events' }

export const listEvents: Handler<'listEvents'> = async ({ query }, { events, cursors }) => {
  const { after: cursor, limit = 100, type: types } = query
  const after = cursor ? BigInt(cursors.decode<string>(cursor, FEED, '/query/after')) : 0n
  // read before the page: every event up to the head has committed by now (positions
  // become visible in order), so a page that finds fewer than `limit` matching events has
  // seen every one up to the head, and the cursor may move there
  const head = await events.head()
  const found = await events.list({ after, limit: limit + 1, ...(types ? { types } : {}) })
  if (cursor && after < (await events.prunedThrough())) throw new Problem('cursor_expired')

  const page = found.slice(0, limit)
  const hasMore = found.length > limit
  const last = page.at(-1)?.position ?? after
  const next = hasMore || last > head ? last : head
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: { data: page.map(toEvent), nextCursor: cursors.encode(String(next), FEED), hasMore },
  }
}
