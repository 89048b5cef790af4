// The results of a run: named checks grouped by operationId, as text for people and as JSON
// for CI. A check that does not apply is counted apart: it is neither passed nor failed.
import { operations } from './document.js'

export type Outcome = 'passed' | 'failed' | 'skipped'

export interface CheckResult {
  /** An operationId, or one of the groups outside the operations (deployment, routing, cleanup, run). */
  group: string
  name: string
  outcome: Outcome
  /** Why it failed, or why it does not apply. */
  detail?: string
}

export interface CleanupSummary {
  /** What the run created and deleted again, by the operation that created it. */
  deleted: Record<string, number>
  /** Created, then deleted by a check before cleanup came to it. */
  alreadyGone: number
  /** Found by the run's marker although no 201 of this run named them (a lost response). */
  foundByMarker: number
  /** What could not be deleted: targets with what the deployment answered. */
  leftovers: string[]
}

export interface RunInfo {
  baseUrl: string
  runId: string
  marker: string
  documentTitle: string
  documentVersion: string
  startedAt: Date
  finishedAt: Date
  requests: number
  rateLimitWaits: number
  interrupted: string | undefined
  only: string | undefined
  notes: string[]
  cleanup: CleanupSummary
}

const GROUPS_BEFORE = ['deployment']
const GROUPS_AFTER = ['routing', 'cleanup', 'run']

export class Report {
  readonly results: CheckResult[] = []

  pass(group: string, name: string): void {
    this.results.push({ group, name, outcome: 'passed' })
  }

  fail(group: string, name: string, detail: string): void {
    this.results.push({ group, name, outcome: 'failed', detail })
  }

  skip(group: string, name: string, reason: string): void {
    this.results.push({ group, name, outcome: 'skipped', detail: reason })
  }

  count(outcome: Outcome): number {
    return this.results.filter((r) => r.outcome === outcome).length
  }

  /** Groups in a stable order: the deployment, the operations as the document lists them, the rest. */
  groups(): Array<[string, CheckResult[]]> {
    const order = [...GROUPS_BEFORE, ...operations.map((op) => op.operationId), ...GROUPS_AFTER]
    const names = [...new Set(this.results.map((r) => r.group))].sort((a, b) => rank(order, a) - rank(order, b))
    return names.map((name) => [name, this.results.filter((r) => r.group === name)])
  }

  text(info: RunInfo): string {
    const lines: string[] = []
    lines.push(`Conformance of ${info.baseUrl} to ${info.documentTitle} ${info.documentVersion} (openapi.yaml)`)
    lines.push(`run ${info.runId}: users are named and mailed with the marker ${info.marker}${info.only ? `; only ${info.only}` : ''}`)
    for (const [group, results] of this.groups()) {
      lines.push('')
      for (const result of results) lines.push(...formatResult(group, result))
    }
    lines.push('')
    if (info.interrupted) lines.push(`Interrupted by ${info.interrupted}: the checks stopped early; cleanup ran.`)
    for (const note of info.notes) lines.push(note)
    lines.push(cleanupLine(info.cleanup))
    const seconds = ((info.finishedAt.getTime() - info.startedAt.getTime()) / 1000).toFixed(1)
    lines.push(`${info.requests} requests in ${seconds} s; ${info.rateLimitWaits} waits on 429 Retry-After.`)
    const skipped = this.count('skipped')
    lines.push(`${skipped} skipped (not applicable)`)
    lines.push(`${this.count('passed')} passed, ${this.count('failed')} failed`)
    return lines.join('\n') + '\n'
  }

  json(info: RunInfo): unknown {
    return {
      tool: 'user-management-conformance',
      document: { title: info.documentTitle, version: info.documentVersion },
      baseUrl: info.baseUrl,
      runId: info.runId,
      marker: info.marker,
      only: info.only ?? null,
      startedAt: info.startedAt.toISOString(),
      finishedAt: info.finishedAt.toISOString(),
      interrupted: info.interrupted ?? null,
      summary: {
        passed: this.count('passed'),
        failed: this.count('failed'),
        skipped: this.count('skipped'),
        requests: info.requests,
        rateLimitWaits: info.rateLimitWaits,
      },
      notes: info.notes,
      cleanup: info.cleanup,
      checks: this.results,
    }
  }
}

function rank(order: string[], group: string): number {
  const at = order.indexOf(group)
  return at === -1 ? order.length : at
}

const MARK: Record<Outcome, string> = { passed: '✔', failed: '✘', skipped: '–' }

function formatResult(group: string, result: CheckResult): string[] {
  const head = `${MARK[result.outcome]} ${group}: ${result.name}`
  if (!result.detail) return [head]
  const [first, ...rest] = result.detail.split('\n')
  const lead = result.outcome === 'skipped' ? `${head} — not applicable: ${first}` : `${head} — ${first}`
  return [lead, ...rest.map((line) => `    ${line}`)]
}

function cleanupLine(cleanup: CleanupSummary): string {
  const deleted = Object.entries(cleanup.deleted)
    .sort(([, a], [, b]) => b - a)
    .map(([operationId, n]) => `${n} made by ${operationId}`)
  if (deleted.length === 0 && cleanup.leftovers.length === 0) return 'Cleanup: the run created nothing to delete.'
  const parts = [`Cleanup: deleted ${deleted.length ? deleted.join(', ') : 'nothing'}`]
  if (cleanup.alreadyGone) parts.push(`${cleanup.alreadyGone} of them had already been deleted by the checks`)
  if (cleanup.foundByMarker) parts.push(`${cleanup.foundByMarker} found by the run's marker only`)
  if (cleanup.leftovers.length) parts.push(`${cleanup.leftovers.length} LEFT BEHIND: ${cleanup.leftovers.join(', ')}`)
  return parts.join('; ') + '.'
}
