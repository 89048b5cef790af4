import { dbQueryDuration } from '../metrics/registry.js'
import type { PrismaClient } from './index.js'

/**
 * The client with every operation timed into db_query_duration_seconds, labelled by model
 * and action (raw queries as model "raw"): a bounded set of series, unlike the SQL text.
 * Timed at the client, so the figure includes what Prisma adds to the database's own time,
 * which is what a request waits for.
 */
export function withQueryMetrics(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const end = dbQueryDuration.startTimer({ model: model ?? 'raw', action: operation })
        try {
          const result = await query(args)
          end({ outcome: 'ok' })
          return result
        } catch (error) {
          end({ outcome: 'error' })
          throw error
        }
      },
    },
  }) as unknown as PrismaClient
}
