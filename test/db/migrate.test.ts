import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { migrate } from '../../src/db/migrate.js'
import { migrationNames, moduleUrl, runChild } from './fixtures/helpers.js'

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  } finally {
    db.close()
  }
}

t.test('a fresh SQLite file gets every migration once', async (t) => {
  const file = join(t.testdir(), 'nested', 'dir', 'app.db')
  const logs: string[] = []
  const first = await migrate(`file:${file}`, { log: (m) => logs.push(m) })
  t.same(first.applied, migrationNames('sqlite'))
  t.ok(
    logs.some((m) => m.startsWith('applied migration ')),
    'reports what it applied',
  )
  t.ok(tables(file).includes('User'))
  t.ok(tables(file).includes('_prisma_migrations'))

  const second = await migrate(`file:${file}`)
  t.same(second.applied, [], 'a second run applies nothing')
})

t.test('a relative file: URL is resolved against the working directory', async (t) => {
  const dir = t.testdir()
  const cwd = process.cwd()
  process.chdir(dir)
  t.teardown(() => process.chdir(cwd))
  await migrate('file:./data/rel.db')
  t.ok(tables(join(dir, 'data', 'rel.db')).includes('User'))
})

t.test('two processes migrating the same file at once both succeed, applying once', async (t) => {
  const file = join(t.testdir(), 'shared.db')
  const code = `
    import { migrate } from ${JSON.stringify(moduleUrl('src/db/migrate.ts'))}
    const { applied } = await migrate(${JSON.stringify(`file:${file}`)})
    console.log(JSON.stringify(applied))`
  const results = await Promise.all([runChild(code), runChild(code)])
  for (const r of results) t.equal(r.code, 0, r.stderr)
  const applied = results.map((r) => JSON.parse(r.stdout.trim()) as string[])
  t.same(applied.flat().sort(), migrationNames('sqlite'), 'each migration applied by exactly one process')
  const db = new Database(file, { readonly: true })
  t.teardown(() => db.close())
  const rows = db.prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations').all() as Array<{
    finished_at: unknown
    rolled_back_at: unknown
  }>
  t.equal(rows.length, migrationNames('sqlite').length)
  t.ok(
    rows.every((r) => r.finished_at !== null && r.rolled_back_at === null),
    'no failed migration recorded',
  )
})

t.test('an unsupported URL is rejected, naming DATABASE_URL', async (t) => {
  await t.rejects(migrate('mysql://localhost/app'), /DATABASE_URL/)
})
