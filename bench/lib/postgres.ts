import pg from 'pg'
import { onCleanup } from './cleanup.js'

/** A throwaway database `name` on the PostgreSQL server at `adminUrl`, dropped at the end whatever happens. */
export async function scratchPostgres(adminUrl: string, name: string): Promise<{ url: string; version: string }> {
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(`--pg needs PostgreSQL at ${new URL(adminUrl).host} (--pg-url names another): ${(error as Error).message}`)
  }
  await admin.query(`CREATE DATABASE "${name}"`)
  onCleanup(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  })
  const { rows } = await admin.query<{ version: string }>('SHOW server_version')
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), version: `PostgreSQL ${rows[0]?.version}` }
}
