import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Provider = 'sqlite' | 'postgresql'

export type DatabaseTarget = { provider: 'sqlite'; path: string } | { provider: 'postgresql'; url: string }

// The message names only the scheme: the rest of a URL may hold a password.
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  if (databaseUrl.startsWith('file:')) {
    return { provider: 'sqlite', path: sqlitePath(databaseUrl) }
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { provider: 'postgresql', url: databaseUrl }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]
  throw new Error(
    `Unsupported DATABASE_URL${scheme ? ` scheme "${scheme}:"` : ''}: expected file:<path> (SQLite) ` + 'or postgresql://… (PostgreSQL)',
  )
}

// Prisma's convention is `file:./dev.db`, relative to the working directory; `file:///abs`
// is accepted too. Query parameters are not SQLite options here, so they are dropped.
function sqlitePath(databaseUrl: string): string {
  const withoutQuery = databaseUrl.replace(/\?.*$/, '')
  const path = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : withoutQuery.slice('file:'.length)
  if (path === '' || path === ':memory:') {
    // Migrations and the app use separate connections, so an in-memory database would be
    // empty again by the time the app opens it.
    throw new Error('DATABASE_URL must name a SQLite file, not an in-memory database')
  }
  return isAbsolute(path) ? path : resolve(process.cwd(), path)
}
