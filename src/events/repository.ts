import type { components } from '../../generated/openapi.js'
import type { Db } from '../db/index.js'
import type { EventData, EventType } from './outbox.js'

/** An event as stored; `data` is the JSON text of its EventData. */
export interface StoredEvent {
  position: bigint
  id: string
  type: string
  occurredAt: Date
  userId: string
  data: string
}

/** An event as the API (the feed, a webhook's body) shows it; its data was stored so. */
export function toEvent(event: StoredEvent): components['schemas']['Event'] {
  return {
    id: event.id,
    type: event.type as EventType,
    occurredAt: event.occurredAt.toISOString(),
    data: JSON.parse(event.data) as EventData,
  }
}

// The highest position pruning has removed: a cursor before it has lost events. Kept rather
// than inferred from the oldest position left, since positions have holes (a rolled-back
// write on PostgreSQL uses one up) that would look like pruned events.
const PRUNED_THROUGH = 'events-pruned-through'

// Any constant only pruners lock on.
const PRUNE_LOCK = 7_316_004_416

// Pruning removes this many events a statement, so that a large backlog does not hold one
// long write transaction against the writers.
const PRUNE_BATCH = 5_000

// The clients are typed as SQLite's, whose Int position is a number; PostgreSQL's BigInt
// comes back as a bigint. Both are exact: positions stay far below 2^53.
const positionOf = (row: { position: number | bigint }) => BigInt(row.position)

export function createEventsRepository(db: Db) {
  const { prisma } = db

  async function prunedThrough(): Promise<bigint> {
    const setting = await prisma.setting.findUnique({ where: { key: PRUNED_THROUGH } })
    return setting ? BigInt(setting.value) : 0n
  }

  return {
    /**
     * Events after `after` in position (commit) order, optionally of some types only. Call
     * prunedThrough() after it, not before: pruning that removed events this read would have
     * returned has recorded so by then.
     */
    async list(page: { after: bigint; limit: number; types?: EventType[] }): Promise<StoredEvent[]> {
      const rows = await prisma.event.findMany({
        where: { position: { gt: Number(page.after) }, ...(page.types ? { type: { in: page.types } } : {}) },
        orderBy: { position: 'asc' },
        take: page.limit,
      })
      return rows.map((row) => ({ ...row, position: positionOf(row) }))
    },

    /** One event by its id; undefined once it has been pruned. */
    async find(id: string): Promise<StoredEvent | undefined> {
      const row = await prisma.event.findUnique({ where: { id } })
      return row ? { ...row, position: positionOf(row) } : undefined
    },

    /** The position of the newest event, 0 when there is none. */
    async head(): Promise<bigint> {
      const newest = await prisma.event.findFirst({ orderBy: { position: 'desc' }, select: { position: true } })
      return newest ? positionOf(newest) : await prunedThrough()
    },

    prunedThrough,

    /**
     * Removes the events that occurred before `before`, oldest first, and records how far
     * it got. Positions follow commit order and times nearly so; pruning by position up to
     * the newest expired one keeps "everything up to prunedThrough is gone" exact. Several
     * instances may prune at once: each removes what is there and the record only grows.
     */
    async prune(before: Date): Promise<number> {
      let removed = 0
      for (;;) {
        const batch = await prisma.event.findMany({
          where: { occurredAt: { lt: before } },
          orderBy: { position: 'asc' },
          select: { position: true },
          take: PRUNE_BATCH,
        })
        const last = batch.at(-1)
        if (!last) return removed
        const through = positionOf(last)
        await prisma.$transaction(async (tx) => {
          // pruners on several instances take turns, so that the record never moves back
          if (db.provider === 'postgresql') await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${PRUNE_LOCK})::text`)
          // recorded first: a reader that finds the events gone also finds the record
          const current = await tx.setting.findUnique({ where: { key: PRUNED_THROUGH } })
          if (!current || BigInt(current.value) < through) {
            await tx.setting.upsert({
              where: { key: PRUNED_THROUGH },
              create: { key: PRUNED_THROUGH, value: String(through) },
              update: { value: String(through) },
            })
          }
          removed += (await tx.event.deleteMany({ where: { position: { lte: Number(through) } } })).count
        })
        if (batch.length < PRUNE_BATCH) return removed
      }
    },
  }
}

export type EventsRepository = ReturnType<typeof createEventsRepository>
