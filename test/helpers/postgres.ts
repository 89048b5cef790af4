import { randomUUID } from 'node:crypto'
import { userInfo } from 'node:os'
import pg from 'pg'
import type { Test } from 'tap'

// The PostgreSQL server the tests use; TEST_POSTGRES_URL names another one.
export const adminUrl = process.env.TEST_POSTGRES_URL ?? `postgresql://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/postgres`

/** A database of its own on the test server, dropped when the test ends. */
export async function scratchPostgres(t: Test): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (error) {
    // PostgreSQL is a supported database: a run without it has not tested the product
    throw new Error(`PostgreSQL is required at ${new URL(adminUrl).host} (TEST_POSTGRES_URL names another server)`, { cause: error })
  }
  const name = `umapi_test_${randomUUID().replaceAll('-', '')}`
  await admin.query(`CREATE DATABASE "${name}"`)
  t.teardown(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
