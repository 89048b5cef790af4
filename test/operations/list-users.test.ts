import t from 'tap'
import { build, createUser, newUser, type TestApp } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

type Page = { data: Array<{ id: string; email: string; name: string; status: string; createdAt: string }>; nextCursor: string | null }

/** Follows nextCursor from the first page to the last; `between` runs after each page. */
async function walk(api: TestApp, query: string, between: (page: number) => Promise<void> = async () => {}) {
  const ids: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < 1000; page++) {
    const url: string = `/api/users?${query}${cursor ? `&cursor=${cursor}` : ''}`
    const res = await api.request({ method: 'GET', url })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    const body = res.json() as Page
    ids.push(...body.data.map((u) => u.id))
    cursor = body.nextCursor
    if (!cursor) return ids
    await between(page)
  }
  throw new Error('too many pages')
}

t.test('listUsers', async (t) => {
  const api = await build(t)

  t.test('an empty list', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users' })
    t.equal(res.statusCode, 200)
    t.same(res.json(), { data: [], nextCursor: null })
    t.equal(res.headers.link, undefined, 'no next link on the last page')
    t.equal(res.headers['cache-control'], 'private, no-cache')
  })

  const created: Awaited<ReturnType<typeof createUser>>[] = []
  for (let i = 0; i < 57; i++) {
    created.push(await createUser(api, { name: `Member ${String(i).padStart(2, '0')}`, status: i % 3 === 0 ? 'disabled' : 'active' }))
  }

  t.test('57 users walked at limit=10 come back exactly once each, in creation order', async (t) => {
    const ids = await walk(api, 'limit=10')
    t.equal(ids.length, 57)
    t.same(
      ids,
      created.map((u) => u.id),
    )
  })

  t.test('the next page is linked with rel="next", with the same query', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users?limit=5&sort=-name' })
    const { nextCursor } = res.json() as Page
    t.equal(res.headers.link, `</api/users?limit=5&sort=-name&cursor=${nextCursor}>; rel="next"`)
    const next = await api.request({ method: 'GET', url: `/api/users?limit=5&sort=-name&cursor=${nextCursor}` })
    t.equal(next.statusCode, 200)
  })

  t.test('the default page holds 20', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users' })
    t.equal(res.json().data.length, 20)
    t.type(res.json().nextCursor, 'string')
  })

  for (const sort of ['createdAt', '-createdAt', 'email', '-email', 'name', '-name'] as const) {
    t.test(`sort=${sort} walks every user once, in order`, async (t) => {
      const ids = await walk(api, `limit=7&sort=${sort}`)
      const field = sort.replace('-', '') as 'createdAt' | 'email' | 'name'
      const expected = [...created].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.id < b.id ? -1 : 1))
      if (sort.startsWith('-')) expected.reverse()
      t.same(
        ids,
        expected.map((u) => u.id),
      )
    })
  }

  t.test('filters', async (t) => {
    const target = created[17]!
    const byEmail = await api.request({ method: 'GET', url: `/api/users?email=${encodeURIComponent(target.email.toUpperCase())}` })
    t.same(
      byEmail.json().data.map((u: { id: string }) => u.id),
      [target.id],
      'email ignores case',
    )

    const disabled = await walk(api, 'limit=4&status=disabled')
    t.same(
      disabled,
      created.filter((u) => u.status === 'disabled').map((u) => u.id),
    )

    const byName = await api.request({ method: 'GET', url: '/api/users?q=MBER%204&limit=100' })
    t.same(
      byName.json().data.map((u: { name: string }) => u.name),
      ['Member 40', 'Member 41', 'Member 42', 'Member 43', 'Member 44', 'Member 45', 'Member 46', 'Member 47', 'Member 48', 'Member 49'],
      'q finds a part of the name, ignoring case',
    )
    const byEmailPart = await api.request({ method: 'GET', url: `/api/users?q=${target.email.slice(5, 12).toUpperCase()}` })
    t.same(
      byEmailPart.json().data.map((u: { id: string }) => u.id),
      [target.id],
      'q finds a part of the email',
    )

    const from = created[10]!.createdAt
    const to = created[20]!.createdAt
    const window = await walk(api, `limit=3&createdAfter=${from}&createdBefore=${to}`)
    const expected = created.filter((u) => u.createdAt > from && u.createdAt < to).map((u) => u.id)
    t.ok(expected.length > 0)
    t.same(window, expected, 'createdAfter and createdBefore are exclusive bounds')

    const combined = await walk(api, 'limit=2&status=active&q=member%205&sort=-name')
    t.same(
      combined,
      created
        .filter((u) => u.status === 'active' && u.name.startsWith('Member 5'))
        .map((u) => u.id)
        .reverse(),
    )
  })

  t.test('cursors stay usable for the longest sort values', async (t) => {
    // 4-byte characters make the longest sort key a cursor has to carry
    for (let i = 0; i < 3; i++) await createUser(api, { email: `${'z'.repeat(300)}${i}@example.com`, name: `${'😀'.repeat(199)}${i}` })
    for (const sort of ['-email', '-name']) {
      const first = (await api.request({ method: 'GET', url: `/api/users?limit=1&sort=${sort}` })).json() as Page
      if (sort === '-name') t.ok(first.nextCursor!.length > 1024, 'a long cursor')
      const next = await api.request({ method: 'GET', url: `/api/users?limit=1&sort=${sort}&cursor=${first.nextCursor}` })
      t.equal(next.statusCode, 200, sort)
    }
  })

  t.test('a cursor is tamper-proof and bound to its sort and filters', async (t) => {
    const first = (await api.request({ method: 'GET', url: '/api/users?limit=5&sort=email' })).json() as Page
    const cursor = first.nextCursor!
    for (let i = 0; i < cursor.length; i += 7) {
      const flipped = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1)
      const res = await api.request({ method: 'GET', url: `/api/users?limit=5&sort=email&cursor=${flipped}` })
      t.equal(res.statusCode, 400, `flipped character ${i}`)
      t.equal(res.json().errors[0].pointer, '/query/cursor')
    }
    for (const other of ['sort=-email', 'sort=name', 'sort=email&status=active', 'sort=email&q=x']) {
      const res = await api.request({ method: 'GET', url: `/api/users?limit=5&${other}&cursor=${cursor}` })
      t.equal(res.statusCode, 400, `reused with ${other}`)
      t.equal(res.json().errors[0].pointer, '/query/cursor')
    }
    const sameQueryOtherLimit = await api.request({ method: 'GET', url: `/api/users?limit=9&sort=email&cursor=${cursor}` })
    t.equal(sameQueryOtherLimit.statusCode, 200, 'the page size may change between pages')
  })

  for (const [query, pointer] of [
    ['limit=0', '/query/limit'],
    ['limit=-1', '/query/limit'],
    ['limit=101', '/query/limit'],
    ['limit=2.5', '/query/limit'],
    ['limit=ten', '/query/limit'],
    ['cursor=bm9wZQ', '/query/cursor'],
    ['cursor=%25%25', '/query/cursor'],
    ['sort=age', '/query/sort'],
    ['status=gone', '/query/status'],
    ['createdAfter=yesterday', '/query/createdAfter'],
    ['limt=5', '/query/limt'],
  ]) {
    t.test(`400 for ${query}`, async (t) => {
      const res = await api.request({ method: 'GET', url: `/api/users?${query}` })
      t.equal(res.statusCode, 400)
      t.equal(res.json().code, 'validation_failed')
      t.same(
        res.json().errors.map((e: { pointer: string }) => e.pointer),
        [pointer],
      )
    })
  }
})

t.test('a walk while users are created and deleted returns every user that existed throughout exactly once', async (t) => {
  const api = await build(t)
  const initial = []
  for (let i = 0; i < 57; i++) initial.push(await createUser(api))
  // every page fetch is followed by a create and a delete, until 5 of each happened
  const doomed = [initial[3]!, initial[25]!, initial[40]!, initial[51]!, initial[56]!]
  const added: string[] = []
  const ids = await walk(api, 'limit=10', async (page) => {
    if (page >= 5) return
    added.push((await createUser(api)).id)
    const res = await api.request({ method: 'DELETE', url: `/api/users/${doomed[page]!.id}` })
    t.equal(res.statusCode, 204)
  })
  const survivors = initial.filter((u) => !doomed.includes(u)).map((u) => u.id)
  t.equal(new Set(ids).size, ids.length, 'no user is returned twice')
  t.same(
    ids.filter((id) => survivors.includes(id)),
    survivors,
    'every user that existed throughout, once, in order',
  )
  t.same(
    ids.filter((id) => !survivors.includes(id) && !added.includes(id)),
    ids.filter((id) => doomed.some((d) => d.id === id)),
    'nothing else but users created or deleted during the walk',
  )
  t.equal(added.length, 5)
})

// A bulk import gives its users one createdAt, and here half of them one name as well: the
// keyset condition must order them by id within the shared value, on both providers (the
// unfiltered page is SQL of our own, a filtered one Prisma's).
for (const provider of ['sqlite', 'postgresql'] as const) {
  t.test(`${provider}: users of one import, sharing createdAt and names, walk once in every sort`, async (t) => {
    const api = provider === 'sqlite' ? await build(t) : await build(t, { databaseUrl: await scratchPostgres(t) })
    const users = Array.from({ length: 23 }, (_, i) => {
      const { password: _password, ...user } = newUser({ name: i % 2 ? 'Same Name' : `Name ${String(i).padStart(2, '0')}` })
      // an Argon2id hash another system made (the import keeps it; nobody signs in here)
      return { ...user, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qLml3jAk1Ms7Y4W3yMfJDGVbAzc9GqXqK8Se6RmC1rE' }
    })
    const imported = await api.request({
      method: 'POST',
      url: '/api/user-imports',
      headers: { 'content-type': 'application/json' },
      payload: { users },
    })
    t.equal(imported.statusCode, 200)
    t.equal(imported.json().created, users.length, 'every user imported')
    const all = (await api.request({ method: 'GET', url: '/api/users?limit=100' })).json().data as Page['data']
    t.equal(new Set(all.map((u) => u.createdAt)).size, 1, 'one createdAt for all of them')
    for (const sort of ['createdAt', '-createdAt', 'name', '-name', 'email', '-email'] as const) {
      const field = sort.replace('-', '') as 'createdAt' | 'email' | 'name'
      const expected = [...all].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.id < b.id ? -1 : 1))
      if (sort.startsWith('-')) expected.reverse()
      for (const query of [`limit=4&sort=${sort}`, `limit=4&sort=${sort}&status=active`]) {
        t.same(
          await walk(api, query),
          expected.map((u) => u.id),
          query,
        )
      }
    }
  })
}
