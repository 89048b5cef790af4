import t from 'tap'
import { build, createUser } from '../helpers/app.js'

t.test('listUsers', async (t) => {
  const api = await build(t)

  t.test('an empty list', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users' })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { data: [], nextCursor: null })
  })

  t.test('walking the pages returns every user once, in creation order', async (t) => {
    const created = []
    for (let i = 0; i < 7; i++) created.push(await createUser(api))
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url: string = `/api/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`
      const res = await api.request({ method: 'GET', url })
      t.equal(res.statusCode, 200)
      const page = res.json()
      t.ok(page.data.length <= 3)
      seen.push(...page.data.map((u: { id: string }) => u.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    t.same(seen, created.map((u) => u.id))
    t.equal(pages, 3)
  })

  t.test('the default page holds 20', async (t) => {
    for (let i = 0; i < 14; i++) await createUser(api)
    const res = await api.request({ method: 'GET', url: '/api/users' })
    t.equal(res.json().data.length, 20)
    t.type(res.json().nextCursor, 'string')
  })

  for (const [query, pointer] of [
    ['limit=0', '/query/limit'],
    ['limit=-1', '/query/limit'],
    ['limit=101', '/query/limit'],
    ['limit=2.5', '/query/limit'],
    ['limit=ten', '/query/limit'],
    ['cursor=bm9wZQ', '/query/cursor'],
    ['cursor=%25%25', '/query/cursor'],
    ['limt=5', '/query/limt'],
  ]) {
    t.test(`400 for ${query}`, async (t) => {
      const res = await api.request({ method: 'GET', url: `/api/users?${query}` })
      t.equal(res.statusCode, 400)
      t.equal(res.json().code, 'validation_failed')
      t.same(res.json().errors.map((e: { pointer: string }) => e.pointer), [pointer])
    })
  }
})
