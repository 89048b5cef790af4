// The report of a run (Markdown), the machine it ran on, and the summary kept in bench/README.md.
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import type { Frame } from './profile.js'
import type { WrkResult } from './wrk.js'

export const MiB = 2 ** 20

export interface Target {
  /** the least share of the ceiling */
  ratio: number
  /** getUser: p99 below this */
  p99Ms?: number
  /** createUser: the p99 of getUser during the storm below this */
  duringP99Ms?: number
}

export const PEAK_RSS_TARGET = 200 * MiB

export interface ScenarioResult {
  name: string
  /** what it sends */
  sends: string
  wrk: WrkResult
  peakRss: number
  ceiling: 'a' | 'c'
  target: Target
  /** createUser: the getUser wrk run alongside */
  during?: WrkResult
  ratio?: number
  /** getUser: the share of ceiling (b) */
  ratioB?: number
  /** undefined when there is no target (PostgreSQL) */
  misses?: string[]
  /** measured runs: more than 1 when a smoke run completed nothing and went again */
  attempts?: number
  profile?: Frame[]
}

export interface CeilingResults {
  a: WrkResult
  /** undefined when skipped */
  b?: WrkResult
  bLabel: string
  c: { parallel: number; hashes: number; seconds: number; perSecond: number; options: Record<string, number> }
}

export interface RunInfo {
  command: string
  date: Date
  provider: 'sqlite' | 'postgresql'
  databaseVersion: string
  machine: string[]
  loadBefore: number[]
  loadAfter: number[]
  wrk: string
  wrkSettings: string
  warmUpS: number
  users: number
  serverCommand: string
  serverEnv: string
  hashConcurrency: number
  peakRssOverall: number
  vmHwm: number
  durationS: number
}

/** The machine: CPU, cores, memory, Node, OS and kernel (its version, not the local build string). */
export function describeMachine(): string[] {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return ''
    }
  }
  const cpuinfo = read('/proc/cpuinfo')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU'
  const processors = (cpuinfo.match(/^processor\s*:/gm) ?? []).length || os.cpus().length
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(read('/proc/meminfo'))?.[1] ?? 0)
  const memory = memKb > 0 ? memKb * 1024 : os.totalmem()
  const distribution = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(read('/etc/os-release'))?.[1] ?? os.type()
  // the release without its local build suffix (e.g. 6.1.0 of 6.1.0-18-amd64)
  const kernel = os.release().split('-')[0]
  return [
    `CPU: ${model}, ${processors} logical CPUs (${os.availableParallelism()} available to Node)`,
    `Memory: ${(memory / 2 ** 30).toFixed(1)} GiB`,
    `Node.js ${process.version}; ${distribution}, ${os.type()} kernel ${kernel} ${os.arch()}`,
  ]
}

const f = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits))
const whole = (n: number) => Math.round(n).toLocaleString('en-US')

/** Errors as a count, with the statuses behind it. */
function errors(wrk: WrkResult): string {
  if (wrk.failures === 0) return '0'
  const e = wrk.errors
  const parts = [
    ...Object.entries(wrk.statuses)
      .filter(([s]) => (Number(s) < 200 || Number(s) >= 400) && s !== '503')
      .map(([s, n]) => `${n}×${s}`),
    ...(['connect', 'read', 'write', 'timeout'] as const).filter((k) => e[k] > 0).map((k) => `${e[k]} ${k}`),
  ]
  return `${wrk.failures} (${parts.join(', ')})`
}

function targetText(s: ScenarioResult): string {
  const of = s.ceiling === 'c' ? '(c)' : '(a)'
  const extra = [
    s.target.p99Ms !== undefined ? `p99 < ${s.target.p99Ms} ms` : '',
    s.target.duringP99Ms !== undefined ? `getUser p99 during < ${s.target.duringP99Ms} ms` : '',
  ].filter(Boolean)
  return [`≥ ${s.target.ratio} of ${of}`, ...extra, 'no errors', `RSS < ${PEAK_RSS_TARGET / MiB} MiB`].join(', ')
}

function verdict(s: ScenarioResult): string {
  if (s.misses === undefined) return 'no target'
  return s.misses.length === 0 ? 'yes' : `**no**: ${s.misses.join('; ')}`
}

/** What keeps a scenario from its target; empty when it is met. */
export function missesOf(s: ScenarioResult): string[] {
  const misses: string[] = []
  const p99 = (w: WrkResult | undefined) =>
    w && w.requests > 0 ? `${f(w.latencyMs.p99)} ms` : 'unknown (no request completed within the run)'
  if (s.ratio === undefined || s.ratio < s.target.ratio) misses.push(`ratio ${f(s.ratio, 2)} < ${s.target.ratio}`)
  if (s.target.p99Ms !== undefined && !(s.wrk.latencyMs.p99 < s.target.p99Ms)) misses.push(`p99 ${p99(s.wrk)} ≥ ${s.target.p99Ms} ms`)
  if (s.target.duringP99Ms !== undefined && !(s.during && s.during.latencyMs.p99 < s.target.duringP99Ms)) {
    misses.push(`getUser p99 during ${p99(s.during)}, not < ${s.target.duringP99Ms} ms`)
  }
  if (s.wrk.failures > 0) misses.push(`${s.wrk.failures} errors`)
  // a create may be shed (503 with Retry-After); a read never should be
  if (s.ceiling !== 'c' && s.wrk.shed > 0) misses.push(`${s.wrk.shed} shed (503)`)
  if (s.during && (s.during.failures > 0 || s.during.shed > 0)) misses.push(`${s.during.failures + s.during.shed} errors in getUser during`)
  if (!(s.peakRss < PEAK_RSS_TARGET)) misses.push(`peak RSS ${f(s.peakRss / MiB, 0)} MiB`)
  return misses
}

function ratioText(s: ScenarioResult): string {
  const main = `${f(s.ratio, 2)} of ${s.ceiling === 'c' ? '(c)' : '(a)'}`
  return s.ratioB === undefined ? main : `${main}, ${f(s.ratioB, 2)} of (b)`
}

export function scenarioTable(scenarios: ScenarioResult[]): string {
  const rows = scenarios.flatMap((s) => {
    const w = s.wrk
    const row = `| ${s.name} | ${whole(w.requests)} | ${whole(w.requestsPerSecond)} | ${whole(w.okPerSecond)} | ${f(w.latencyMs.p50, 2)} | ${f(w.latencyMs.p99, 2)} | ${f(w.latencyMs.max, 0)} | ${errors(w)} | ${w.shed} | ${f(s.peakRss / MiB, 0)} | ${ratioText(s)} | ${targetText(s)} | ${verdict(s)} |`
    if (!s.during) return [row]
    const d = s.during
    return [
      row,
      `| getUser during createUser | ${whole(d.requests)} | ${whole(d.requestsPerSecond)} | ${whole(d.okPerSecond)} | ${f(d.latencyMs.p50, 2)} | ${f(d.latencyMs.p99, 2)} | ${f(d.latencyMs.max, 0)} | ${errors(d)} | ${d.shed} | (above) | – | (see createUser) | – |`,
    ]
  })
  return [
    '| scenario | requests | req/s | ok/s | p50 ms | p99 ms | max ms | errors | 503s | peak RSS MiB | ratio to ceiling | target | met |',
    '|---|--:|--:|--:|--:|--:|--:|---|--:|--:|---|---|---|',
    ...rows,
  ].join('\n')
}

export function ceilingTable(c: CeilingResults): string {
  const http = (label: string, what: string, w: WrkResult) =>
    `| ${label} | ${what} | ${whole(w.requests)} | ${whole(w.okPerSecond)} req/s | ${f(w.latencyMs.p50, 2)} | ${f(w.latencyMs.p99, 2)} | ${errors(w)} |`
  return [
    '| ceiling | what | requests | rate | p50 ms | p99 ms | errors |',
    '|---|---|--:|--:|--:|--:|---|',
    http('(a)', 'bare Fastify 5, GET /api/users/:id answering one constant user through getUser’s 200 schema', c.a),
    c.b ? http('(b)', c.bLabel, c.b) : `| (b) | ${c.bLabel} | – | – | – | – | – |`,
    `| (c) | raw Argon2id (m=${c.c.options.memoryCost}, t=${c.c.options.timeCost}, p=${c.c.options.parallelism}), ${c.c.parallel} hashes at a time for ${f(c.c.seconds)} s | ${whole(c.c.hashes)} | ${f(c.c.perSecond)} hashes/s | – | – | 0 |`,
  ].join('\n')
}

function profileSection(scenarios: ScenarioResult[], requested: boolean): string {
  if (!requested) return ''
  const profiled = scenarios.filter((s) => s.profile)
  if (profiled.length === 0)
    return '\n## Profiles of missed targets\n\nEvery scenario met its target (or had none): nothing was profiled.\n'
  return `\n## Profiles of missed targets

For each scenario that missed its target, the server was started again on the same database
with \`node --cpu-prof\`, the scenario driven once for the same duration, and the server
stopped with SIGTERM (a graceful exit writes the profile). The 15 frames with the most self
time among the main thread's samples taken while wrk ran (start-up and shutdown left out),
as a share of those samples, idle and garbage collection included; code in node_modules is
named by its package.
${profiled
  .map(
    (s) => `
### ${s.name}

| # | function | where | self % |
|--:|---|---|--:|
${s.profile!.map((frame, i) => `| ${i + 1} | \`${frame.functionName.replaceAll('|', '\\|')}\` | ${frame.location} | ${f(frame.selfPercent)} |`).join('\n')}
`,
  )
  .join('')}`
}

/** The smoke runs that completed nothing at first and were measured again. */
function again(scenarios: ScenarioResult[]): string {
  const repeated = scenarios.filter((s) => (s.attempts ?? 1) > 1)
  if (repeated.length === 0) return ''
  return `Measured again, since nothing completed within the first run: ${repeated.map((s) => `${s.name} (${s.attempts} runs)`).join(', ')}.\n\n`
}

// the run itself keeps about two cores busy (wrk and what it drives): the load before it
// began is what tells of other work
function sharedNote(info: RunInfo): string {
  const before = info.loadBefore[0] ?? 0
  return before >= 0.5
    ? ` (other work kept about ${before.toFixed(1)} CPUs busy when the run began: figures from a shared machine are low)`
    : ' (the machine was idle when the run began; the run itself adds about 2)'
}

export function renderReport(info: RunInfo, ceilings: CeilingResults, scenarios: ScenarioResult[], profiled: boolean): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ')
  const sqlite = info.provider === 'sqlite'
  return `# npm run bench: ${info.date.toISOString().slice(0, 10)}${sqlite ? '' : ' (PostgreSQL)'}

- Command: \`${info.command}\`
- Date: ${info.date.toISOString()} (the run took ${Math.round(info.durationS)} s)
- Database: ${info.databaseVersion}
${info.machine.map((line) => `- ${line}`).join('\n')}
- Load average (1/5/15 min) before: ${load(info.loadBefore)}, after: ${load(info.loadAfter)}${sharedNote(info)}
- Server: \`${info.serverCommand}\` with ${info.serverEnv} (everything else at its default, so HASH_CONCURRENCY=${info.hashConcurrency})
- Driver: ${info.wrk}, \`${info.wrkSettings}\`, one Lua script per scenario (bench/lib/wrk.ts); ${info.warmUpS > 0 ? `a ${info.warmUpS} s warm-up, not reported, before each measured run` : 'no warm-up'}. wrk runs on the same machine and takes CPU from the server, as it does from the ceilings.
- Data: ${whole(info.users)} users seeded through the repository's createMany with one Argon2id hash; every request sends a scoped key (users:read users:write) issued through POST /api/keys.

## Ceilings

Each a separate process (\`node --import tsx bench/ceilings/ceiling.ts\`, production mode, logger off), driven with the getUser script and the same wrk settings.

${ceilingTable(ceilings)}

## Scenarios

Latencies are wrk's, of every request answered within the run (a max near the run's length: some request waited through most of it); ok/s counts 2xx and 3xx (a 304 is a success); errors are socket errors, timeouts and statuses other than 2xx/3xx and 503, which is counted on its own (shedding). The ratio is ok/s over the ceiling's rate. Peak RSS: VmRSS of the server sampled every 200 ms over the scenario, warm-up included.${sqlite ? '' : ' The targets are SQLite’s: on PostgreSQL the figures stand without a verdict.'}

${scenarioTable(scenarios)}

${again(scenarios)}Peak RSS over all scenarios: ${f(info.peakRssOverall / MiB, 0)} MiB; VmHWM at the end: ${f(info.vmHwm / MiB, 0)} MiB.
${profileSection(scenarios, profiled)}`
}

/** The summary bench/README.md keeps between its markers. */
export function readmeSummary(info: RunInfo, scenarios: ScenarioResult[], reportLink: string): string {
  const rows = scenarios.map(
    (s) =>
      `| ${s.name} | ${whole(s.wrk.okPerSecond)} | ${f(s.wrk.latencyMs.p99, 1)} | ${ratioText(s)} | ${s.misses === undefined ? 'no target' : s.misses.length === 0 ? 'met' : 'missed'} |`,
  )
  return `Latest run: ${info.date.toISOString().slice(0, 10)}, \`${info.command}\`, ${info.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, load average ${info.loadBefore[0]?.toFixed(2)} before (full report: [${reportLink}](${reportLink})).

| scenario | ok/s | p99 ms | ratio to ceiling | target |
|---|--:|--:|---|---|
${rows.join('\n')}`
}

/**
 * Replaces what is between the markers of `provider`'s section of `file` (which must have
 * them): the README keeps the latest run on each provider, so that a PostgreSQL run does
 * not take the place of the SQLite run that has the targets.
 */
export function rewriteMarkedSection(file: string, provider: RunInfo['provider'], content: string): void {
  const open = `<!-- bench:latest:${provider} -->`
  const close = `<!-- /bench:latest:${provider} -->`
  const text = readFileSync(file, 'utf8')
  const start = text.indexOf(open)
  const end = text.indexOf(close)
  if (start === -1 || end < start) throw new Error(`${file} has no ${open} … ${close} section`)
  writeFileSync(file, `${text.slice(0, start + open.length)}\n${content}\n${text.slice(end)}`)
}
