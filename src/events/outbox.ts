import { uuidv7 } from 'uuidv7'
import type { components } from '../../generated/openapi.js'
import type { Prisma } from '../../generated/prisma/sqlite/client.js'
import type { Provider } from '../db/index.js'
import { type SqlTransaction, valuesPlaceholders } from '../db/select.js'

export type EventType = components['schemas']['EventType']
export type EventData = components['schemas']['EventData']
export type ChangedField = NonNullable<EventData['changedFields']>[number]

/** A write's event, before it is stored. */
export interface NewEvent {
  type: EventType
  data: EventData
}

// Any constant both the writers and nothing else lock on; the value means nothing.
const OUTBOX_LOCK = 7_316_004_415
const LOCK_SQL = `SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})::text`

/**
 * Appends the events of a write inside the write's own transaction, as its last statements.
 *
 * The feed is read by position, so a position must never become visible after a larger one
 * has been read: a reader that has seen N would skip the smaller one for ever. PostgreSQL
 * hands out sequence values when a row is inserted, not when its transaction commits, so two
 * writers could commit out of order. A transaction-scoped advisory lock taken just before the
 * insert and held until commit makes allocation and commit happen in the same order; it is
 * held only for the insert and the commit, so writers queue for moments, not for their whole
 * transaction. SQLite lets one writer in at a time already, so its order is the commit order.
 * `tx` is Prisma Client's transaction, or one of the hot write's SQL (db/select.ts).
 */
export async function appendEvents(
  tx: Prisma.TransactionClient | SqlTransaction,
  provider: Provider,
  events: NewEvent[],
  occurredAt: Date = new Date(),
): Promise<void> {
  if (events.length === 0) return
  const rows = events.map((event) => ({
    id: uuidv7(),
    type: event.type,
    occurredAt,
    userId: event.data.user.id,
    data: JSON.stringify(event.data),
  }))
  if ('execute' in tx) {
    if (provider === 'postgresql') await tx.select(LOCK_SQL, [], { model: 'Event', action: 'lock' })
    const values = rows.flatMap((row) => [row.id, row.type, row.occurredAt, row.userId, row.data])
    const placeholders = valuesPlaceholders(rows.length, 5)
    await tx.execute(`INSERT INTO "Event" ("id", "type", "occurredAt", "userId", "data") VALUES ${placeholders}`, values, {
      model: 'Event',
      action: 'createMany',
    })
    return
  }
  if (provider === 'postgresql') await tx.$queryRawUnsafe(LOCK_SQL)
  await tx.event.createMany({ data: rows })
}
