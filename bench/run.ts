/**
 * The benchmark of the service's main operations against ceilings measured in the same run.
 *
 *   npm run bench                      SQLite, 10 000 users, 10 s per scenario
 *   npm run bench -- --pg              PostgreSQL (a throwaway database, dropped at the end)
 *   npm run bench -- --smoke           200 users, 1 s per scenario, no warm-up (CI)
 *
 * Options: --duration S (10), --connections N (64), --threads N (1), --users N (10000),
 * --warmup S (2), --out FILE (default bench/results/<date>[-pg].md), --profile (CPU profiles
 * of the scenarios that miss their target), --only NAME,… (some of the scenarios), --keep (leave
 * the run's temp directory), --pg-url URL (the server that holds the throwaway database,
 * default postgresql://postgres@127.0.0.1:5432/postgres).
 *
 * 1. The built server (`npm run build` first when dist/ is stale) in a child process:
 *    NODE_ENV=production, logging at info into a file, the rate limiter on but never
 *    refusing, a fresh database; it migrates at start-up; ready once /readyz answers 200.
 * 2. N users written through the repository with one Argon2id hash (seconds, not N hashes),
 *    one read back through the API and checked against openapi.yaml, then a scoped key issued
 *    through POST /api/keys with the master key: every scenario sends that key.
 * 3. wrk, the same settings for every run, a warm-up before each: getUser, getUser 304,
 *    listUsers, updateUser, createUser (with getUser alongside, paced at ~100/s on 4 connections), mix.
 * 4. The ceilings, each its own process: (a) bare Fastify answering a constant user through
 *    the same response schema, (b) the same reading the row with a raw prepared statement,
 *    (c) this machine's raw Argon2id rate on all cores.
 * 5. The report: bench/results/<date>.md, and the summary in bench/README.md.
 *
 * It measures; it asserts nothing (beyond what makes the figures mean something: the seeded
 * users are served like created ones).
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { loadConfig } from '../src/config.js'
import { serviceArgon2 } from './lib/argon2.js'
import { cleanup, interruptedBy, onCleanup } from './lib/cleanup.js'
import {
  COMMAND,
  DATE,
  DURING_CONNECTIONS,
  KEEP,
  OUT,
  PG,
  PG_ADMIN_URL,
  PROFILE,
  RUN_ID,
  SELECTED,
  SMOKE,
  settings,
  USERS,
  WARMUP_S,
} from './lib/options.js'
import { scratchPostgres } from './lib/postgres.js'
import { nowUs, readProfile, topFrames } from './lib/profile.js'
import { Progress } from './lib/progress.js'
import {
  type CeilingResults,
  describeMachine,
  missesOf,
  renderReport,
  readmeSummary,
  rewriteMarkedSection,
  type RunInfo,
  type ScenarioResult,
  scenarioTable,
  ceilingTable,
} from './lib/report.js'
import { collectCursors, collectEtags, issueKey, seedUsers, verifySeededUser } from './lib/seed.js'
import {
  describeEnvironment,
  ensureBuilt,
  memoryOf,
  projectRoot,
  runArgon2Ceiling,
  SERVER_ENTRY,
  sampleRss,
  type Server,
  START_FLAGS,
  startCeiling,
  startServer,
} from './lib/server.js'
import { findWrk, runWrk, type ScenarioData, type ScriptName, type WrkResult, writeDataModule, writeScripts } from './lib/wrk.js'

// ─── the run ─────────────────────────────────────────────────────────────────────────────

const progress = new Progress()
const log = (line: string) => progress.log(line)

function formatMarkdown(files: string[]): void {
  const biome = join(projectRoot, 'node_modules/.bin/biome')
  if (!existsSync(biome)) return
  const result = spawnSync(biome, ['format', '--write', ...files.filter((file) => existsSync(file))], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
  if (result.status !== 0) progress.log(`biome format left the report as written: ${result.stderr.trim().split('\n')[0]}`)
}

function sqliteVersion(): string {
  const memory = new Database(':memory:')
  try {
    return `SQLite ${(memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v} (better-sqlite3)`
  } finally {
    memory.close()
  }
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadBefore = os.loadavg()

  const wrk = findWrk(log)
  const wrkVersion = spawnSync(wrk, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.split(' [')[0] ?? 'wrk'
  progress.set('build')
  ensureBuilt(log)

  const dir = mkdtempSync(join(os.tmpdir(), 'bench-run-'))
  let succeeded = false
  onCleanup(() => {
    if (succeeded && !KEEP) rmSync(dir, { recursive: true, force: true })
    else process.stderr.write(`[bench] the run's files (server log, scripts${PROFILE ? ', profiles' : ''}) are in ${dir}\n`)
  })
  const serverLog = join(dir, 'server.log')
  const masterKey = randomBytes(32).toString('base64url')

  const sqliteFile = join(dir, 'bench.db')
  const database = PG ? await scratchPostgres(PG_ADMIN_URL, `bench_${RUN_ID}`) : { url: `file:${sqliteFile}`, version: sqliteVersion() }

  async function start(nodeArgs: string[] = []): Promise<Server> {
    const server = await startServer({ databaseUrl: database.url, masterKey, logFile: serverLog, nodeArgs })
    onCleanup(() => server.stop())
    return server
  }

  progress.set('start the server')
  let server = await start()

  progress.set('seed', `${USERS} users`)
  const { hash } = await serviceArgon2()
  const ids = await seedUsers(database.url, USERS, hash, `bench-${RUN_ID}`)
  const key = await issueKey(server.baseUrl, masterKey)
  const sampleUser = await verifySeededUser(server.baseUrl, key, ids[0]!, { email: `bench-${RUN_ID}-0@example.com`, name: 'Bench User 0' })
  progress.set('seed', 'collect cursors and ETags')
  const data: ScenarioData = {
    key,
    ids,
    etags: await collectEtags(server.baseUrl, key, ids),
    cursors: await collectCursors(server.baseUrl, key, USERS),
  }
  const dataPath = join(dir, 'data.lua')
  writeDataModule(dataPath, data)
  const scripts = writeScripts(dir, dataPath)
  const prefix = `c${RUN_ID}`

  /** A warm-up (not reported), then the measured run. */
  async function drive(label: string, url: string, script: string, connections = settings.connections): Promise<WrkResult> {
    const these = { ...settings, connections }
    if (interruptedBy()) throw new Error(`stopped by ${interruptedBy()}`)
    if (WARMUP_S > 0) {
      progress.set('warm-up', label, WARMUP_S)
      await runWrk(wrk, url, script, { ...these, durationS: WARMUP_S }, prefix)
    }
    progress.set('measure', label, settings.durationS)
    return runWrk(wrk, url, script, these, prefix)
  }

  const results: Array<ScenarioResult & { script: ScriptName }> = []
  let peakRssOverall = 0
  // A smoke run checks that the harness works, not the figures: on a busy CI machine 1 s may
  // pass before the first answer of a storm, so a run that completed nothing goes again (the
  // report says so) rather than failing the check.
  const SMOKE_ATTEMPTS = 3
  for (const scenario of SELECTED) {
    const rss = sampleRss(server.pid)
    let measured: WrkResult
    let during: WrkResult | undefined
    let attempts = 0
    do {
      attempts++
      if (scenario.name === 'createUser') {
        // getUser latency while the creates take the cores: a second wrk, warm-up and all, alongside
        ;[measured, during] = await Promise.all([
          drive(scenario.name, server.baseUrl, scripts.createUser),
          drive(scenario.name, server.baseUrl, scripts.getUserPaced, DURING_CONNECTIONS),
        ])
      } else {
        measured = await drive(scenario.name, server.baseUrl, scripts[scenario.script])
      }
    } while (SMOKE && measured.requests === 0 && attempts < SMOKE_ATTEMPTS)
    if (attempts > 1) log(`${scenario.name}: nothing completed within ${settings.durationS} s, measured ${attempts} times`)
    const peakRss = rss.stop()
    peakRssOverall = Math.max(peakRssOverall, peakRss)
    results.push({ ...scenario, wrk: measured, peakRss, attempts, ...(during ? { during } : {}) })
  }
  const vmHwm = memoryOf(server.pid).hwm
  progress.set('stop the server')
  const exitCode = await server.stop()
  if (exitCode !== 0) log(`the server exited with ${exitCode} on SIGTERM`)

  // ─── ceilings ────────────────────────────────────────────────────────────────────────────

  async function httpCeiling(label: string, args: string[]): Promise<WrkResult> {
    progress.set('ceiling', label)
    const ceiling = await startCeiling(args, join(dir, 'ceilings.log'))
    onCleanup(() => ceiling.stop())
    try {
      return await drive(`ceiling ${label}`, ceiling.baseUrl, scripts.getUser)
    } finally {
      await ceiling.stop()
    }
  }

  const ceilings: CeilingResults = {
    a: await httpCeiling('(a) constant', ['constant', JSON.stringify(sampleUser)]),
    ...(PG
      ? {
          b: await httpCeiling('(b) raw pg', ['pg', database.url]),
          bLabel: 'the same route, the row read with raw `pg` (a pool of 10, a named prepared statement)',
        }
      : {
          // the server has stopped: the file is read as it left it, read-only
          b: await httpCeiling('(b) raw better-sqlite3', ['sqlite', sqliteFile]),
          bLabel: 'the same route, the row read with a raw better-sqlite3 prepared statement from the seeded file (read-only)',
        }),
    c: await (async () => {
      progress.set('ceiling', '(c) Argon2id', WARMUP_S + settings.durationS)
      return runArgon2Ceiling(settings.durationS, WARMUP_S)
    })(),
  }

  for (const s of results) {
    s.ratio = s.wrk.okPerSecond / (s.ceiling === 'c' ? ceilings.c.perSecond : ceilings.a.okPerSecond)
    if (s.name === 'getUser' && ceilings.b) s.ratioB = s.wrk.okPerSecond / ceilings.b.okPerSecond
    // the targets are SQLite's; on PostgreSQL the figures stand without a verdict
    if (!PG) s.misses = missesOf(s)
  }

  // ─── profiles of the missed targets ──────────────────────────────────────────────────────

  if (PROFILE) {
    for (const s of results.filter((r) => r.misses && r.misses.length > 0)) {
      const profileDir = join(dir, `profile-${s.script}`)
      mkdirSync(profileDir)
      progress.set('profile', s.name)
      server = await start(['--cpu-prof', '--cpu-prof-dir', profileDir])
      if (s.script === 'getUser304') {
        // updates since the first collection changed some versions
        data.etags = await collectEtags(server.baseUrl, key, ids)
        writeDataModule(dataPath, data)
      }
      progress.set('profile', s.name, settings.durationS)
      const fromUs = nowUs()
      await runWrk(wrk, server.baseUrl, scripts[s.script], settings, prefix)
      const toUs = nowUs()
      const code = await server.stop()
      if (code !== 0) throw new Error(`the profiled server exited ${code} on SIGTERM, so its profile may be missing`)
      s.profile = topFrames(readProfile(profileDir), projectRoot, 15, { fromUs, toUs })
    }
  }

  // ─── report ──────────────────────────────────────────────────────────────────────────────

  progress.done()
  const info: RunInfo = {
    command: COMMAND,
    date: DATE,
    provider: PG ? 'postgresql' : 'sqlite',
    databaseVersion: database.version,
    machine: describeMachine(),
    loadBefore,
    loadAfter: os.loadavg(),
    wrk: wrkVersion,
    wrkSettings: `wrk --threads ${settings.threads} --connections ${settings.connections} --duration ${settings.durationS}s --timeout ${settings.timeoutS}s --latency --script <scenario>.lua`,
    warmUpS: WARMUP_S,
    users: USERS,
    serverCommand: `node ${[...START_FLAGS, SERVER_ENTRY].join(' ')}`,
    serverEnv: describeEnvironment(server.env),
    hashConcurrency: loadConfig(server.env).hashing.concurrency,
    peakRssOverall,
    vmHwm,
    durationS: (performance.now() - started) / 1000,
  }
  const report = renderReport(info, ceilings, results, PROFILE)
  mkdirSync(dirname(OUT), { recursive: true })
  writeFileSync(OUT, report)
  const insideProject = !relative(projectRoot, OUT).startsWith('..')
  const readme = join(projectRoot, 'bench/README.md')
  if (!SMOKE && insideProject && existsSync(readme)) {
    rewriteMarkedSection(readme, info.provider, readmeSummary(info, results, relative(join(projectRoot, 'bench'), OUT)))
  }
  // Biome formats Markdown too (padded tables): files written into the tree leave it as lint wants it
  if (insideProject) formatMarkdown([OUT, ...(SMOKE ? [] : [readme])])
  process.stdout.write(`\n${ceilingTable(ceilings)}\n\n${scenarioTable(results)}\n\nreport: ${OUT}\n`)
  succeeded = true
}

main().then(
  () => cleanup(),
  async (error: unknown) => {
    progress.done()
    // after Ctrl-C the children are gone and what ran fails: the cleanup is already under way
    if (interruptedBy()) return
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    await cleanup()
    process.exit(1)
  },
)
