/**
 * Keyset pagination benchmark: does a page deep in a 100 000-user table cost about the same
 * as the first one?
 *
 *   npm run bench:pagination                 SQLite only
 *   npm run bench:pagination -- --postgres   SQLite, then PostgreSQL at 127.0.0.1:5432
 *
 * Options: --users N (default 100000), --repeats N (timed requests per page, default 200),
 * --postgres-url URL (default postgresql://root@127.0.0.1:5432/postgres; a scratch database
 * is created next to it and dropped afterwards).
 *
 * What it does, per database:
 *  1. a fresh database, the committed migrations applied with migrate(), opened with
 *     createDb(); one user created through the repository to read back how Prisma stores a
 *     DateTime, then N users inserted directly (no Argon2: one fixed hash for every row),
 *     with metadata written as the product writes it: the JSON text in User.metadata and one
 *     UserMetadata row per entry (generateMetadata: a common `plan`, a `region`, a rare
 *     `cohort=beta`, some users with none);
 *  2. the real app (buildApp) listening on 127.0.0.1:0, driven over HTTP with fetch
 *     (keep-alive): each case is walked once at limit=100 (limit=20 for a case with few
 *     rows) following nextCursor (throughput, and the cursors at the wanted depths, honestly
 *     obtained) and checked against the order raw SQL gives (for a metadata filter: on the
 *     JSON column, the same list as through UserMetadata), then the first page and the
 *     pages at depth ~1 000, ~N/2 and ~N-20 are requested at limit=20, timed; metadata
 *     filters are sent as the spec's deepObject, `metadata[plan]=pro`;
 *  3. the SQL Prisma sends for those pages, captured from Prisma's query log, timed on the
 *     raw driver and explained (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE); for comparison, the
 *     same later pages with the keyset condition in the plain OR form the product used
 *     before, `k > v OR (k = v AND id > i)`, instead of the product's
 *     `k >= v AND (k > v OR id > i)`, captured, checked, timed and explained the same way;
 *  4. a Markdown report, printed and written to bench/results/pagination.md.
 *
 * It measures; it asserts only what makes the figures meaningful (every walk returns each
 * row exactly once in the database's own order, every timed page is the expected page, the
 * plain OR form returns the same page as the product's form).
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { V7Generator } from 'uuidv7'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { postgresAdapterFactory, sqliteAdapterFactory } from '../src/db/adapters.js'
import { createDb, migrate, PrismaClient, type Db, type Provider } from '../src/db/index.js'
import type { Position } from '../src/http/cursor.js'
import { normalizeEmail, normalizeName } from '../src/users/email.js'
import { type Metadata, metadataEntries, storedMetadata } from '../src/users/metadata.js'
import { createUsersRepository, type ListFilters, RARE_VALUE_HOLDERS, type Sort } from '../src/users/repository.js'

// ─── settings ────────────────────────────────────────────────────────────────────────────

const argv = process.argv.slice(2)
function option(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`)
  if (i === -1) return fallback
  const value = argv[i + 1]
  if (value === undefined) throw new Error(`--${name} needs a value`)
  return value
}
const USERS = Number(option('users', '100000'))
const REPEATS = Number(option('repeats', '200'))
const WITH_POSTGRES = argv.includes('--postgres')
const POSTGRES_URL = option('postgres-url', 'postgresql://root@127.0.0.1:5432/postgres')
if (!Number.isInteger(USERS) || USERS < 2_000) throw new Error('--users must be an integer ≥ 2000')
if (!Number.isInteger(REPEATS) || REPEATS < 10) throw new Error('--repeats must be an integer ≥ 10')

const WARMUP = 20 // untimed requests before each timed series
const PAGE_LIMIT = 20 // the page size of the timed requests (the API default)
const WALK_LIMIT = 100 // the page size of the walks (the API maximum)
const SQL_WARMUP = 5
const SQL_REPEATS = 50
const PLACEHOLDER_PASSWORD = 'bench placeholder password'
// the app requires an API key; the master key is checked in memory (no database lookup)
const MASTER_KEY = randomBytes(32).toString('base64url')
const AUTH = { authorization: `Bearer ${MASTER_KEY}` }

const LOAD_AT_START = os.loadavg()
const here = dirname(fileURLToPath(import.meta.url))
const RESULTS_FILE = join(here, 'results', 'pagination.md')

interface Case {
  label: string
  sort: Sort
  filters: ListFilters
}
const CASES: Case[] = [
  { label: 'sort=createdAt', sort: 'createdAt', filters: {} },
  { label: 'sort=-name', sort: '-name', filters: {} },
  { label: 'status=active&sort=createdAt', sort: 'createdAt', filters: { status: 'active' } },
  // metadata filters: a common value, a rare one, two keys, and one with status and another sort
  { label: 'metadata[plan]=pro', sort: 'createdAt', filters: { metadata: { plan: 'pro' } } },
  { label: 'metadata[cohort]=beta', sort: 'createdAt', filters: { metadata: { cohort: 'beta' } } },
  {
    label: 'metadata[plan]=enterprise&metadata[region]=eu',
    sort: 'createdAt',
    filters: { metadata: { plan: 'enterprise', region: 'eu' } },
  },
  {
    label: 'metadata[plan]=pro&status=disabled&sort=-name',
    sort: '-name',
    filters: { metadata: { plan: 'pro' }, status: 'disabled' },
  },
]
const isMetadataCase = (c: Case) => c.filters.metadata !== undefined

/** The page size of a case's walk: the API maximum, or the timed page size for a short list (so it has depths to time). */
function walkLimitFor(total: number): number {
  return total >= 50 * WALK_LIMIT ? WALK_LIMIT : PAGE_LIMIT
}

/** The depths (rows skipped before the page) to time, for a list of `total` rows walked `step` at a time. */
function depthsFor(total: number, step: number): number[] {
  const round = (n: number) => Math.floor(n / step) * step
  // the last depth still leaves a full page of PAGE_LIMIT rows
  const depths = [0, 1_000, round(total / 2), round(total - PAGE_LIMIT)].filter((d) => d <= total - PAGE_LIMIT)
  return [...new Set(depths)].sort((a, b) => a - b)
}

// ─── small helpers ───────────────────────────────────────────────────────────────────────

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`)
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2))
const int = (n: number) => n.toLocaleString('en-US').replaceAll(',', ' ')

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((s, x) => s + x, 0) / samples.length, n: samples.length }
}
type Stats = ReturnType<typeof stats>

/** Deterministic PRNG (mulberry32), so every run seeds the same table. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The list request as a client sends it; `metadata` as a deepObject, `metadata[plan]=pro`. */
function queryString(c: Case, limit: number, cursor?: string): string {
  const { metadata, ...plain } = c.filters
  const params = new URLSearchParams({ sort: c.sort, ...(plain as Record<string, string>), limit: String(limit) })
  if (cursor) params.set('cursor', cursor)
  // URLSearchParams would percent-encode the brackets; they are written as the spec shows them
  const deep = Object.entries(metadata ?? {}).map(([key, value]) => `metadata[${encodeURIComponent(key)}]=${encodeURIComponent(value)}`)
  return `/api/users?${[params.toString(), ...deep].join('&')}`
}

// ─── the seed ────────────────────────────────────────────────────────────────────────────

const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Hedy',
  'John',
  'Katherine',
  'Donald',
  'Sophie',
  'Guido',
  'Anita',
  'Bjarne',
  'Mary',
  'James',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'William',
  'Elizabeth',
  'David',
  'Susan',
  'Richard',
  'Jessica',
  'Joseph',
  'Sarah',
  'Thomas',
  'Karen',
  'Charles',
  'Nancy',
  'Daniel',
  'Lisa',
  'Matthew',
  'Betty',
  'Anthony',
  'Sandra',
  'Mark',
  'Ashley',
  'Paul',
  'Emily',
  'Steven',
  'María',
  'José',
  'Zoë',
  'Chloé',
  'Søren',
  'Aoife',
  'Björn',
  'Łukasz',
  'Inès',
  'Renée',
  'Hiroshi',
  'Yuki',
  'Wei',
  'Mei',
  'Arjun',
  'Priya',
  'Olusegun',
  'Amara',
  'Mateo',
  'Valentina',
]
const LAST_NAMES = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Berners-Lee',
  'Lamarr',
  'Backus',
  'Johnson',
  'Knuth',
  'Wilson',
  'van Rossum',
  'Borg',
  'Stroustrup',
  'Smith',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Müller',
  'Schröder',
  'Dubois',
  'Lefèvre',
  'Østergaard',
  "O'Brien",
  'Kowalski',
  'Nakamura',
  'Sato',
  'Zhang',
  'Chen',
  'Patel',
  'Okafor',
  'Silva',
  'Rossi',
  'Novák',
  'Ivanova',
  'Andersson',
  'Nguyen',
  'Kim',
]
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'corp.example']

interface SeedUser {
  id: string
  email: string
  name: string
  status: 'active' | 'disabled'
  createdAtMs: number
  metadata: Metadata
}

/**
 * `count` users with realistic names (many share a name, so the id breaks ties), unique
 * emails, 85% active, createdAt increasing over about a year with ~5% created in the same
 * millisecond as the previous user, UUIDv7 ids carrying that creation time, and metadata
 * (generateMetadata).
 */
function generateUsers(count: number): SeedUser[] {
  const random = prng(0x5eed)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!
  const ascii = (s: string) =>
    s
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
      .replace(/ø/g, 'o')
      .replace(/Ø/g, 'O')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z]/g, '')
  const ids = new V7Generator()
  const users: SeedUser[] = []
  let t = Date.UTC(2025, 0, 1)
  for (let i = 0; i < count; i++) {
    t += random() < 0.05 ? 0 : 1 + Math.floor(random() * 630_000)
    const first = pick(FIRST_NAMES)
    const last = pick(LAST_NAMES)
    const id = ids.generateOrAbortWithTs(t)
    if (!id) throw new Error('uuidv7 generator refused a timestamp')
    users.push({
      id: id.toString(),
      email: normalizeEmail(`${ascii(first)}.${ascii(last)}.${i + 1}@${pick(DOMAINS)}`),
      name: normalizeName(`${first} ${last}`),
      status: random() < 0.85 ? 'active' : 'disabled',
      createdAtMs: t,
      metadata: {},
    })
  }
  // drawn from a stream of its own, so that the users above are the same as without metadata
  const draw = prng(0x3e7a)
  for (const user of users) user.metadata = generateMetadata(draw)
  return users
}

/** Picks a value by weight: `[[value, weight], …]`, weights summing to 1. */
function weighted(random: () => number, choices: Array<[string, number]>): string {
  let r = random()
  for (const [value, weight] of choices) {
    r -= weight
    if (r < 0) return value
  }
  return choices.at(-1)![0]
}

/**
 * Metadata as a CRM sync would write it: 5% of users have none; the others have a `plan`
 * (free 70%, pro 25%, enterprise 5%), most a `region` (90%: 5 regions, eu and us the
 * largest), many a signup `source` (60%), some an `account` with ~10 000 distinct values
 * (30%), and a rare `cohort=beta` (0.1%).
 */
function generateMetadata(random: () => number): Metadata {
  if (random() < 0.05) return {}
  const metadata: Metadata = {
    plan: weighted(random, [
      ['free', 0.7],
      ['pro', 0.25],
      ['enterprise', 0.05],
    ]),
  }
  if (random() < 0.9) {
    metadata.region = weighted(random, [
      ['eu', 0.35],
      ['us', 0.3],
      ['apac', 0.2],
      ['latam', 0.1],
      ['mea', 0.05],
    ])
  }
  if (random() < 0.6) {
    metadata.source = weighted(random, [
      ['web', 0.55],
      ['ios', 0.2],
      ['android', 0.2],
      ['partner', 0.05],
    ])
  }
  if (random() < 0.3) metadata.account = `acct-${String(Math.floor(random() * 10_000)).padStart(5, '0')}`
  if (random() < 0.001) metadata.cohort = 'beta'
  return metadata
}

// ─── databases ───────────────────────────────────────────────────────────────────────────

interface CapturedQuery {
  sql: string
  /** the values the driver binds, converted from Prisma's logged params as the adapter does */
  params: unknown[]
}

interface Backend {
  provider: Provider
  title: string
  version: string
  databaseUrl: string
  /** how the seed writes a DateTime */
  toStored(ms: number): string
  /** a row's createdAt as the database holds it, read on the raw driver */
  rawCreatedAt(id: string): Promise<{ type: string; text: string }>
  /** inserts the users; returns the elapsed ms */
  seed(users: SeedUser[], passwordHash: string): Promise<number>
  /** runs SQL directly on the driver and returns its rows */
  rows(sql: string): Promise<Record<string, unknown>[]>
  /** runs SQL directly on the driver and returns the ids of the rows */
  ids(sql: string, params: unknown[]): Promise<string[]>
  /** time of one execution of the SQL on the driver, in ms */
  time(sql: string, params: unknown[]): Promise<number>
  explain(sql: string, params: unknown[]): Promise<string>
  /** SQL for the text value of `key` in the JSON object held by `column` (NULL when absent) */
  jsonText(column: string, key: string): string
  /** converts params as logged by Prisma (dates as ISO strings) to what the adapter binds */
  bindable(params: unknown[]): unknown[]
  /** a Prisma client on the same database that emits its queries */
  loggingClient(onQuery: (sql: string, params: string) => void): Promise<PrismaClient>
  cleanup(): Promise<void>
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

async function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-pagination-'))
  const path = join(dir, 'users.db')
  const databaseUrl = `file:${path}`
  let connection: Database.Database | undefined
  // opened after the migrations have created the file
  const raw = () => (connection ??= new Database(path))
  // @prisma/adapter-better-sqlite3 binds a DateTime as ISO 8601 with "+00:00" for "Z"
  const toStored = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
  const backend: Backend = {
    provider: 'sqlite',
    title: 'SQLite',
    version: '',
    databaseUrl,
    toStored,
    async rawCreatedAt(id) {
      const row = raw().prepare('SELECT typeof("createdAt") AS type, "createdAt" AS text FROM "User" WHERE "id" = ?').get(id) as {
        type: string
        text: string
      }
      return row
    },
    async seed(users, passwordHash) {
      raw().pragma('synchronous = NORMAL')
      const started = performance.now()
      const insert = raw().prepare(
        'INSERT INTO "User" ("id", "email", "name", "status", "passwordHash", "version", "createdAt", "updatedAt", "metadata") VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)',
      )
      const insertEntry = raw().prepare('INSERT INTO "UserMetadata" ("userId", "key", "value") VALUES (?, ?, ?)')
      raw().transaction(() => {
        for (const u of users) {
          const at = toStored(u.createdAtMs)
          insert.run(u.id, u.email, u.name, u.status, passwordHash, at, at, storedMetadata(u.metadata))
          for (const { key, value } of metadataEntries(u.metadata)) insertEntry.run(u.id, key, value)
        }
      })()
      raw().pragma('wal_checkpoint(TRUNCATE)')
      const elapsed = performance.now() - started
      backend.version = `SQLite ${(raw().prepare('SELECT sqlite_version() AS v').get() as { v: string }).v} (better-sqlite3)`
      return elapsed
    },
    async rows(sql) {
      return raw().prepare(sql).all() as Record<string, unknown>[]
    },
    async ids(sql, params) {
      return (
        raw()
          .prepare(sql)
          .all(...params) as { id: string }[]
      ).map((r) => r.id)
    },
    async time(sql, params) {
      const statement = raw().prepare(sql)
      const started = performance.now()
      statement.all(...params)
      return performance.now() - started
    },
    jsonText(column, key) {
      return `json_extract(${column}, ${literal(`$."${key}"`)})`
    },
    async explain(sql, params) {
      const rows = raw()
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params) as { id: number; parent: number; detail: string }[]
      const depth = new Map<number, number>([[0, -1]])
      return rows
        .map((r) => {
          const d = (depth.get(r.parent) ?? -1) + 1
          depth.set(r.id, d)
          return `${'  '.repeat(d)}${r.detail}`
        })
        .join('\n')
    },
    bindable(params) {
      // LIMIT and OFFSET come last and are logged as strings
      return params.map((p, i) =>
        i >= params.length - 2 ? Number(p) : typeof p === 'string' && ISO_UTC.test(p) ? toStored(Date.parse(p)) : p,
      )
    },
    async loggingClient(onQuery) {
      const client = new PrismaClient({ adapter: sqliteAdapterFactory(path), log: [{ emit: 'event', level: 'query' }] })
      client.$on('query', (e) => onQuery(e.query, e.params))
      return client as unknown as PrismaClient
    },
    async cleanup() {
      connection?.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return backend
}

async function postgresBackend(adminUrl: string): Promise<Backend> {
  const name = `bench_pagination_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const {
    rows: [info],
  } = await client.query<{ v: string; collation: string }>(
    "SELECT current_setting('server_version') AS v, datcollate AS collation FROM pg_database WHERE datname = current_database()",
  )
  const version = `PostgreSQL ${info!.v} (collation ${info!.collation})`
  // @prisma/adapter-pg binds a DateTime as "YYYY-MM-DD HH:MM:SS.mmm" in UTC (timestamp(3), no zone)
  const toStored = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
  return {
    provider: 'postgresql',
    title: 'PostgreSQL',
    version,
    databaseUrl,
    toStored,
    async rawCreatedAt(id) {
      const { rows } = await client.query<{ type: string; text: string }>(
        `SELECT pg_typeof("createdAt")::text AS type, to_char("createdAt", 'YYYY-MM-DD HH24:MI:SS.MS') AS text FROM "User" WHERE "id" = $1`,
        [id],
      )
      return rows[0]!
    },
    async seed(users, passwordHash) {
      const started = performance.now()
      const BATCH = 10_000
      for (let i = 0; i < users.length; i += BATCH) {
        const batch = users.slice(i, i + BATCH)
        const at = batch.map((u) => toStored(u.createdAtMs))
        await client.query(
          `INSERT INTO "User" ("id", "email", "name", "status", "passwordHash", "version", "createdAt", "updatedAt", "metadata")
           SELECT id, email, name, status, $5, 1, at, at, metadata
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::timestamp(3)[], $7::text[]) AS u(id, email, name, status, at, metadata)`,
          [
            batch.map((u) => u.id),
            batch.map((u) => u.email),
            batch.map((u) => u.name),
            batch.map((u) => u.status),
            passwordHash,
            at,
            batch.map((u) => storedMetadata(u.metadata)),
          ],
        )
        const entries = batch.flatMap((u) => metadataEntries(u.metadata).map((e) => [u.id, e.key, e.value] as const))
        await client.query(
          `INSERT INTO "UserMetadata" ("userId", "key", "value") SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
          [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])],
        )
      }
      // autovacuum would analyze the tables shortly after such a load; do it now so the plans
      // do not depend on when it happens to run
      await client.query('ANALYZE "User", "UserMetadata"')
      return performance.now() - started
    },
    async rows(sql) {
      return (await client.query(sql)).rows
    },
    async ids(sql, params) {
      return (await client.query<{ id: string }>(sql, params)).rows.map((r) => r.id)
    },
    async time(sql, params) {
      const started = performance.now()
      await client.query(sql, params)
      return performance.now() - started
    },
    jsonText(column, key) {
      return `(${column}::jsonb ->> ${literal(key)})`
    },
    async explain(sql, params) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    },
    bindable(params) {
      return params.map((p) => (typeof p === 'string' && ISO_UTC.test(p) ? toStored(Date.parse(p)) : p))
    },
    async loggingClient(onQuery) {
      // the generated PostgreSQL client is loaded on demand, as src/db does
      const { PrismaClient: PgPrismaClient } = await import('../generated/prisma/postgresql/client.js')
      const prisma = new PgPrismaClient({ adapter: postgresAdapterFactory(databaseUrl), log: [{ emit: 'event', level: 'query' }] })
      prisma.$on('query', (e) => onQuery(e.query, e.params))
      return prisma as unknown as PrismaClient
    },
    async cleanup() {
      await client.end().catch(() => {})
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

// ─── the run, per database ───────────────────────────────────────────────────────────────

interface Row {
  id: string
  name: string
  status: string
  createdAt: string
  metadata: Record<string, string>
}

interface Walk {
  case: Case
  limit: number
  rows: number
  distinct: number
  pages: number
  ms: number
  matchesOrderBy: boolean
  /** cursor and position after `depth` rows, and the id of the row at index `depth` */
  at: Map<number, { cursor: string | undefined; position: Position | undefined; firstId: string }>
}

interface Explained {
  sql: string
  params: unknown[]
  plan: string
  time: Stats
}

interface Measured {
  case: Case
  depth: number
  http: Stats
  /** the query the repository sends for this page */
  product: Explained
  /** the same page with the plain OR keyset condition the product used before (comparison only) */
  plainOr: Explained | undefined
}

interface BackendReport {
  backend: Backend
  storedDateTime: string
  seedMs: number
  total: number
  walks: Walk[]
  measured: Measured[]
  /** what the seed wrote into UserMetadata, counted on the raw driver */
  seeded: SeededMetadata
  elapsedMs: number
}

interface SeededMetadata {
  entries: number
  withoutMetadata: number
  /** users per key, and per value for the keys with few values */
  keys: Array<{ key: string; users: number; values: Array<{ value: string; users: number }> }>
}

/** Counts the seeded metadata from the entry table (and users without any from the JSON column). */
async function seededMetadata(backend: Backend): Promise<SeededMetadata> {
  const count = async (sql: string) => Number((await backend.rows(sql))[0]!.n)
  const entries = await count('SELECT count(*) AS n FROM "UserMetadata"')
  const withoutMetadata = await count(`SELECT count(*) AS n FROM "User" WHERE "metadata" = '{}'`)
  const pairs = await backend.rows(
    'SELECT "key", "value", count(*) AS n FROM "UserMetadata" GROUP BY "key", "value" ORDER BY "key", count(*) DESC',
  )
  const keys: SeededMetadata['keys'] = []
  for (const { key, value, n } of pairs as Array<{ key: string; value: string; n: unknown }>) {
    let entry = keys.find((k) => k.key === key)
    if (!entry) {
      entry = { key, users: 0, values: [] }
      keys.push(entry)
    }
    entry.users += Number(n)
    entry.values.push({ value, users: Number(n) })
  }
  return { entries, withoutMetadata, keys }
}

async function runOn(backend: Backend, users: SeedUser[]): Promise<BackendReport> {
  const started = performance.now()
  log(`${backend.title}: migrating ${backend.provider === 'sqlite' ? backend.databaseUrl : 'a scratch database'}`)
  await migrate(backend.databaseUrl)
  const db: Db = await createDb(backend.databaseUrl)
  let app: FastifyInstance | undefined
  let logging: PrismaClient | undefined
  try {
    // One user through the repository, to see how Prisma stores a DateTime and to get a real
    // Argon2id hash to use as every seeded user's placeholder.
    const probe = await createUsersRepository(db).create({ email: 'probe@bench.example', name: 'Probe', password: PLACEHOLDER_PASSWORD })
    const storedDateTime = await checkStoredDateTime(backend, probe.id, probe.createdAt)
    await db.prisma.user.delete({ where: { id: probe.id } })

    log(`${backend.title}: seeding ${int(users.length)} users`)
    const seedMs = await backend.seed(users, probe.passwordHash)
    log(`${backend.title}: seeded in ${(seedMs / 1000).toFixed(1)} s`)

    // the rate limiter stays on (its per-request cost is part of the figures) with a limit
    // this run cannot reach
    const config = {
      ...loadConfig({ RATE_LIMIT_MAX: String(1_000_000_000) }),
      databaseUrl: backend.databaseUrl,
      logLevel: 'silent' as const,
      masterKey: MASTER_KEY,
    }
    app = await buildApp({ config, db, logger: false })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

    const captured: { sql: string; params: string }[] = []
    const onQuery = (sql: string, params: string) => captured.push({ sql, params })
    logging = await backend.loggingClient(onQuery)
    const loggingDb: Db = {
      prisma: logging,
      provider: backend.provider,
      select: db.select,
      cachedSelect: db.cachedSelect,
      transaction: db.transaction,
      ping: async () => {},
      close: () => logging!.$disconnect(),
    }
    const capture = async (run: () => Promise<{ id: string }[]>): Promise<CapturedQuery & { ids: string[] }> => {
      captured.length = 0
      const rows = await run()
      const query = captured.find((q) => q.sql.includes('"User"') || q.sql.includes('`User`'))
      if (!query) throw new Error(`Prisma logged no query on User (${captured.length} queries)`)
      return { sql: query.sql, params: backend.bindable(JSON.parse(query.params) as unknown[]), ids: rows.map((r) => r.id) }
    }

    const walks: Walk[] = []
    const measured: Measured[] = []
    for (const c of CASES) {
      const expected = await expectedOrder(backend, c)
      const walkLimit = walkLimitFor(expected.length)
      const depths = depthsFor(expected.length, walkLimit)
      log(`${backend.title}: ${c.label}: walking ${int(expected.length)} rows at limit=${walkLimit}`)
      const walk = await walkAll(base, c, walkLimit, depths, expected)
      walks.push(walk)
      log(`${backend.title}: ${c.label}: walk ${(walk.ms / 1000).toFixed(1)} s, ${int(Math.round(walk.rows / (walk.ms / 1000)))} rows/s`)

      const repo = createUsersRepository(loggingDb)
      for (const depth of depths) {
        const point = walk.at.get(depth)!
        const http = await timeHttp(base, queryString(c, PAGE_LIMIT, point.cursor), point.firstId)

        // the SQL the repository sends for this very page, then the plain OR form (before)
        const product = await capture(
          async () =>
            (await repo.list({ limit: PAGE_LIMIT, sort: c.sort, filters: c.filters, ...(point.position ? { after: point.position } : {}) }))
              .rows,
        )
        await sameRows(backend, product, `${c.label} at depth ${depth}`)
        const explained = async (q: CapturedQuery): Promise<Explained> => ({
          sql: q.sql,
          params: q.params,
          time: await timeSql(backend, q),
          plan: await backend.explain(q.sql, q.params),
        })
        let plainOr: Explained | undefined
        if (point.position) {
          const query = await capture(() => plainOrList(logging!, c, point.position!, PAGE_LIMIT + 1))
          if (query.ids.slice(0, PAGE_LIMIT).join() !== product.ids.slice(0, PAGE_LIMIT).join()) {
            throw new Error(`the plain OR form returned another page for ${c.label} at depth ${depth}`)
          }
          await sameRows(backend, query, `the plain OR form, ${c.label} at depth ${depth}`)
          plainOr = await explained(query)
        }
        const m: Measured = { case: c, depth, http, product: await explained(product), plainOr }
        measured.push(m)
        log(
          `${backend.title}: ${c.label} depth ${int(depth)}: HTTP median ${fmt(http.median)} ms, SQL ${fmt(m.product.time.median)} ms` +
            `${plainOr ? `, plain OR form SQL ${fmt(plainOr.time.median)} ms` : ''} [${summarize(backend.provider, m.product.plan)}]`,
        )
      }
    }
    const seeded = await seededMetadata(backend)
    return { backend, storedDateTime, seedMs, total: users.length, walks, measured, seeded, elapsedMs: performance.now() - started }
  } finally {
    await app?.close()
    await logging?.$disconnect()
    await db.close()
  }
}

/** Matches the seed's DateTime format to what Prisma wrote for a user, or stops the run. */
async function checkStoredDateTime(backend: Backend, id: string, createdAt: Date): Promise<string> {
  const stored = await backend.rawCreatedAt(id)
  const seeded = backend.toStored(createdAt.getTime())
  if (stored.text !== seeded) {
    throw new Error(
      `Prisma stored createdAt as ${stored.type} ${JSON.stringify(stored.text)}, the seed would write ${JSON.stringify(seeded)}`,
    )
  }
  return `${stored.type} '${stored.text}'`
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * The ids of the case's rows in the database's own full ORDER BY: what a walk must return.
 * A metadata filter is applied to the JSON column (`User.metadata`); the same list through
 * the entry table (`UserMetadata`) must be identical, or the seed is inconsistent.
 */
async function expectedOrder(backend: Backend, c: Case): Promise<string[]> {
  const field = c.sort.replace(/^-/, '')
  const direction = c.sort.startsWith('-') ? 'DESC' : 'ASC'
  const order = `ORDER BY "${field}" ${direction}, "id" ${direction}`
  const common = c.filters.status ? [`"status" = ${literal(c.filters.status)}`] : []
  const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '')
  const metadata = Object.entries(c.filters.metadata ?? {})
  const fromJson = metadata.map(([key, value]) => `${backend.jsonText('"metadata"', key)} = ${literal(value)}`)
  const ids = await backend.ids(`SELECT "id" FROM "User" ${where([...common, ...fromJson])} ${order}`, [])
  if (metadata.length > 0) {
    const fromEntries = metadata.map(
      ([key, value]) =>
        `EXISTS (SELECT 1 FROM "UserMetadata" AS m WHERE m."userId" = "User"."id" AND m."key" = ${literal(key)} AND m."value" = ${literal(value)})`,
    )
    const viaEntries = await backend.ids(`SELECT "id" FROM "User" ${where([...common, ...fromEntries])} ${order}`, [])
    if (viaEntries.join() !== ids.join()) {
      throw new Error(`${c.label}: ${ids.length} users by User.metadata, ${viaEntries.length} by UserMetadata (not the same list)`)
    }
  }
  return ids
}

async function walkAll(base: string, c: Case, limit: number, depths: number[], expected: string[]): Promise<Walk> {
  const seen = new Set<string>()
  const order: string[] = []
  const at: Walk['at'] = new Map()
  const field = c.sort.replace(/^-/, '') as 'createdAt' | 'name'
  at.set(0, { cursor: undefined, position: undefined, firstId: expected[0]! })
  let cursor: string | undefined
  let last: Row | undefined
  let pages = 0
  const started = performance.now()
  do {
    const response = await fetch(base + queryString(c, limit, cursor), { headers: AUTH })
    if (response.status !== 200) throw new Error(`GET ${queryString(c, limit, cursor)} → ${response.status}: ${await response.text()}`)
    const page = (await response.json()) as { data: Row[]; nextCursor: string | null }
    pages++
    for (const row of page.data) {
      for (const [key, value] of Object.entries(c.filters.metadata ?? {})) {
        if (row.metadata[key] !== value)
          throw new Error(`the ${c.label} walk returned ${row.id} with metadata ${JSON.stringify(row.metadata)}`)
      }
      seen.add(row.id)
      order.push(row.id)
      last = row
    }
    cursor = page.nextCursor ?? undefined
    if (cursor && last && depths.includes(order.length)) {
      at.set(order.length, { cursor, position: { value: last[field], id: last.id }, firstId: expected[order.length]! })
    }
  } while (cursor)
  const ms = performance.now() - started
  const matchesOrderBy = order.length === expected.length && order.every((id, i) => id === expected[i])
  if (!matchesOrderBy || seen.size !== expected.length) {
    throw new Error(`the ${c.label} walk returned ${order.length} rows (${seen.size} distinct), not the ${expected.length} of ORDER BY`)
  }
  for (const d of depths) if (!at.has(d)) throw new Error(`the ${c.label} walk found no cursor at depth ${d}`)
  return { case: c, limit, rows: order.length, distinct: seen.size, pages, ms, matchesOrderBy, at }
}

/** Times one page over HTTP after checking it is the page expected at that depth. */
async function timeHttp(base: string, path: string, firstId: string): Promise<Stats> {
  const check = await fetch(base + path, { headers: AUTH })
  const page = (await check.json()) as { data: Row[] }
  if (check.status !== 200 || page.data.length !== PAGE_LIMIT || page.data[0]?.id !== firstId) {
    throw new Error(`GET ${path} → ${check.status}, ${page.data?.length} rows starting at ${page.data?.[0]?.id}, expected ${firstId}`)
  }
  const samples: number[] = []
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    const started = performance.now()
    const response = await fetch(base + path, { headers: AUTH })
    await response.arrayBuffer()
    const elapsed = performance.now() - started
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`)
    if (i >= WARMUP) samples.push(elapsed)
  }
  return stats(samples)
}

async function timeSql(backend: Backend, q: CapturedQuery): Promise<Stats> {
  const samples: number[] = []
  for (let i = 0; i < SQL_WARMUP + SQL_REPEATS; i++) {
    const ms = await backend.time(q.sql, q.params)
    if (i >= SQL_WARMUP) samples.push(ms)
  }
  return stats(samples)
}

/** The captured SQL, run on the driver with the converted params, returns Prisma's rows. */
async function sameRows(backend: Backend, q: CapturedQuery & { ids: string[] }, what: string): Promise<void> {
  // the repository asks for one row more than it returns, to know whether a next page exists
  const ids = (await backend.ids(q.sql, q.params)).slice(0, q.ids.length)
  if (q.ids.length === 0 || ids.join() !== q.ids.join()) throw new Error(`the captured SQL for ${what} returned other rows on the driver`)
}

/**
 * For comparison only, NOT what the product sends: the same page with the keyset condition in
 * the plain OR form the repository used before, `k > v OR (k = v AND id > i)` (descending: `<`),
 * which gives the leading sort column no range of its own. The product now sends the
 * equivalent `k >= v AND (k > v OR id > i)` (≡ (k, id) > (v, i)); the redundant `k >= v` is
 * the only difference.
 */
function plainOrList(prisma: PrismaClient, c: Case, after: Position, take: number) {
  const descending = c.sort.startsWith('-')
  const field = c.sort.replace(/^-/, '') as 'createdAt' | 'name'
  const direction = descending ? 'desc' : 'asc'
  const value = field === 'createdAt' ? new Date(after.value) : after.value
  const strict = descending ? 'lt' : 'gt'
  const where: Record<string, unknown>[] = []
  if (c.filters.status) where.push({ status: c.filters.status })
  for (const [key, value] of Object.entries(c.filters.metadata ?? {})) where.push({ metadataEntries: { some: { key, value } } })
  where.push({ OR: [{ [field]: { [strict]: value } }, { [field]: value, id: { [strict]: after.id } }] })
  return prisma.user.findMany({ where: { AND: where }, orderBy: [{ [field]: direction }, { id: direction }], take })
}

// ─── the report ──────────────────────────────────────────────────────────────────────────

function machine(reports: BackendReport[]): string {
  const cpus = os.cpus()
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.availableParallelism()} CPUs (nproc) ${cpus[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.arch()}`,
    `- Node.js ${process.version}; ${reports.map((r) => r.backend.version).join('; ')}`,
    `- Load average (1, 5, 15 min) at the start: ${LOAD_AT_START.map((l) => l.toFixed(2)).join(', ')}; at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (other work shares the machine)`,
    `- Command: \`npm run bench:pagination${argv.length ? ` -- ${argv.join(' ')}` : ''}\` (= \`npx tsx bench/pagination.ts${argv.length ? ` ${argv.join(' ')}` : ''}\`)`,
  ].join('\n')
}

function depthLabel(depth: number): string {
  return depth === 0 ? 'first page' : `depth ${int(depth)}`
}

/** One line per plan, for the tables. */
function summarize(provider: Provider, plan: string): string {
  if (provider === 'sqlite')
    return plan
      .split('\n')
      .map((l) => l.trim())
      .join('; ')
      .replaceAll('main.', '')
  if (/Nested Loop|Hash Join|Merge Join/.test(plan)) return summarizeJoin(plan)
  const parts: string[] = []
  const index = /(Index Scan(?: Backward)?) using "(\w+)"/.exec(plan)
  if (/BitmapOr/.test(plan)) {
    const heap = /Bitmap Heap Scan on "User".*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan)
    parts.push(`BitmapOr of 2 index scans, ${heap ? int(Number(heap[1])) : '?'} rows fetched, then sorted`)
  } else if (/Bitmap Heap Scan/.test(plan)) {
    const heap = /Bitmap Heap Scan on "User".*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan)
    const bitmap = /Bitmap Index Scan on "(\w+)"/.exec(plan)
    parts.push(
      `Bitmap Index Scan on ${bitmap?.[1] ?? '?'} from the cursor (Index Cond), ${heap ? int(Number(heap[1])) : '?'} rows fetched, then sorted`,
    )
  } else if (index) {
    parts.push(`${index[1]} on ${index[2]}${/Index Cond:/.test(plan) ? ' from the cursor (Index Cond)' : ' from the start'}`)
  } else if (/Seq Scan/.test(plan)) {
    parts.push('Seq Scan, then sorted')
  } else {
    parts.push(plan.split('\n')[0]!.replace(/\s+\(.*$/, ''))
  }
  const removed = [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0)
  if (removed > 0) parts.push(`${int(removed)} ${removed === 1 ? 'row' : 'rows'} filtered out`)
  return parts.join(', ')
}

/**
 * A PostgreSQL plan that joins (a metadata filter's EXISTS becomes a semi-join): every scan in
 * plan order, outer first, with the rows it returned or, for an inner one, how many times it ran.
 */
function summarizeJoin(plan: string): string {
  const lines = plan.split('\n')
  const scans: string[] = []
  lines.forEach((line, i) => {
    const scan =
      /(Parallel )?(Index Only Scan|Index Scan(?: Backward)?|Bitmap Heap Scan|Seq Scan)(?: using "(\w+)")? on "(\w+)".*?actual time=\S+ rows=(\d+) loops=(\d+)/.exec(
        line,
      )
    if (!scan) return
    const [, parallel, kind, index, table, rows, loops] = scan as unknown as [
      string,
      string | undefined,
      string,
      string | undefined,
      string,
      string,
      string,
    ]
    // the node's own details follow it, more indented, up to the next node
    const details: string[] = []
    for (let j = i + 1; j < lines.length && !lines[j]!.includes('->'); j++) details.push(lines[j]!)
    const fromCursor = table === 'User' && details.some((d) => /Index Cond: \(+"?(createdAt|name|email)"? [<>]/.test(d))
    // a node run many times reports its rows per run, rounded: the count of runs says more
    const count = parallel
      ? `${loops} processes, ~${int(Number(rows))} rows each`
      : Number(loops) > 1
        ? `${int(Number(loops))} probes`
        : `${int(Number(rows))} rows`
    scans.push(`${parallel ?? ''}${kind} on ${index ?? table}${fromCursor ? ' from the cursor' : ''} (${count})`)
  })
  const prefix = [
    /Gather Merge/.test(plan) ? 'parallel (Gather Merge)' : '',
    /Sort Key/.test(plan) ? 'sorted after the join' : 'in index order',
  ].filter(Boolean)
  return `${prefix.join(', ')}: ${scans.join(' → ')}`
}

/** Whether the plan seeks to the cursor in the index (a range on the leading sort column). */
function seeks(provider: Provider, plan: string): boolean {
  if (provider === 'sqlite') return /\bSEARCH\b.*\((createdAt|name|email)[<>]/.test(plan)
  return /Index Cond: \(\(?"?(createdAt|name|email)"? [<>]/.test(plan) && !/BitmapOr/.test(plan)
}

/** "depth 1 000" or "depths 1 000, 8 500 and 10 000", distinct and in order. */
function depthList(depths: number[]): string {
  const list = [...new Set(depths)].sort((a, b) => a - b).map(int)
  return list.length === 1 ? `depth ${list[0]}` : `depths ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`
}

const times = (ratio: number) => `×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}`

function reading(r: BackendReport): string {
  const provider = r.backend.provider
  const sentences: string[] = []
  let worstRatio = 0
  let worstSqlRatio = 0
  for (const c of CASES) {
    const rows = r.measured.filter((m) => m.case === c)
    const first = rows[0]!
    const deepest = rows.at(-1)!
    // the costliest page by its SQL time, which is less noisy than a request's
    const worst = rows.reduce((a, b) => (b.product.time.median > a.product.time.median ? b : a))
    if (!isMetadataCase(c)) {
      worstRatio = Math.max(worstRatio, ...rows.map((m) => m.http.median / first.http.median))
      worstSqlRatio = Math.max(worstSqlRatio, ...rows.map((m) => m.product.time.median / first.product.time.median))
    }
    let sentence =
      `For \`${c.label}\`, with the product's form the page at depth ${int(deepest.depth)} costs ${fmt(deepest.http.median)} ms (HTTP median of ${deepest.http.n}, p95 ${fmt(deepest.http.p95)} ms) vs ${fmt(first.http.median)} ms for the first page (×${(deepest.http.median / first.http.median).toFixed(1)}); ` +
      `the SQL alone ${fmt(deepest.product.time.median)} ms vs ${fmt(first.product.time.median)} ms`
    if (worst !== deepest && worst !== first) {
      sentence += `; the costliest page is at depth ${int(worst.depth)}: ${fmt(worst.http.median)} ms (×${(worst.http.median / first.http.median).toFixed(1)}; SQL ${fmt(worst.product.time.median)} ms)`
    }
    const compared = rows.filter((m) => m.plainOr)
    if (compared.length) {
      const slowest = compared.reduce((a, b) => (b.plainOr!.time.median > a.plainOr!.time.median ? b : a))
      sentence +=
        `. In the plain OR form (before), the same pages' SQL takes ${compared.map((m) => `${fmt(m.plainOr!.time.median)} ms at depth ${int(m.depth)}`).join(', ')}` +
        ` (the product's form: ${compared.map((m) => fmt(m.product.time.median)).join(', ')} ms), ` +
        `at worst ${times(slowest.plainOr!.time.median / slowest.product.time.median)} the product's (depth ${int(slowest.depth)})`
    }
    sentences.push(`${sentence}.`)
  }

  // the product's form; a metadata filter may start from the holders instead (metadataReading)
  const deepPlans = r.measured.filter((m) => m.depth !== 0 && !isMetadataCase(m.case))
  const notSeeking = deepPlans.filter((m) => !seeks(provider, m.product.plan))
  if (worstRatio < 1.5 && notSeeking.length === 0) {
    sentences.push(
      "Without a metadata filter, with the product's form, `k >= v AND (k > v OR id > i)`, a deep page costs about the same as the first one: every later page's plan seeks the index at the cursor " +
        `(${provider === 'sqlite' ? '`SEARCH … USING INDEX … (key>?)` / `(key<?)`' : 'an `Index Cond` on the sort key'}) whatever the depth.`,
    )
  } else if (notSeeking.length === 0) {
    sentences.push(
      `Without a metadata filter, with the product's form, \`k >= v AND (k > v OR id > i)\`, every later page's plan seeks the index at the cursor, yet a request here costs up to ×${worstRatio.toFixed(1)} the first page's; ` +
        `the SQL alone stays within ×${worstSqlRatio.toFixed(1)} of the first page's, so the difference lies outside the query (timing noise: other processes may have loaded the machine).`,
    )
  } else {
    sentences.push(
      `Without a metadata filter, with the product's form, \`k >= v AND (k > v OR id > i)\`, a deep page does **not** cost about the same as the first one here (up to ×${worstRatio.toFixed(1)}): ` +
        `the plans of ${notSeeking.map((m) => `\`${m.case.label}\` at depth ${int(m.depth)}`).join(', ')} do not seek the index at the cursor.`,
    )
  }

  // the plain OR form, for comparison
  const compared = r.measured.filter((m) => m.plainOr)
  const plainNotSeeking = compared.filter((m) => !seeks(provider, m.plainOr!.plan))
  if (compared.length && plainNotSeeking.length === 0) {
    sentences.push(
      'The plain OR form the product used before, `k > v OR (k = v AND id > i)`, seeks the index at the cursor too on this database, so the redundant range makes no difference here.',
    )
  } else if (compared.length) {
    let how: string
    if (provider === 'sqlite') {
      how =
        'SQLite reads the (sort key, id) index from its start (`SCAN … USING INDEX`, no range) and discards every row before the cursor, so the cost grows linearly with the depth'
    } else {
      const fromStart = plainNotSeeking.filter((m) => !/BitmapOr/.test(m.plainOr!.plan))
      const bitmap = plainNotSeeking.filter((m) => /BitmapOr/.test(m.plainOr!.plan))
      const parts: string[] = []
      if (fromStart.length) {
        parts.push(
          'PostgreSQL walks the (sort key, id) index from its start with the keyset condition as a `Filter`, discarding every row before the cursor' +
            ` (\`Rows Removed by Filter\`; at ${depthList(fromStart.map((m) => m.depth))})`,
        )
      }
      if (bitmap.length) {
        parts.push(
          `${fromStart.length ? 'or, ' : 'PostgreSQL '}where few rows follow the cursor (at ${depthList(bitmap.map((m) => m.depth))}), ORs two bitmap index scans over every row after the cursor and sorts them`,
        )
      }
      how = `${parts.join(' ')}; either way a page costs in proportion to the rows before or after the cursor instead of staying at the first page's cost`
    }
    const slowest = compared.reduce((a, b) =>
      b.plainOr!.time.median / b.product.time.median > a.plainOr!.time.median / a.product.time.median ? b : a,
    )
    sentences.push(
      'The plain OR form the product used before, `k > v OR (k = v AND id > i)`, returns the same rows but gives the planner no range on the leading index column: ' +
        `${how} (up to ${times(slowest.plainOr!.time.median / slowest.product.time.median)} the product's SQL time, \`${slowest.case.label}\` at depth ${int(slowest.depth)}). ` +
        "The redundant `k >= v` in the product's form is what lets the database start at the cursor and keeps every page at the cost of the first.",
    )
  }
  return sentences.join(' ')
}

/** Whether the plan starts from a filter's holders and sorts them, rather than walking the sort index. */
function startsFromHolders(provider: Provider, plan: string): boolean {
  if (provider === 'sqlite') return /USE TEMP B-TREE FOR ORDER BY/.test(plan)
  return /Sort Key/.test(plan)
}

function metadataReading(r: BackendReport): string {
  const provider = r.backend.provider
  const sentences: string[] = []
  const missed: string[] = []
  for (const c of CASES.filter(isMetadataCase)) {
    const rows = r.measured.filter((m) => m.case === c)
    const first = rows[0]!
    const walk = r.walks.find((w) => w.case === c)!
    const fromHolders = rows.filter((m) => startsFromHolders(provider, m.product.plan))
    const how =
      fromHolders.length === rows.length
        ? provider === 'sqlite'
          ? 'every page starts from those users (looked up by id, then sorted: `USE TEMP B-TREE FOR ORDER BY`)'
          : 'every page joins those users from the entry index and sorts them (`Sort Key` above the join)'
        : fromHolders.length === 0
          ? 'every page walks the sort index and checks each user for the filter, stopping once the page is full'
          : `the planner starts from the holders at ${depthList(fromHolders.map((m) => m.depth))} and walks the sort index at the other depths`
    const slowest = rows.slice(1).reduce<Measured | undefined>((a, b) => (a && a.http.median >= b.http.median ? a : b), undefined)
    if (!(first.http.median < 10 && first.http.p95 < 10)) missed.push(c.label)
    sentences.push(
      `\`${c.label}\` (${int(walk.rows)} users): ${how}; the first page takes ${fmt(first.http.median)} ms (p95 ${fmt(first.http.p95)} ms, SQL ${fmt(first.product.time.median)} ms)` +
        `${slowest ? `, the slowest later page ${fmt(slowest.http.median)} ms (p95 ${fmt(slowest.http.p95)} ms, ${depthLabel(slowest.depth)})` : ''}.`,
    )
  }
  sentences.push(
    missed.length === 0
      ? `Every metadata case answers its first page in under 10 ms here, median and p95.`
      : `The first page of ${missed.map((l) => `\`${l}\``).join(', ')} does **not** stay under 10 ms here (median and p95).`,
  )
  if (provider === 'sqlite') {
    sentences.push(
      `SQLite keeps no per-value statistics, so the repository tells a rare value from a common one itself before the list query: it reads at most ${int(RARE_VALUE_HOLDERS + 1)} entries of the (key, value, userId) index per filter, and when a value has at most ${int(RARE_VALUE_HOLDERS)} holders it adds \`id IN (those users)\`; those reads are part of the HTTP figures, not of "SQL".`,
    )
  } else {
    sentences.push(
      'PostgreSQL chooses between walking the sort index and starting from the holders itself, from the statistics ANALYZE keeps, including those on the (key, value) pair (`CREATE STATISTICS` in the migrations).',
    )
  }
  return sentences.join(' ')
}

function section(r: BackendReport): string {
  const lines: string[] = []
  const b = r.backend
  lines.push(`## ${b.title}`, '')
  lines.push(
    `${int(r.total)} users seeded in ${(r.seedMs / 1000).toFixed(1)} s (directly, one fixed Argon2id hash for every row; DateTime stored as ${r.storedDateTime}, checked against a user Prisma wrote). ` +
      `Section run time ${(r.elapsedMs / 1000).toFixed(0)} s.`,
    '',
  )
  const seeded = r.seeded
  const describeKey = (k: SeededMetadata['keys'][number]) =>
    k.values.length > 6
      ? `\`${k.key}\` ${int(k.users)} (${int(k.values.length)} distinct values)`
      : `\`${k.key}\` ${int(k.users)} (${k.values.map((v) => `${v.value} ${int(v.users)}`).join(', ')})`
  lines.push(
    `Metadata, written by the seed to both \`User.metadata\` (JSON with sorted keys, as the product stores it) and \`UserMetadata\`, counted afterwards on the raw driver: ` +
      `${int(seeded.entries)} entries; ${int(seeded.withoutMetadata)} users without metadata; users per key: ${seeded.keys.map(describeKey).join('; ')}.`,
    '',
  )
  lines.push('### Full walks (following nextCursor over HTTP)', '')
  lines.push(
    `Each case is walked to its end at limit=${WALK_LIMIT} (the API maximum), or at limit=${PAGE_LIMIT} when it has fewer than ${int(50 * WALK_LIMIT)} rows, so that it still has deeper pages to time. ` +
      'The expected order is computed with raw SQL on the seeded tables; for a metadata filter, on the JSON column `User.metadata`, and checked to be the same list through the entry table `UserMetadata`.',
    '',
  )
  lines.push('| case | rows | distinct ids | = ORDER BY of the whole table | limit | pages | total time | rows/s | ms/page |')
  lines.push('|---|---:|---:|---|---:|---:|---:|---:|---:|')
  for (const w of r.walks) {
    lines.push(
      `| \`${w.case.label}\` | ${int(w.rows)} | ${int(w.distinct)} | ${w.matchesOrderBy ? 'yes' : '**no**'} | ${w.limit} | ${int(w.pages)} | ${(w.ms / 1000).toFixed(1)} s | ${int(Math.round(w.rows / (w.ms / 1000)))} | ${fmt(w.ms / w.pages)} |`,
    )
  }
  lines.push('')
  lines.push(`### Page latency (limit=${PAGE_LIMIT}; ${REPEATS} timed requests after ${WARMUP} warm-ups, sequential, keep-alive)`, '')
  lines.push(
    `"SQL only" is the query Prisma sent for that page (captured from its query log), run ${SQL_REPEATS} times on the raw driver after ${SQL_WARMUP} warm-ups. ` +
      'The HTTP and "product" columns measure what the product sends, the keyset condition written `k >= v AND (k > v OR id > i)` (descending: `<=`, `<`). ' +
      'The "plain OR form (before)" columns are *not* what the product sends: the same page (checked to return the same rows) with the condition in the form the product used before, `k > v OR (k = v AND id > i)` (descending: `<`), timed and explained the same way, for comparison. ' +
      'The first page has no keyset condition, so both forms are the same query there.',
    '',
  )
  lines.push(
    '| case | page | HTTP median ms | HTTP p95 ms | HTTP mean ms | product: SQL only median ms | product: plan | plain OR form (before): SQL only median ms | plain OR form (before): plan |',
  )
  lines.push('|---|---|---:|---:|---:|---:|---|---:|---|')
  for (const m of r.measured) {
    lines.push(
      `| \`${m.case.label}\` | ${depthLabel(m.depth)} | ${fmt(m.http.median)} | ${fmt(m.http.p95)} | ${fmt(m.http.mean)} | ${fmt(m.product.time.median)} | ${summarize(b.provider, m.product.plan)} | ` +
        `${m.plainOr ? fmt(m.plainOr.time.median) : '–'} | ${m.plainOr ? summarize(b.provider, m.plainOr.plan) : '–'} |`,
    )
  }
  lines.push('')
  const metadataRows = r.measured.filter((m) => isMetadataCase(m.case))
  if (metadataRows.length) {
    lines.push('### Metadata filters: the first page against the 10 ms target', '')
    lines.push(
      `The issue asks for a filtered first page (limit=${PAGE_LIMIT}) in under 10 ms. HTTP figures are ${REPEATS} sequential requests over keep-alive after ${WARMUP} warm-ups, each timed from sending the request to the last byte of the body; "deeper pages" is the slowest of the later pages timed above.` +
        (b.provider === 'sqlite'
          ? ' On SQLite the repository first reads the entry index to tell a rare value from a common one (see the reading); "SQL" is the list query alone, the HTTP figures include those reads.'
          : ''),
      '',
    )
    lines.push(
      '| case | matching users | first page HTTP median ms | first page HTTP p95 ms | first page SQL median ms | under 10 ms (median and p95) | deeper pages: slowest HTTP median / p95 ms | first page plan |',
    )
    lines.push('|---|---:|---:|---:|---:|---|---:|---|')
    for (const c of CASES.filter(isMetadataCase)) {
      const rows = metadataRows.filter((m) => m.case === c)
      const first = rows[0]!
      const deeper = rows.slice(1)
      const slowest = deeper.reduce<Measured | undefined>((a, b) => (a && a.http.median >= b.http.median ? a : b), undefined)
      const walk = r.walks.find((w) => w.case === c)!
      lines.push(
        `| \`${c.label}\` | ${int(walk.rows)} | ${fmt(first.http.median)} | ${fmt(first.http.p95)} | ${fmt(first.product.time.median)} | ${first.http.p95 < 10 ? 'yes' : first.http.median < 10 ? '**median only**' : '**no**'} | ` +
          `${slowest ? `${fmt(slowest.http.median)} / ${fmt(slowest.http.p95)} (${depthLabel(slowest.depth)})` : '–'} | ${summarize(b.provider, first.product.plan)} |`,
      )
    }
    lines.push('')
  }
  lines.push('### Query plans', '')
  lines.push(
    'The SQL is the text Prisma logged (`log: [{ emit: "event", level: "query" }]` works with the driver adapter in Prisma 7), ' +
      (b.provider === 'sqlite'
        ? 'explained with `EXPLAIN QUERY PLAN` on better-sqlite3 with the parameters bound as @prisma/adapter-better-sqlite3 binds them (DateTime as `…+00:00` text).'
        : 'explained with `EXPLAIN (ANALYZE, BUFFERS)` with the parameters bound as @prisma/adapter-pg binds them (DateTime as UTC `YYYY-MM-DD HH:MM:SS.mmm`).') +
      " Plans for the first page, the middle and the deepest page, first for the product's form (what it sends), then for the plain OR form it used before (for comparison); the table above summarizes every page.",
    '',
  )
  for (const c of CASES) {
    const rows = r.measured.filter((m) => m.case === c)
    const shown = [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows.at(-1)!]
    lines.push(`#### \`${c.label}\``, '')
    lines.push('First page:', '', '```sql', rows[0]!.product.sql, '```', '')
    lines.push("Any later page, the product's form `k >= v AND (k > v OR id > i)`:", '', '```sql', rows.at(-1)!.product.sql, '```', '')
    for (const m of shown) {
      lines.push(`${depthLabel(m.depth)}, params \`${JSON.stringify(m.product.params)}\`:`, '', '```', m.product.plan, '```', '')
    }
    const withPlainOr = shown.filter((m) => m.plainOr)
    if (withPlainOr.length) {
      lines.push(
        'The same later pages in the plain OR form the product used before, `k > v OR (k = v AND id > i)` (for comparison; not what the product sends):',
        '',
        '```sql',
        withPlainOr[0]!.plainOr!.sql,
        '```',
        '',
      )
      for (const m of withPlainOr)
        lines.push(`${depthLabel(m.depth)}, params \`${JSON.stringify(m.plainOr!.params)}\`:`, '', '```', m.plainOr!.plan, '```', '')
    }
  }
  lines.push('### Reading', '', reading(r), '')
  if (CASES.some(isMetadataCase)) lines.push(metadataReading(r), '')
  return lines.join('\n')
}

// ─── main ────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = performance.now()
  log(`generating ${int(USERS)} users`)
  const users = generateUsers(USERS)
  const reports: BackendReport[] = []

  const sqlite = await sqliteBackend()
  try {
    reports.push(await runOn(sqlite, users))
  } finally {
    await sqlite.cleanup()
  }
  if (WITH_POSTGRES) {
    const postgres = await postgresBackend(POSTGRES_URL)
    try {
      reports.push(await runOn(postgres, users))
    } finally {
      await postgres.cleanup()
    }
  }

  const markdown = [
    '# Keyset pagination benchmark',
    '',
    `Issues: "A page deep in a ${int(USERS)}-user table costs about the same as the first (show the figures)"; ` +
      '"List filter `metadata[<key>]=<value>` (exact match, at most 3 such filters per request, indexed well enough that the pagination benchmark\'s 100 000-user table answers a filtered first page in under 10 ms on SQLite and PostgreSQL)". ' +
      'The real app (`buildApp`) over HTTP on 127.0.0.1, one client, one request at a time. Figures are wall-clock milliseconds on this machine; compare them with each other, not across machines.',
    '',
    machine(reports),
    `- Total run time: ${((performance.now() - started) / 1000).toFixed(0)} s`,
    '',
    ...reports.map(section),
  ].join('\n')
  mkdirSync(dirname(RESULTS_FILE), { recursive: true })
  writeFileSync(RESULTS_FILE, markdown)
  process.stdout.write(`${markdown}\n`)
  log(`written to ${relative(process.cwd(), RESULTS_FILE)}`)
}

await main()
