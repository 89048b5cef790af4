// Checks over every response of the run, operation by operation: each status conforms to
// the document, X-Request-Id is echoed, /api responses carry RateLimit-*, and every
// operation the document declares was reached at least once.
import type { Exchange } from './client.js'
import type { Problem } from './context.js'
import { operations } from './document.js'
import type { Report } from './report.js'

const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']

/** How many distinct violations a failing line quotes. */
const QUOTED = 3

export function summarize(report: Report, all: readonly Exchange[], coverage: { skipReason: string | undefined }): void {
  const exchanges = all.filter((e) => !e.outsideDocument)
  for (const op of operations) {
    const own = exchanges.filter((e) => e.operationId === op.operationId)
    if (own.length === 0) {
      if (coverage.skipReason) report.skip(op.operationId, 'exercised by the run', coverage.skipReason)
      else report.fail(op.operationId, 'exercised by the run', 'no request of the run reached this operation')
      continue
    }
    if (coverage.skipReason) report.skip(op.operationId, 'exercised by the run', coverage.skipReason)
    else report.pass(op.operationId, `exercised by the run: ${plural(own.length, 'response')} (${statusesOf(own)})`)
    conformance(report, op.operationId, own)
    echoes(report, op.operationId, own)
    if (op.path.startsWith('/api/')) rateLimited(report, op.operationId, own)
  }
  // outside the declared operations: unknown paths, methods a path does not take
  const unrouted = exchanges.filter((e) => e.operationId === undefined)
  if (unrouted.length > 0) {
    conformance(report, 'routing', unrouted)
    echoes(report, 'routing', unrouted)
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function statusesOf(exchanges: readonly Exchange[]): string {
  const counts = new Map<number, number>()
  for (const e of exchanges) counts.set(e.status, (counts.get(e.status) ?? 0) + 1)
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => (n > 1 ? `${status}×${n}` : String(status)))
    .join(', ')
}

function conformance(report: Report, group: string, exchanges: readonly Exchange[]): void {
  const statuses = [...new Set(exchanges.map((e) => e.status))].sort((a, b) => a - b)
  for (const status of statuses) {
    const all = exchanges.filter((e) => e.status === status)
    const bad = all.filter((e) => e.violations.length > 0)
    const name = `every ${status} response conforms to the document (${all.length})`
    if (bad.length === 0) {
      report.pass(group, name)
      continue
    }
    const quoted = [...new Set(bad.flatMap((e) => e.violations))].slice(0, QUOTED)
    const first = bad[0]!
    report.fail(group, name, [`${bad.length} of ${all.length} do not, e.g. ${first.method} ${first.target}:`, ...quoted].join('\n'))
  }
}

function echoes(report: Report, group: string, exchanges: readonly Exchange[]): void {
  const name = 'every response echoes the X-Request-Id sent; problem documents repeat it and their status'
  const wrong: string[] = []
  for (const e of exchanges) {
    const echoed = e.headers['x-request-id']
    if (e.sentRequestId && echoed !== e.sentRequestId)
      wrong.push(`${e.method} ${e.target}: X-Request-Id ${echoed ?? 'missing'}, sent ${e.sentRequestId}`)
    const type = e.headers['content-type'] ?? ''
    if (e.status >= 400 && type.startsWith('application/problem+json')) {
      const problem = e.json as Partial<Problem> | undefined
      if (problem?.requestId !== echoed) wrong.push(`${e.method} ${e.target}: requestId ${problem?.requestId}, X-Request-Id ${echoed}`)
      if (problem?.status !== e.status) wrong.push(`${e.method} ${e.target}: status member ${problem?.status}, HTTP status ${e.status}`)
    }
  }
  if (wrong.length === 0) report.pass(group, name)
  else report.fail(group, name, [`${wrong.length} of ${exchanges.length} responses:`, ...wrong.slice(0, QUOTED)].join('\n'))
}

function rateLimited(report: Report, group: string, exchanges: readonly Exchange[]): void {
  const name = 'every response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset'
  const lacking = exchanges.filter((e) => RATE_LIMIT_HEADERS.some((h) => e.headers[h] === undefined))
  if (lacking.length === 0) report.pass(group, name)
  else {
    const first = lacking[0]!
    const missing = RATE_LIMIT_HEADERS.filter((h) => first.headers[h] === undefined)
    report.fail(
      group,
      name,
      `${lacking.length} of ${exchanges.length} lack some, e.g. ${first.method} ${first.target} → ${first.status} without ${missing.join(', ')}`,
    )
  }
}
