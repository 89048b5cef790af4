// The options of `npm run bench` (see bench/run.ts and bench/README.md) and its scenarios.
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { join, resolve } from 'node:path'
import type { Target } from './report.js'
import { projectRoot } from './server.js'
import type { ScriptName, WrkSettings } from './wrk.js'

const argv = process.argv.slice(2)
const USAGE =
  'npm run bench -- [--pg] [--smoke] [--profile] [--only NAME,…] [--duration S] [--connections N] [--threads N] [--users N] [--warmup S] [--out FILE] [--pg-url URL] [--keep]\n'

/** A mistake in the command line: said plainly, with the usage, before anything starts. */
function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`)
  process.exit(2)
}
const flag = (name: string) => argv.includes(`--${name}`)
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`)
  if (i === -1) return undefined
  const value = argv[i + 1]
  if (value === undefined || value.startsWith('--')) usageError(`--${name} needs a value`)
  return value
}
function number(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback)
  if (!Number.isFinite(value) || value <= 0) usageError(`--${name} must be a positive number`)
  return value
}
if (flag('help')) {
  process.stdout.write(USAGE)
  process.exit(0)
}
export const SMOKE = flag('smoke')
export const PG = flag('pg')
export const PROFILE = flag('profile')
// --keep: leave the run's temp directory (server log, scripts, profiles) in place
export const KEEP = flag('keep')
export const USERS = Math.floor(number('users', SMOKE ? 200 : 10_000))
export const WARMUP_S = Number(option('warmup') ?? (SMOKE ? 0 : 2))
if (!Number.isFinite(WARMUP_S) || WARMUP_S < 0) usageError('--warmup must be 0 or more seconds')
export const settings: WrkSettings = {
  threads: Math.floor(number('threads', 1)),
  connections: Math.floor(number('connections', 64)),
  durationS: number('duration', SMOKE ? 1 : 10),
  timeoutS: 10,
}
export const DURING_CONNECTIONS = 4
export const PG_ADMIN_URL = option('pg-url') ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
export const DATE = new Date()
export const RUN_ID = randomBytes(4).toString('hex')
export const OUT = option('out')
  ? resolve(option('out')!)
  : SMOKE
    ? join(os.tmpdir(), `bench-smoke-${RUN_ID}.md`)
    : join(projectRoot, 'bench/results', `${DATE.toISOString().slice(0, 10)}${PG ? '-pg' : ''}.md`)
export const COMMAND = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`

export interface Scenario {
  name: string
  script: ScriptName
  sends: string
  ceiling: 'a' | 'c'
  target: Target
}

// The targets are the issue's, for SQLite.
export const SCENARIOS: Scenario[] = [
  { name: 'getUser', script: 'getUser', sends: 'GET /api/users/{random seeded id}', ceiling: 'a', target: { ratio: 0.5, p99Ms: 20 } },
  { name: 'getUser 304', script: 'getUser304', sends: 'the same with If-None-Match: its ETag', ceiling: 'a', target: { ratio: 0.6 } },
  {
    name: 'listUsers',
    script: 'listUsers',
    sends: 'GET /api/users?limit=20, first page or one of 9 cursors',
    ceiling: 'a',
    target: { ratio: 0.3 },
  },
  {
    name: 'updateUser',
    script: 'updateUser',
    sends: 'PATCH /api/users/{id}, a merge patch of the name',
    ceiling: 'a',
    target: { ratio: 0.2 },
  },
  {
    name: 'createUser',
    script: 'createUser',
    sends: 'POST /api/users with a password, a unique email each',
    ceiling: 'c',
    target: { ratio: 0.9, duringP99Ms: 50 },
  },
  { name: 'mix', script: 'mix', sends: '90 % getUser, 9 % listUsers, 1 % updateUser', ceiling: 'a', target: { ratio: 0.4 } },
]

// --only getUser,mix: a subset of the scenarios (the ceilings all run: each is some scenario's)
const ONLY = option('only')
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean)
const unknown = (ONLY ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name))
if (unknown.length > 0) usageError(`--only: no scenario ${unknown.join(', ')} (there are ${SCENARIOS.map((s) => s.name).join(', ')})`)
export const SELECTED = ONLY ? SCENARIOS.filter((s) => ONLY.includes(s.name)) : SCENARIOS
