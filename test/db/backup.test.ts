import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { BackupError, backupSqlite } from '../../src/db/backup.js'
import { createDb } from '../../src/db/index.js'
import { migrate } from '../../src/db/migrate.js'

t.test('backupSqlite copies the database, including what is still in the WAL, and checks the copy', async (t) => {
  const dir = t.testdir()
  const source = join(dir, 'users.db')
  await migrate(`file:${source}`)
  const db = await createDb(`file:${source}`)
  t.teardown(() => db.close())
  const now = new Date()
  // committed into the WAL only: the service's connection is open, so nothing checkpointed it
  await db.prisma.user.create({
    data: { id: 'u1', email: 'ada@example.com', name: 'Ada', passwordHash: 'x', createdAt: now, updatedAt: now },
  })

  const target = join(dir, 'copy.db')
  const summary = await backupSqlite(source, target)
  t.ok(summary.pages > 0, `${summary.pages} pages`)
  t.ok(summary.bytes >= summary.pages * 512, `${summary.bytes} bytes`)
  const copy = new Database(target, { readonly: true })
  t.teardown(() => copy.close())
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok')
  t.same(copy.prepare('SELECT email FROM User').all(), [{ email: 'ada@example.com' }])
})

t.test('an existing target is kept unless forced', async (t) => {
  const dir = t.testdir()
  const source = join(dir, 'users.db')
  await migrate(`file:${source}`)
  const target = join(dir, 'copy.db')
  await writeFile(target, 'precious')
  await t.rejects(backupSqlite(source, target), BackupError)
  t.equal(readFileSync(target, 'utf8'), 'precious', 'untouched')
  await backupSqlite(source, target, { force: true })
  const copy = new Database(target, { readonly: true })
  t.teardown(() => copy.close())
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok', 'replaced by a good copy')
})

t.test('a missing source fails without leaving a file behind', async (t) => {
  const dir = t.testdir()
  await t.rejects(backupSqlite(join(dir, 'absent.db'), join(dir, 'copy.db')))
  t.same(readdirSync(dir), [], 'no copy and no partial file')
})
