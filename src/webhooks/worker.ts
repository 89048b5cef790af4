import { uuidv7 } from 'uuidv7'
import type { WebhookConfig } from '../config.js'
import type { Db } from '../db/index.js'
import { createEventsRepository, type StoredEvent, toEvent } from '../events/repository.js'
import type { Sender, SendResult } from './sender.js'
import { signedHeaders } from './signing.js'

/** What became of one attempt, for metrics: `retrying` failed with retries left. */
export type DeliveryOutcome = 'succeeded' | 'failed' | 'retrying'
export type OutcomeListener = (outcome: DeliveryOutcome, latencyMs: number) => void

interface Logger {
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

interface Claimed {
  id: string
  endpointId: string
  eventId: string
  attemptCount: number
  roundStart: number
  /** the lease: only the claim that set it may record the outcome */
  token: string
}

// Events fanned out per endpoint and transaction: bounds a transaction when an endpoint has
// fallen far behind, the next round takes the rest.
const FAN_OUT_BATCH = 500
// A lease outlives the longest attempt; a killed worker's deliveries come back after it.
const LEASE_MARGIN_MS = 5_000

class LostRace extends Error {}

const wants = (eventTypes: string, type: string) => eventTypes === '*' || eventTypes.split(' ').includes(type)

function describe(result: SendResult): string {
  return result.error ?? `last response ${result.responseStatus}`
}

/**
 * The delivery worker of one process. Each round it fans new events out into deliveries,
 * then claims due deliveries (at most `concurrency` in flight) and attempts them outside
 * any transaction. Several processes share the work through leases taken with a
 * compare-and-set (an UPDATE conditioned on the lease being free, which PostgreSQL
 * re-checks after waiting for a concurrent one): a delivery is held by one attempt at a
 * time, and a lease a killed process left behind expires.
 */
export function createWebhookWorker({ db, config, sender, log }: { db: Db; config: WebhookConfig; sender: Sender; log: Logger }) {
  const { prisma } = db
  const events = createEventsRepository(db)
  const leaseMs = config.timeoutMs + LEASE_MARGIN_MS
  const listeners: OutcomeListener[] = []
  const inFlight = new Map<string, Promise<void>>()
  const held = new Set<string>()
  let running = false
  let loopDone: Promise<void> = Promise.resolve()
  let wake: () => void = () => {}

  /** Creates the deliveries of the events after each endpoint's cursor, and moves the cursor, at once. */
  async function fanOut(): Promise<number> {
    let moved = 0
    const endpoints = await prisma.webhookEndpoint.findMany({ select: { id: true, cursor: true, eventTypes: true } })
    for (const endpoint of endpoints) {
      const batch = await events.list({ after: BigInt(endpoint.cursor), limit: FAN_OUT_BATCH })
      const last = batch.at(-1)
      if (!last) continue
      const now = new Date()
      const wanted = batch.filter((event) => wants(endpoint.eventTypes, event.type))
      try {
        await prisma.$transaction(async (tx) => {
          // the cursor is moved first, conditioned on where this round read it: of two
          // processes fanning out the same events, the second finds it moved and backs off
          const { count } = await tx.webhookEndpoint.updateMany({
            where: { id: endpoint.id, cursor: endpoint.cursor },
            data: { cursor: last.position },
          })
          if (count === 0) throw new LostRace()
          if (wanted.length > 0) {
            await tx.webhookDelivery.createMany({ data: wanted.map((event) => deliveryRow(endpoint.id, event, now)) })
          }
        })
        moved += batch.length
      } catch (error) {
        if (!(error instanceof LostRace)) throw error
      }
    }
    return moved
  }

  function deliveryRow(endpointId: string, event: StoredEvent, now: Date) {
    return {
      id: uuidv7(),
      endpointId,
      eventId: event.id,
      eventPosition: event.position,
      eventType: event.type,
      userId: event.userId,
      nextAttemptAt: now,
      createdAt: now,
    }
  }

  /**
   * Takes up to `room` due deliveries, each the oldest open one of its user at its endpoint
   * (a user's later event waits until the earlier one is no longer pending).
   */
  async function claim(room: number): Promise<Claimed[]> {
    const now = new Date()
    const due = await prisma.webhookDelivery.findMany({
      where: {
        status: 'pending',
        nextAttemptAt: { lte: now },
        OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
        endpoint: { status: 'enabled' },
      },
      orderBy: { eventPosition: 'asc' },
      take: Math.max(room * 4, 32),
      select: { id: true, endpointId: true, eventId: true, userId: true, eventPosition: true, attemptCount: true, roundStart: true },
    })
    const seen = new Set<string>()
    const claimed: Claimed[] = []
    for (const delivery of due) {
      if (claimed.length >= room) break
      const line = `${delivery.endpointId} ${delivery.userId}`
      if (seen.has(line)) continue
      seen.add(line)
      const earlier = await prisma.webhookDelivery.count({
        where: {
          endpointId: delivery.endpointId,
          userId: delivery.userId,
          status: 'pending',
          eventPosition: { lt: delivery.eventPosition },
        },
      })
      if (earlier > 0) continue
      const token = uuidv7()
      const { count } = await prisma.webhookDelivery.updateMany({
        where: { id: delivery.id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
        data: { lockedBy: token, lockedUntil: new Date(now.getTime() + leaseMs) },
      })
      if (count === 1) claimed.push({ ...delivery, token })
    }
    return claimed
  }

  async function attempt(delivery: Claimed): Promise<void> {
    const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: delivery.endpointId } })
    if (!endpoint) return
    const event = await events.find(delivery.eventId)
    // the webhook's body is the event exactly as the feed shows it
    const payload = event && JSON.stringify(toEvent(event))
    const at = new Date()
    const result: SendResult = payload
      ? await sender.send(endpoint.url, signedHeaders(endpoint.secret, delivery.eventId, at, payload), payload)
      : { responseStatus: null, latencyMs: 0, error: 'the event no longer exists' }
    const succeeded = result.error === null && result.responseStatus !== null && result.responseStatus >= 200 && result.responseStatus < 300
    const number = delivery.attemptCount + 1
    const inRound = number - delivery.roundStart + 1
    const retryIn = config.retryScheduleMs[inRound - 1]
    const outcome: DeliveryOutcome = succeeded ? 'succeeded' : retryIn === undefined ? 'failed' : 'retrying'
    const finished = new Date()
    let reason: string | undefined
    if (outcome === 'failed') {
      const first =
        inRound === 1
          ? at
          : ((
              await prisma.webhookAttempt.findUnique({
                where: { deliveryId_number: { deliveryId: delivery.id, number: delivery.roundStart } },
              })
            )?.attemptedAt ?? at)
      reason = `delivery ${delivery.id} failed ${inRound} times since ${first.toISOString()}: ${describe(result)}`
    }
    try {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.webhookDelivery.updateMany({
          where: { id: delivery.id, lockedBy: delivery.token },
          data: {
            status: outcome === 'retrying' ? 'pending' : outcome,
            attemptCount: number,
            nextAttemptAt: outcome === 'retrying' ? new Date(finished.getTime() + retryIn!) : null,
            lockedBy: null,
            lockedUntil: null,
          },
        })
        // the lease was lost (the endpoint deleted, or a lease outlived): this attempt is
        // not recorded, and whoever holds the delivery now makes its own
        if (count === 0) throw new LostRace()
        await tx.webhookAttempt.create({
          data: {
            deliveryId: delivery.id,
            number,
            attemptedAt: at,
            outcome: succeeded ? 'succeeded' : 'failed',
            responseStatus: result.responseStatus,
            latencyMs: result.latencyMs,
            error: result.error,
          },
        })
        if (reason) await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { status: 'disabled', disabledReason: reason } })
      })
    } catch (error) {
      if (error instanceof LostRace) return
      throw error
    }
    if (!succeeded)
      log.warn({ endpointId: endpoint.id, deliveryId: delivery.id, attempt: number, error: describe(result) }, 'webhook delivery failed')
    if (reason) log.warn({ endpointId: endpoint.id, reason }, 'webhook endpoint disabled')
    for (const listener of listeners) listener(outcome, result.latencyMs)
  }

  function track(delivery: Claimed) {
    held.add(delivery.token)
    const running = attempt(delivery)
      .catch((error: unknown) => log.error({ err: error, deliveryId: delivery.id }, 'recording a webhook delivery failed'))
      .finally(() => {
        inFlight.delete(delivery.id)
        held.delete(delivery.token)
        // the user's next delivery may be due now
        wake()
      })
    inFlight.set(delivery.id, running)
  }

  function idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = () => {}
        resolve()
      }
      wake = done
    })
  }

  async function loop(): Promise<void> {
    while (running) {
      let busy = false
      try {
        busy = (await fanOut()) > 0
        const room = config.concurrency - inFlight.size
        if (room > 0) {
          const claimed = await claim(room)
          for (const delivery of claimed) track(delivery)
          busy ||= claimed.length > 0
        }
      } catch (error) {
        log.error({ err: error }, 'the webhook worker failed a round; it tries again')
        busy = false
      }
      if (!running) break
      if (inFlight.size >= config.concurrency) await Promise.race(inFlight.values())
      else if (!busy) await idle(config.pollIntervalMs)
    }
  }

  return {
    /** Calls `listener` after each recorded attempt (the metrics hook). */
    onOutcome(listener: OutcomeListener): void {
      listeners.push(listener)
    },

    start(): void {
      if (running) return
      running = true
      loopDone = loop()
    },

    /**
     * Stops claiming, lets the attempts in flight finish (each is bounded by the delivery
     * timeout), and hands back any lease still held so that another worker need not wait
     * for it to expire.
     */
    async stop(): Promise<void> {
      running = false
      wake()
      await loopDone
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, config.timeoutMs + 1_000)
      })
      await Promise.race([Promise.allSettled(inFlight.values()), deadline])
      clearTimeout(timer)
      if (held.size > 0) {
        await prisma.webhookDelivery.updateMany({ where: { lockedBy: { in: [...held] } }, data: { lockedBy: null, lockedUntil: null } })
      }
      await sender.close()
    },

    /** One fan-out and one claim round, for tests that drive the worker step by step. */
    async runOnce(): Promise<void> {
      await fanOut()
      const claimed = await claim(config.concurrency)
      for (const delivery of claimed) track(delivery)
      await Promise.allSettled(inFlight.values())
    },
  }
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>
