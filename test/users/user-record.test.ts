import t from 'tap'
import { build, createUser, issueKey, newUser, type TestApp } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

// The parts of a user record integrators attach to it: their own id (externalId), their own
// data (metadata), and the status lifecycle (disabledAt). All through the API, real SQLite.
const json = { 'content-type': 'application/json' }
// a bcrypt hash another system made (cost 4): the import stores it, nothing here verifies it
const COMMON_HASH = '$2b$04$EPi.IGDsuteEJ6eold4VHOe2Vfq9KOUUZU7BpBcXLU4BjLMh/coky'
const mergePatch = { 'content-type': 'application/merge-patch+json' }

const post = (api: TestApp, body: unknown, as?: string) =>
  api.request({ method: 'POST', url: '/api/users', headers: json, payload: body as object, ...(as ? { as } : {}) })
const patch = (api: TestApp, id: string, body: unknown) =>
  api.request({ method: 'PATCH', url: `/api/users/${id}`, headers: mergePatch, payload: body as object })
const put = (api: TestApp, id: string, body: unknown) =>
  api.request({ method: 'PUT', url: `/api/users/${id}`, headers: json, payload: body as object })
const list = async (api: TestApp, query: string) => {
  const res = await api.request({ method: 'GET', url: `/api/users?${query}` })
  if (res.statusCode !== 200) throw new Error(`list ${query}: ${res.statusCode} ${res.body}`)
  return res.json() as { data: Array<{ id: string; email: string; name: string }>; nextCursor: string | null }
}
const pointers = (body: { errors?: Array<{ pointer: string }> }) => (body.errors ?? []).map((e) => e.pointer)

t.test('externalId', async (t) => {
  const api = await build(t)

  t.test('set at creation, unique, named in the conflict, filterable', async (t) => {
    const first = (await post(api, newUser({ externalId: 'crm-1' }))).json()
    t.equal(first.externalId, 'crm-1')
    const dup = await post(api, newUser({ externalId: 'crm-1' }))
    t.equal(dup.statusCode, 409)
    t.equal(dup.json().code, 'external_id_taken')
    t.equal(dup.json().existingUserId, first.id)
    t.equal(dup.headers.link, `</api/users/${first.id}>; rel="existing"`)
    const blind = await post(api, newUser({ externalId: 'crm-1' }), await issueKey(api, ['users:write']))
    t.equal(blind.json().code, 'external_id_taken')
    t.notOk('existingUserId' in blind.json(), 'a key that cannot read users learns no id')
    t.same(
      (await list(api, 'externalId=crm-1')).data.map((u) => u.id),
      [first.id],
    )
    t.same((await list(api, 'externalId=crm-none')).data, [])
  })

  t.test('a duplicate email is still email_taken when the externalId is new', async (t) => {
    const first = await createUser(api)
    const dup = await post(api, newUser({ email: first.email, externalId: 'crm-fresh' }))
    t.equal(dup.json().code, 'email_taken')
    t.equal(dup.json().existingUserId, first.id)
  })

  t.test('patch sets and null clears it; PUT without it clears it; conflicts on write', async (t) => {
    const holder = await createUser(api, { externalId: 'crm-holder' })
    const user = await createUser(api)
    t.equal((await patch(api, user.id, { externalId: 'crm-2' })).json().externalId, 'crm-2')
    const taken = await patch(api, user.id, { externalId: 'crm-holder' })
    t.equal(taken.statusCode, 409)
    t.equal(taken.json().code, 'external_id_taken')
    t.equal(taken.json().existingUserId, holder.id)
    const takenByPut = await put(api, user.id, { email: user.email, name: user.name, externalId: 'crm-holder' })
    t.equal(takenByPut.json().code, 'external_id_taken')
    t.equal((await patch(api, user.id, { externalId: null })).json().externalId, null)
    await patch(api, user.id, { externalId: 'crm-3' })
    t.equal((await put(api, user.id, { email: user.email, name: user.name })).json().externalId, null, 'a replacement without it clears it')
    t.equal((await patch(api, holder.id, { name: 'Renamed' })).json().externalId, 'crm-holder', 'a patch without it keeps it')
  })

  t.test('printable ASCII, 1–255 characters, no surrounding spaces', async (t) => {
    for (const bad of ['', ' lead', 'trail ', 'tab\there', 'é', 'x'.repeat(256)]) {
      const res = await post(api, newUser({ externalId: bad }))
      t.equal(res.statusCode, 400, JSON.stringify(bad))
      const at = pointers(res.json())
      t.ok(at.length > 0 && at.every((p) => p === '/body/externalId'), `${JSON.stringify(bad)}: ${at.join()}`)
    }
    t.equal((await post(api, newUser({ externalId: 'a b|c:1' }))).statusCode, 201, 'inner spaces and punctuation are fine')
    t.equal((await post(api, newUser({ externalId: 'x'.repeat(255) }))).statusCode, 201)
  })

  t.test('two concurrent creates with one externalId over HTTP: one 201, one 409', async (t) => {
    const responses = await Promise.all(
      [0, 1].map(() =>
        api.fetch('/api/users', { method: 'POST', headers: json, body: JSON.stringify(newUser({ externalId: 'crm-race' })) }),
      ),
    )
    t.same(responses.map((r) => r.status).sort(), [201, 409])
    t.equal(responses.find((r) => r.status === 409)?.json().code, 'external_id_taken')
  })
})

t.test('metadata', async (t) => {
  const api = await build(t)

  t.test('round-trips through create, merge patch and PUT', async (t) => {
    const user = (await post(api, newUser({ metadata: { plan: 'pro', seats: '5' } }))).json()
    t.same(user.metadata, { plan: 'pro', seats: '5' })
    const etag = (await api.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag
    const patched = await patch(api, user.id, { metadata: { seats: null, region: 'eu' } })
    t.same(patched.json().metadata, { plan: 'pro', region: 'eu' }, 'one key set, one removed, the rest kept')
    t.not(patched.headers.etag, etag)
    const same = await patch(api, user.id, { metadata: { plan: 'pro' } })
    t.equal(same.headers.etag, patched.headers.etag, 'a patch that changes nothing keeps the ETag')
    const replaced = await put(api, user.id, { email: user.email, name: user.name, metadata: { tier: 'gold' } })
    t.same(replaced.json().metadata, { tier: 'gold' }, 'PUT replaces the whole object')
    t.same((await put(api, user.id, { email: user.email, name: user.name })).json().metadata, {}, 'omitted, none afterwards')
    await patch(api, user.id, { metadata: { a: '1', b: '2' } })
    t.same((await patch(api, user.id, { metadata: null })).json().metadata, {}, 'null removes every key')
  })

  t.test('violations are a 400 pointing at the key', async (t) => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    t.equal((await post(api, newUser({ metadata: fifty }))).statusCode, 201, '50 keys are fine')
    const tooMany = await post(api, newUser({ metadata: { ...fifty, extra: 'v' } }))
    t.equal(tooMany.statusCode, 400)
    t.same(pointers(tooMany.json()), ['/body/metadata/extra'])
    const tooLong = await post(api, newUser({ metadata: { plan: 'x'.repeat(501) } }))
    t.same(pointers(tooLong.json()), ['/body/metadata/plan'])
    t.equal((await post(api, newUser({ metadata: { plan: 'x'.repeat(500) } }))).statusCode, 201, '500 characters are fine')
    for (const key of ['', 'has space', 'x'.repeat(41), 'ünï']) {
      const res = await post(api, newUser({ metadata: { [key]: 'v' } }))
      t.equal(res.statusCode, 400, JSON.stringify(key))
      t.ok(pointers(res.json()).includes(`/body/metadata/${key}`), pointers(res.json()).join())
    }
    t.same(pointers((await post(api, newUser({ metadata: { plan: 5 } }))).json()), ['/body/metadata/plan'], 'values are strings')

    const full = (await post(api, newUser({ metadata: fifty }))).json()
    const over = await patch(api, full.id, { metadata: { k0: null, fresh1: 'v', fresh2: 'v' } })
    t.equal(over.statusCode, 400, 'a merge that leaves 51 keys')
    t.same(pointers(over.json()), ['/body/metadata/fresh2'])
    t.equal((await patch(api, full.id, { metadata: { k0: null, fresh1: 'v' } })).statusCode, 200, 'one out, one in')
  })

  t.test('metadata[<key>]=<value> filters, up to 3 keys, and pages with a cursor', async (t) => {
    const pro = []
    for (let i = 0; i < 5; i++)
      pro.push((await post(api, newUser({ name: `Pro ${i}`, metadata: { plan: 'pro', region: i % 2 ? 'eu' : 'us' } }))).json())
    await post(api, newUser({ metadata: { plan: 'free', region: 'eu' } }))
    await post(api, newUser({ metadata: { plan: 'pro ' } }))
    t.same(
      (await list(api, 'metadata[plan]=pro&limit=100')).data.map((u) => u.id),
      pro.map((u) => u.id),
      'exact matches only',
    )
    t.same(
      (await list(api, 'metadata[plan]=pro&metadata[region]=eu&limit=100')).data.map((u) => u.id),
      [pro[1].id, pro[3].id],
    )
    const first = await list(api, 'metadata[plan]=pro&metadata[region]=us&limit=2')
    t.equal(first.data.length, 2)
    // the cursor is bound to the filters, not to the order the client wrote them in
    const second = await list(api, `metadata[region]=us&metadata[plan]=pro&limit=2&cursor=${first.nextCursor}`)
    t.same(
      [...first.data, ...second.data].map((u) => u.id),
      [pro[0].id, pro[2].id, pro[4].id],
    )
    const four = await api.request({ method: 'GET', url: '/api/users?metadata[a]=1&metadata[b]=2&metadata[c]=3&metadata[d]=4' })
    t.equal(four.statusCode, 400)
    t.same(pointers(four.json()), ['/query/metadata/d'])
    const badKey = await api.request({ method: 'GET', url: '/api/users?metadata[has%20space]=1' })
    t.same(pointers(badKey.json()), ['/query/metadata/has space'])
    const flat = await api.request({ method: 'GET', url: '/api/users?metadata=pro' })
    t.equal(flat.statusCode, 400)
    const proto = await api.request({ method: 'GET', url: '/api/users?metadata[__proto__]=a&metadata[__proto__]=b' })
    t.equal(proto.statusCode, 400, 'a repeated key is a list, not a string: refused, and no prototype is touched')
    t.same(pointers(proto.json()), ['/query/metadata/__proto__'])
    t.same((await list(api, 'metadata[__proto__]=x')).data, [], '__proto__ is a key like any other')
  })

  t.test('a value many users hold (more than the few looked up by id) filters and pages too', async (t) => {
    const users = Array.from({ length: 600 }, (_, i) => ({
      email: `common-${i}@example.com`,
      name: `Common ${i}`,
      passwordHash: COMMON_HASH,
      metadata: { tier: 'common', ...(i % 100 === 0 ? { flag: 'rare' } : {}) },
    }))
    const imported = await api.request({ method: 'POST', url: '/api/user-imports', headers: json, payload: { users } })
    t.equal(imported.json().created, 600)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await list(api, `metadata[tier]=common&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.data.map((u) => u.email))
      cursor = page.nextCursor
    } while (cursor)
    t.equal(seen.length, 600)
    t.equal(new Set(seen).size, 600, 'each once')
    t.same(
      (await list(api, 'metadata[tier]=common&metadata[flag]=rare&limit=100')).data.map((u) => u.email),
      Array.from({ length: 6 }, (_, i) => `common-${i * 100}@example.com`),
      'a common value with a rare one',
    )
  })

  t.test('a deleted user takes its metadata entries with it', async (t) => {
    const user = (await post(api, newUser({ metadata: { doomed: 'yes' } }))).json()
    t.equal(await api.db.prisma.userMetadata.count({ where: { userId: user.id } }), 1)
    await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })
    t.equal(await api.db.prisma.userMetadata.count({ where: { userId: user.id } }), 0)
    t.same((await list(api, 'metadata[doomed]=yes')).data, [])
  })
})

t.test('batch read by id', async (t) => {
  const api = await build(t)
  const users = []
  for (const name of ['Carol', 'Alice', 'Bob']) users.push(await createUser(api, { name }))
  const [carol, alice, bob] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]]
  const unknown = '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f'
  const byName = await list(api, `id=${bob.id}&id=${unknown}&id=${carol.id}&id=${alice.id}&sort=name`)
  t.same(
    byName.data.map((u) => u.name),
    ['Alice', 'Bob', 'Carol'],
    'in the requested sort; the unknown id is simply absent',
  )
  t.same(
    (await list(api, `id=${bob.id}`)).data.map((u) => u.id),
    [bob.id],
    'one id given once',
  )
  const page = await list(api, `id=${bob.id}&id=${carol.id}&id=${alice.id}&limit=2`)
  const rest = await list(api, `id=${alice.id}&id=${carol.id}&id=${bob.id}&limit=2&cursor=${page.nextCursor}`)
  t.same(
    [...page.data, ...rest.data].map((u) => u.id),
    [carol.id, alice.id, bob.id],
    'pages in createdAt order, whatever order the ids are given',
  )
  const many = Array.from({ length: 101 }, () => `id=${unknown}`).join('&')
  const tooMany = await api.request({ method: 'GET', url: `/api/users?${many}` })
  t.equal(tooMany.statusCode, 400)
  t.same(pointers(tooMany.json()), ['/query/id'])
  const hundred = Array.from({ length: 100 }, () => `id=${unknown}`).join('&')
  t.same((await list(api, hundred)).data, [], '100 ids are fine')
  const malformed = await api.request({ method: 'GET', url: '/api/users?id=not-a-uuid' })
  t.same(pointers(malformed.json()), ['/query/id/0'])
})

t.test('disabledAt follows the status', async (t) => {
  const api = await build(t)
  const created = (await post(api, newUser({ status: 'disabled' }))).json()
  t.equal(created.disabledAt, created.createdAt, 'created disabled: disabled since then')
  const user = await createUser(api)
  const disabled = (await patch(api, user.id, { status: 'disabled' })).json()
  t.equal(disabled.disabledAt, disabled.updatedAt)
  const renamed = (await patch(api, user.id, { name: 'Still disabled' })).json()
  t.equal(renamed.disabledAt, disabled.disabledAt, 'another change keeps it')
  const enabled = (await patch(api, user.id, { status: 'active' })).json()
  t.equal(enabled.disabledAt, null)
  t.equal(
    (await put(api, created.id, { email: created.email, name: created.name })).json().disabledAt,
    null,
    'PUT without status: active again',
  )
})

t.test('on PostgreSQL with two instances', async (t) => {
  const databaseUrl = await scratchPostgres(t)
  const a = await build(t, { databaseUrl })
  const b = await build(t, { databaseUrl })

  t.test('two concurrent creates with one externalId: one 201, one 409 external_id_taken', async (t) => {
    for (let round = 0; round < 5; round++) {
      const responses = await Promise.all(
        [a, b].map((api) =>
          api.fetch('/api/users', { method: 'POST', headers: json, body: JSON.stringify(newUser({ externalId: `pg-race-${round}` })) }),
        ),
      )
      t.same(responses.map((r) => r.status).sort(), [201, 409])
      const conflict = responses.find((r) => r.status === 409)!.json()
      t.equal(conflict.code, 'external_id_taken')
      t.equal(conflict.existingUserId, responses.find((r) => r.status === 201)!.json().id)
    }
  })

  t.test('metadata round-trips and filters on PostgreSQL', async (t) => {
    const user = (await post(a, newUser({ metadata: { plan: 'pro', seats: '5' } }))).json()
    t.same((await patch(b, user.id, { metadata: { seats: null, region: 'eu' } })).json().metadata, { plan: 'pro', region: 'eu' })
    t.same(
      (await a.request({ method: 'GET', url: `/api/users/${user.id}` })).json().metadata,
      { plan: 'pro', region: 'eu' },
      'the other instance reads it back',
    )
    t.same(
      (await list(a, 'metadata[plan]=pro&metadata[region]=eu')).data.map((u) => u.id),
      [user.id],
    )
    t.same((await list(b, `id=${user.id}&externalId=none`)).data, [])
  })
})
