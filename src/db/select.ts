// Hot reads: SQL sent straight through the driver adapter that Prisma Client itself runs
// on (same connection or pool, same error reporting), without the client's per-call query
// compilation and result mapping. Measured on a 2-core machine against a 10 000-user SQLite
// file, a lookup by primary key took 360–480 µs through prisma.user.findUnique, 170–265 µs
// through $queryRaw / $queryRawUnsafe (TypedSQL goes the same way), and 38 µs this way with
// the adapter's statement cache (adapters.ts); a request that authenticates and
// reads a user makes two. Only the few reads every request makes go this way (key lookup,
// getUser, an unfiltered page of listUsers); everything else stays Prisma Client.
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery } from '@prisma/driver-adapter-utils'
import { dbQueryDuration } from '../metrics/registry.js'
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

export function createSelect(provider: Provider, connected: () => Promise<SqlDriverAdapter>): Select {
  const statements = new Map<string, Statement>()
  return async <Row>(sql: string, values: SqlValue[], label: QueryLabel): Promise<Row[]> => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = provider === 'sqlite' ? sqliteStatement(sql) : { text: sql }
      statements.set(sql, statement)
    }
    const args = statement.order ? statement.order.map((i) => values[i] as SqlValue) : values
    const end = dbQueryDuration.startTimer(label)
    try {
      const adapter = await connected()
      const result = await adapter.queryRaw({ sql: statement.text, args, argTypes: args.map(argType) })
      end({ outcome: 'ok' })
      const { columnNames, columnTypes } = result
      return result.rows.map((values) => {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < columnNames.length; i++) {
          const value = values[i]
          row[columnNames[i] as string] = columnTypes[i] === ColumnTypeEnum.DateTime && value !== null ? new Date(value as string) : value
        }
        return row as Row
      })
    } catch (error) {
      end({ outcome: 'error' })
      throw error
    }
  }
}
