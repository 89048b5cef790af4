// The process's metrics, in one registry that any layer may add to without knowing HTTP:
// the HTTP layer records requests, the database layer queries, the password module hashes.
// One registry per process, not per app, because a scrape describes a process (its memory,
// its event loop, its libuv threads); the default registry of prom-client is left alone so
// that a library registering there cannot clash with these names.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export const registry = new Registry()
collectDefaultMetrics({ register: registry })

// Buckets from 1 ms to 10 s: a read takes a few milliseconds, a create tens (Argon2id),
// and anything past the request timeout is already a failure.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by operation, method and status.',
  labelNames: ['operation', 'method', 'status'] as const,
  registers: [registry],
})

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving a request to answering it.',
  labelNames: ['operation', 'method', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
})

export const dbQueryDuration = new Histogram({
  name: 'db_query_duration_seconds',
  help: 'Time of a database operation through Prisma, by model and action (failed ones included).',
  labelNames: ['model', 'action', 'outcome'] as const,
  buckets: [0.0005, ...LATENCY_BUCKETS],
  registers: [registry],
})

export const dbReadCacheLookups = new Counter({
  name: 'db_read_cache_lookups_total',
  help: 'Reads offered to the read cache (SQLite), by model and by result: hit (answered from memory) or miss (read from the database).',
  labelNames: ['model', 'result'] as const,
  registers: [registry],
})

export const passwordHashesInFlight = new Gauge({
  name: 'password_hashes_in_flight',
  help: 'Password hashes and verifications running now.',
  registers: [registry],
})

export const passwordHashesWaiting = new Gauge({
  name: 'password_hashes_waiting',
  help: 'Password hashes and verifications waiting for a free slot.',
  registers: [registry],
})

export const passwordHashesRejected = new Counter({
  name: 'password_hashes_rejected_total',
  help: 'Password hashes and verifications refused because the waiting queue was full.',
  registers: [registry],
})

export const requestsShed = new Counter({
  name: 'http_requests_shed_total',
  help: 'Requests answered 503 because the process was over a configured limit, by the limit passed.',
  labelNames: ['reason'] as const,
  registers: [registry],
})

/**
 * Webhook deliveries by outcome (e.g. delivered, failed, retried, dead): registered here so
 * that a scrape shows the series from the start; the delivery worker increments it.
 */
export const webhookDeliveries = new Counter({
  name: 'webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome.',
  labelNames: ['outcome'] as const,
  registers: [registry],
})
