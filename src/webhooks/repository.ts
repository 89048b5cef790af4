import { uuidv7 } from 'uuidv7'
import type { components } from '../../generated/openapi.js'
import type { Db } from '../db/index.js'
import { createEventsRepository } from '../events/repository.js'
import { Problem } from '../http/problems.js'
import { type AddressPolicy, checkWebhookUrl, UrlRefused } from './address-policy.js'
import { newSigningSecret } from './signing.js'

type WebhookEndpoint = components['schemas']['WebhookEndpoint']
type WebhookEndpointCreate = components['schemas']['WebhookEndpointCreate']
type WebhookDelivery = components['schemas']['WebhookDelivery']
type EndpointStatus = components['schemas']['WebhookEndpointStatus']

interface EndpointRecord {
  id: string
  url: string
  description: string | null
  eventTypes: string
  status: string
  disabledReason: string | null
  createdAt: Date
}

interface DeliveryRecord {
  id: string
  eventId: string
  eventType: string
  userId: string
  status: string
  nextAttemptAt: Date | null
  createdAt: Date
  eventPosition: bigint
  attempts: Array<{
    number: number
    attemptedAt: Date
    outcome: string
    responseStatus: number | null
    latencyMs: number
    error: string | null
  }>
}

/** How many attempts a delivery shows (the spec's maxItems). */
const SHOWN_ATTEMPTS = 100

export function toWebhookEndpoint(row: EndpointRecord): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes.split(' ') as WebhookEndpoint['eventTypes'],
    status: row.status as EndpointStatus,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  }
}

export function toWebhookDelivery(row: DeliveryRecord): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType as WebhookDelivery['eventType'],
    userId: row.userId,
    status: row.status as WebhookDelivery['status'],
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts.map((a) => ({
      number: a.number,
      attemptedAt: a.attemptedAt.toISOString(),
      outcome: a.outcome as 'succeeded' | 'failed',
      responseStatus: a.responseStatus,
      latencyMs: a.latencyMs,
      error: a.error,
    })),
  }
}

const notFound = (id: string) => new Problem('not_found', { detail: `No webhook endpoint has the id ${id}.` })

/** Webhook endpoints and their deliveries, as the API manages them. */
export function createWebhooksRepository(db: Db, policy: AddressPolicy) {
  const { prisma } = db
  const events = createEventsRepository(db)

  async function deliveriesWithAttempts(where: object, limit: number) {
    const rows = await prisma.webhookDelivery.findMany({
      where,
      orderBy: { eventPosition: 'desc' },
      take: limit,
      include: { attempts: { orderBy: { number: 'desc' }, take: SHOWN_ATTEMPTS } },
    })
    return rows.map((row) => ({ ...row, attempts: row.attempts.reverse() }))
  }

  return {
    /** Registers an endpoint from the current head of the feed; the secret is returned this once. */
    async create(input: WebhookEndpointCreate, now = new Date()): Promise<{ record: EndpointRecord; secret: string }> {
      try {
        await checkWebhookUrl(input.url, policy)
      } catch (error) {
        if (!(error instanceof UrlRefused)) throw error
        throw new Problem('validation_failed', { errors: [{ pointer: '/body/url', detail: error.message }] })
      }
      const secret = newSigningSecret()
      // `*` covers every type, so listing others beside it says nothing more
      const eventTypes = input.eventTypes.includes('*') ? ['*'] : [...new Set(input.eventTypes)]
      const record = await prisma.webhookEndpoint.create({
        data: {
          id: uuidv7(),
          url: input.url,
          description: input.description?.trim() ?? null,
          eventTypes: eventTypes.join(' '),
          secret,
          createdAt: now,
          cursor: await events.head(),
        },
      })
      return { record, secret }
    },

    async list({ limit, after }: { limit: number; after?: string }): Promise<{ rows: EndpointRecord[]; hasMore: boolean }> {
      // ids are UUIDv7: newest first is id order
      const rows = await prisma.webhookEndpoint.findMany({
        where: after ? { id: { lt: after } } : {},
        orderBy: { id: 'desc' },
        take: limit + 1,
      })
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
    },

    async get(id: string): Promise<EndpointRecord> {
      const row = await prisma.webhookEndpoint.findUnique({ where: { id } })
      if (!row) throw notFound(id)
      return row
    },

    async setStatus(id: string, status: EndpointStatus): Promise<EndpointRecord> {
      const { count } = await prisma.webhookEndpoint.updateMany({
        where: { id },
        data: status === 'enabled' ? { status, disabledReason: null } : { status, disabledReason: 'disabled through the API' },
      })
      if (count === 0) throw notFound(id)
      return this.get(id)
    },

    /** Deleting an endpoint deletes its deliveries (cascade): no worker finds them again. */
    async delete(id: string): Promise<void> {
      const { count } = await prisma.webhookEndpoint.deleteMany({ where: { id } })
      if (count === 0) throw notFound(id)
    },

    async deliveries(
      endpointId: string,
      { limit, after }: { limit: number; after?: bigint },
    ): Promise<{ rows: DeliveryRecord[]; hasMore: boolean }> {
      await this.get(endpointId)
      const rows = await deliveriesWithAttempts({ endpointId, ...(after === undefined ? {} : { eventPosition: { lt: after } }) }, limit + 1)
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
    },

    /**
     * Makes a delivery due now with a new round of retries. Refused while a worker holds its
     * lease: the attempt in progress would overwrite what this sets.
     */
    async retry(endpointId: string, deliveryId: string, now = new Date()): Promise<DeliveryRecord> {
      const delivery = await prisma.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId } })
      if (!delivery) {
        await this.get(endpointId)
        throw new Problem('not_found', { detail: `The webhook endpoint has no delivery with the id ${deliveryId}.` })
      }
      const { count } = await prisma.webhookDelivery.updateMany({
        where: { id: deliveryId, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
        data: { status: 'pending', nextAttemptAt: now, roundStart: delivery.attemptCount + 1, lockedBy: null, lockedUntil: null },
      })
      if (count === 0) {
        const current = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId } })
        if (!current) throw new Problem('not_found', { detail: `The webhook endpoint has no delivery with the id ${deliveryId}.` })
        const seconds = Math.max(1, Math.ceil(((current.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000))
        throw new Problem('delivery_in_flight', { headers: { 'Retry-After': String(seconds) } })
      }
      const [row] = await deliveriesWithAttempts({ id: deliveryId }, 1)
      return row!
    },
  }
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>
