// What the webhooks read of the event feed (the Event table of the transactional outbox).
import type { Db } from '../db/index.js'

export interface FeedEntry {
  position: bigint
  id: string
  type: string
  userId: string
}

/** The position of the newest event; 0 when there is none. */
export async function headPosition(db: Db): Promise<bigint> {
  const [row] = await db.prisma.$queryRaw<Array<{ head: bigint | number | string | null }>>`SELECT MAX("position") AS head FROM "Event"`
  return row?.head === null || row?.head === undefined ? 0n : BigInt(row.head)
}

/** The next events after `position`, in feed order. */
export async function eventsAfter(db: Db, position: bigint, limit: number): Promise<FeedEntry[]> {
  const rows = await db.prisma.$queryRaw<Array<{ position: bigint | number | string; id: string; type: string; userId: string }>>`
    SELECT "position", "id", "type", "userId" FROM "Event" WHERE "position" > ${position} ORDER BY "position" LIMIT ${limit}`
  return rows.map((row) => ({ ...row, position: BigInt(row.position) }))
}

/** The webhook payload of an event, exactly the spec's Event: `{id, type, occurredAt, data}`. */
export async function eventPayload(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.prisma.$queryRaw<Array<{ id: string; type: string; occurredAt: Date | string | number; data: string }>>`
    SELECT "id", "type", "occurredAt", "data" FROM "Event" WHERE "id" = ${id}`
  if (!row) return undefined
  return JSON.stringify({ id: row.id, type: row.type, occurredAt: new Date(row.occurredAt).toISOString(), data: JSON.parse(row.data) })
}
