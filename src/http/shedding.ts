import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { requestsShed } from '../metrics/registry.js'
import { passwordHashingSaturated } from '../users/password.js'
import { Problem } from './problems.js'

// Probes, metrics and the docs are never shed: /healthz must say the process lives,
// /readyz answers the overload itself (with its reason), and a scrape is most needed now.
const NEVER_SHED = /^\/(healthz|readyz|metrics|docs|openapi\.)/

// under-pressure samples every second; a client that waits a few is likely to find the
// process recovered, or the load balancer to have moved it elsewhere.
const RETRY_AFTER_SECONDS = 5

const reasons: Record<string, string> = {
  eventLoopDelay: 'its event loop is delayed past its limit',
  heapUsedBytes: 'its heap is past its limit',
  rssBytes: 'its memory (RSS) is past its limit',
  eventLoopUtilization: 'its event loop is saturated',
  healthCheck: 'a health check failed',
}

/** Why the process should get no new traffic now, or undefined when it can take it. */
export type OverloadReason = () => string | undefined

/**
 * Answers 503 `unavailable` with Retry-After, at once, while the process is past a limit of
 * `config.shedding`: a request refused quickly can go elsewhere, one accepted late times out.
 */
export const shedding = fp(
  async (app: FastifyInstance, { limits }: { limits: Config['shedding'] }) => {
    await app.register(underPressure, {
      maxEventLoopDelay: limits.maxEventLoopDelayMs,
      maxHeapUsedBytes: limits.maxHeapUsedBytes,
      maxRssBytes: limits.maxRssBytes,
      pressureHandler: async (request, _reply, type) => {
        if (NEVER_SHED.test(request.url)) return
        requestsShed.inc({ reason: type })
        throw new Problem('unavailable', {
          detail: `The service is over capacity: ${reasons[type] ?? type}. Retry after Retry-After seconds.`,
          headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        })
      },
    })
  },
  { name: 'shedding' },
)

/** The reason readiness reports: a limit of under-pressure passed, or a full hashing queue. */
export function overloadReason(app: FastifyInstance): OverloadReason {
  return () => {
    if (app.isUnderPressure()) {
      const usage = app.memoryUsage()
      return `over capacity (event-loop delay ${Math.round(usage.eventLoopDelay)} ms, heap ${usage.heapUsed} bytes, RSS ${usage.rssBytes} bytes)`
    }
    if (passwordHashingSaturated()) return 'over capacity (the password-hashing queue is full)'
    return undefined
  }
}
