import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { EventsRepository } from './repository.js'

const DAY_MS = 86_400_000

// Pruning is cheap when there is little to prune, and an event a few minutes past its time
// harms nobody: every instance prunes this often, and once at start-up.
const PRUNE_EVERY_MS = 10 * 60_000

/**
 * Removes change events older than the retention period, from every instance: pruning is
 * idempotent, so instances need not agree on who does it.
 */
export const eventRetentionPlugin = fp(
  async (app: FastifyInstance, { events, retentionDays }: { events: EventsRepository; retentionDays: number }) => {
    let running: Promise<unknown> = Promise.resolve()
    const prune = () => {
      running = events.prune(new Date(Date.now() - retentionDays * DAY_MS)).catch((error: unknown) => {
        // the next round tries again; a database outage must not stop the service
        app.log.warn({ err: error }, 'pruning change events failed')
      })
    }
    let timer: NodeJS.Timeout | undefined
    app.addHook('onReady', async () => {
      prune()
      timer = setInterval(prune, PRUNE_EVERY_MS)
      timer.unref()
    })
    app.addHook('onClose', async () => {
      clearInterval(timer)
      await running
    })
  },
  { name: 'event-retention' },
)
