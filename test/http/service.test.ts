import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { specText } from '../../src/contract/spec.js'
import { build } from '../helpers/app.js'

t.test('service endpoints', async (t) => {
  const api = await build(t)

  t.test('healthz and readyz answer ok', async (t) => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await api.request({ method: 'GET', url })
      t.equal(res.statusCode, 200)
      t.same(res.json(), { status: 'ok' })
    }
  })

  t.test('the document is served as JSON and as the committed YAML', async (t) => {
    const json = await api.app.inject({ method: 'GET', url: '/openapi.json' })
    t.equal(json.statusCode, 200)
    t.match(json.headers['content-type'], /^application\/json/)
    t.same(json.json(), parse(specText))
    const yaml = await api.app.inject({ method: 'GET', url: '/openapi.yaml' })
    t.equal(yaml.statusCode, 200)
    t.match(yaml.headers['content-type'], /^application\/yaml/)
    t.equal(yaml.body, specText)
  })

  t.test('Swagger UI is served at /docs, with the document it reads', async (t) => {
    const page = await api.app.inject({ method: 'GET', url: '/docs' })
    t.equal(page.statusCode, 200)
    t.match(page.headers['content-type'], /^text\/html/)
    t.match(page.body, /swagger-ui/)
    const initializer = await api.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
    t.equal(initializer.statusCode, 200)
    const docJson = await api.app.inject({ method: 'GET', url: '/docs/json' })
    t.same(docJson.json().paths, parse(specText).paths)
  })
})

t.test('readyz answers 503 when the database is unreachable', async (t) => {
  const parent = await mkdtemp(join(tmpdir(), 'readyz-'))
  t.teardown(() => rm(parent, { recursive: true, force: true }))
  const dir = join(parent, 'db')
  const api = await build(t, {}, dir)
  // Prisma reconnects on demand, so take the file away: put a plain file where the
  // database's directory was, and the next connection cannot open it.
  await api.db.close()
  await rename(dir, join(parent, 'moved'))
  await writeFile(dir, 'not a directory')
  const res = await api.request({ method: 'GET', url: '/readyz' })
  t.equal(res.statusCode, 503)
  t.equal(res.json().code, 'unavailable')
})
