// The hot path: SQL sent straight through the driver adapter that Prisma Client itself runs
// on (same connection or pool, same error reporting), without the client's per-call query
// compilation and result mapping. Measured on a 2-core machine against a 10 000-user SQLite
// file, a lookup by primary key took 360–480 µs through prisma.user.findUnique, 170–265 µs
// through $queryRaw / $queryRawUnsafe (TypedSQL goes the same way), and 38 µs this way with
// the adapter's statement cache (adapters.ts); a request that authenticates and reads a user
// makes two. An update through Prisma Client's interactive transaction ran at 670 req/s, and
// at 1 735–1 781 req/s as a transaction of this SQL. Only the reads every request makes (key
// lookup, getUser, an unfiltered page of listUsers) and the writes of creates and updates go
// this way; everything else stays Prisma Client.
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery } from '@prisma/driver-adapter-utils'
import { dbQueryDuration, dbReadCacheLookups } from '../metrics/registry.js'
import type { Provider } from './url.js'

export type SqlValue = string | number | Date | null

/** The model and action a read is timed under in db_query_duration_seconds, as Prisma's are. */
export interface QueryLabel {
  model: string
  action: string
}

/**
 * Runs `sql` (PostgreSQL placeholders `$1`, `$2`…, quoted identifiers: both providers read
 * it alike) and returns its rows keyed by column name, DateTime columns as Date, integers as
 * numbers: the shapes Prisma Client returns for the same columns.
 */
export type Select = <Row>(sql: string, values: SqlValue[], label: QueryLabel) => Promise<Row[]>

/** The factory Prisma Client connects through, and the adapter it got, for `select` to share. */
export function sharingConnection(factory: SqlDriverAdapterFactory): {
  factory: SqlDriverAdapterFactory
  connected: () => Promise<SqlDriverAdapter>
} {
  let adapter: Promise<SqlDriverAdapter> | undefined
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => {
        adapter = factory.connect()
        return adapter
      },
    },
    connected: () => adapter ?? Promise.reject(new Error('the database is not connected yet')),
  }
}

function argType(value: SqlValue): SqlQuery['argTypes'][number] {
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' }
  if (typeof value === 'number') return { scalarType: 'int', arity: 'scalar' }
  return { scalarType: 'string', arity: 'scalar' }
}

interface Statement {
  text: string
  /** which argument each placeholder takes, in order of appearance */
  order?: number[]
}

// better-sqlite3 binds `?` in order of appearance (its `?NNN` do not bind from a list), so a
// parameter used twice is passed twice
function sqliteStatement(sql: string): Statement {
  const order: number[] = []
  const text = sql.replace(/\$([0-9]+)/g, (_match, n: string) => {
    order.push(Number(n) - 1)
    return '?'
  })
  return { text, order }
}

/** A statement's text for the provider, translated once per SQL text. */
function statementsFor(provider: Provider): (sql: string) => Statement {
  const statements = new Map<string, Statement>()
  return (sql) => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = provider === 'sqlite' ? sqliteStatement(sql) : { text: sql }
      statements.set(sql, statement)
    }
    return statement
  }
}

type Queryable = Pick<SqlDriverAdapter, 'queryRaw'>

/** `($1, $2), ($3, $4)`: the placeholders of a VALUES list of `rows` rows of `width` values each. */
export function valuesPlaceholders(rows: number, width: number): string {
  return Array.from(
    { length: rows },
    (_, row) => `(${Array.from({ length: width }, (_, i) => `$${row * width + i + 1}`).join(', ')})`,
  ).join(', ')
}

function queryFor(statement: Statement, values: SqlValue[]): SqlQuery {
  const args = statement.order ? statement.order.map((i) => values[i] as SqlValue) : values
  return { sql: statement.text, args, argTypes: args.map(argType) }
}

/** Runs `run`, timed into db_query_duration_seconds under `label`. */
async function timed<T>(label: QueryLabel, run: () => Promise<T>): Promise<T> {
  const end = dbQueryDuration.startTimer(label)
  try {
    const result = await run()
    end({ outcome: 'ok' })
    return result
  } catch (error) {
    end({ outcome: 'error' })
    throw error
  }
}

function selectOn(statementOf: (sql: string) => Statement, queryable: () => Promise<Queryable>): Select {
  return async <Row>(sql: string, values: SqlValue[], label: QueryLabel): Promise<Row[]> => {
    const query = queryFor(statementOf(sql), values)
    const { columnNames, columnTypes, rows } = await timed(label, async () => (await queryable()).queryRaw(query))
    return rows.map((values) => {
      const row: Record<string, unknown> = {}
      for (let i = 0; i < columnNames.length; i++) {
        const value = values[i]
        row[columnNames[i] as string] = columnTypes[i] === ColumnTypeEnum.DateTime && value !== null ? new Date(value as string) : value
      }
      return row as Row
    })
  }
}

export function createSelect(provider: Provider, connected: () => Promise<SqlDriverAdapter>): Select {
  return selectOn(statementsFor(provider), connected)
}

// Entries the read cache holds at most, oldest dropped first: a few MB of rows.
const READ_CACHE_ENTRIES = 10_000

/**
 * `select` behind a cache of its results, for the reads that repeat (the key lookup of every
 * request, a user by id). `version` changes whenever the database may have changed (see
 * ReopeningSqliteFactory.version): each call takes it first, and a version other than the
 * one the entries were read under empties the cache, so that no row is ever older than the
 * last change made before the call began. A hit then costs one PRAGMA data_version (a few
 * µs: SQLite takes its read lock for it as for any statement) instead of a query through the
 * adapter. Rows are frozen, since later calls share them; a read that found nothing is not
 * kept (unknown keys would fill the cache).
 */
export function createCachedSelect(select: Select, version: () => Promise<string>, capacity = READ_CACHE_ENTRIES): Select {
  const entries = new Map<string, readonly unknown[]>()
  let readUnder: string | undefined
  return async <Row>(sql: string, values: SqlValue[], label: QueryLabel): Promise<Row[]> => {
    const now = await version()
    if (now !== readUnder) {
      entries.clear()
      readUnder = now
    }
    const key = sql + JSON.stringify(values)
    const cached = entries.get(key)
    dbReadCacheLookups.inc({ model: label.model, result: cached ? 'hit' : 'miss' })
    if (cached) return cached as Row[]
    const rows = await select<Row>(sql, values, label)
    // another call saw a newer version while this one read: its rows may be older than that
    if (rows.length > 0 && readUnder === now) {
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string)
      for (const row of rows) Object.freeze(row)
      entries.set(key, Object.freeze(rows))
    }
    return rows
  }
}

/** The statements of one transaction: the rows of a query, or the count of rows a write changed. */
export interface SqlTransaction {
  select: Select
  execute(sql: string, values: SqlValue[], label: QueryLabel): Promise<number>
}

/**
 * Runs `work` in a transaction on the adapter, committed when it resolves and rolled back
 * when it throws (with its error). The adapter's own startTransaction is used, so on SQLite
 * it waits its turn behind Prisma Client's transactions on the same connection.
 */
export type Transact = <T>(work: (tx: SqlTransaction) => Promise<T>) => Promise<T>

const COMMIT: SqlQuery = { sql: 'COMMIT', args: [], argTypes: [] }
const ROLLBACK: SqlQuery = { sql: 'ROLLBACK', args: [], argTypes: [] }

export function createTransact(provider: Provider, connected: () => Promise<SqlDriverAdapter>): Transact {
  const statementOf = statementsFor(provider)
  return async <T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> => {
    // with usePhantomQuery false (both adapters), BEGIN is sent by startTransaction and
    // COMMIT or ROLLBACK by its caller; commit() and rollback() release the connection
    const transaction = await (await connected()).startTransaction()
    const tx: SqlTransaction = {
      select: selectOn(statementOf, async () => transaction),
      execute: (sql, values, label) => timed(label, () => transaction.executeRaw(queryFor(statementOf(sql), values))),
    }
    let result: T
    try {
      result = await work(tx)
      await transaction.executeRaw(COMMIT)
    } catch (error) {
      // the error that ended the work is the one to report, not a failed ROLLBACK after it
      await transaction.executeRaw(ROLLBACK).catch(() => {})
      await transaction.rollback()
      throw error
    }
    await transaction.commit()
    return result
  }
}
