// What the webhooks read of the event feed (the transactional outbox's Event table).
import type { Db } from '../db/index.js'
import { createEventsRepository } from '../events/repository.js'

export interface FeedEntry {
  position: bigint
  id: string
  type: string
  userId: string
}

/** The position of the newest event: an endpoint registered now starts after it. */
export function headPosition(db: Db): Promise<bigint> {
  return createEventsRepository(db).head()
}

/** The next events after `position`, in feed (commit) order. */
export async function eventsAfter(db: Db, position: bigint, limit: number): Promise<FeedEntry[]> {
  return createEventsRepository(db).list({ after: position, limit })
}

/** The webhook payload of an event: exactly the spec's Event, `{id, type, occurredAt, data}`. */
export async function eventPayload(db: Db, id: string): Promise<string | undefined> {
  const row = await db.prisma.event.findUnique({ where: { id } })
  if (!row) return undefined
  return JSON.stringify({ id: row.id, type: row.type, occurredAt: row.occurredAt.toISOString(), data: JSON.parse(row.data) })
}
