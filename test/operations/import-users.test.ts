import bcrypt from 'bcryptjs'
import t from 'tap'
import { build, createUser, issueKey, newUser, type TestApp } from '../helpers/app.js'

// Bulk import as an integrator moving a user base in does it: hashes made by another library,
// some duplicates, one request, then every user signs in with the password it always had.
const json = { 'content-type': 'application/json' }
type Outcome = {
  index: number
  status: 'created' | 'failed'
  user?: { id: string; email: string }
  problem?: { code: string; errors?: Array<{ pointer: string }>; existingUserId?: string }
}

const importUsers = (api: TestApp, users: unknown[], headers: Record<string, string> = {}) =>
  api.request({ method: 'POST', url: '/api/user-imports', headers: { ...json, ...headers }, payload: { users } })

/** A user to import with a bcrypt hash (cost 4: the format is what matters here, not the cost). */
const withHash = (overrides: Record<string, unknown> = {}) => {
  const { password: _password, ...user } = newUser(overrides)
  return { ...user, passwordHash: bcrypt.hashSync('imported password', 4) }
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run))
}

t.test('importUsers', async (t) => {
  const api = await build(t)

  t.test(
    '1 000 users with bcryptjs hashes, duplicates among them: an outcome per item, then every one verifies and is rehashed',
    async (t) => {
      const existing = await createUser(api, { email: 'already-here@example.com' })
      const people = Array.from({ length: 1000 }, (_, i) => ({
        email: `moved-${i}@example.com`,
        name: `Moved ${i}`,
        password: `old-system-password-${i}`,
      }))
      const items: Array<Record<string, unknown>> = people.map((p) => ({
        email: p.email,
        name: p.name,
        passwordHash: bcrypt.hashSync(p.password, 4),
      }))
      // duplicates: of an earlier item (in another letter case) and of a user already there
      items[500] = { ...items[500], email: 'MOVED-3@example.com' }
      items[700] = { ...items[700], email: existing.email }
      items[900] = { ...items[900], externalId: 'legacy-9' }
      items[901] = { ...items[901], externalId: 'legacy-9' }

      const res = await importUsers(api, items)
      t.equal(res.statusCode, 200)
      const body = res.json() as { created: number; failed: number; results: Outcome[] }
      t.same([body.created, body.failed], [997, 3])
      t.same(
        body.results.map((r) => r.index),
        items.map((_, i) => i),
        'one outcome per item, in order',
      )
      const failed = body.results.filter((r) => r.status === 'failed')
      t.same(
        failed.map((r) => [r.index, r.problem?.code]),
        [
          [500, 'email_taken'],
          [700, 'email_taken'],
          [901, 'external_id_taken'],
        ],
      )
      const byIndex = (i: number) => body.results[i]!
      t.equal(byIndex(500).problem?.existingUserId, byIndex(3).user?.id, 'the earlier item of the same request is named')
      t.equal(byIndex(700).problem?.existingUserId, existing.id)
      t.equal(byIndex(0).user?.email, 'moved-0@example.com')
      t.notMatch(res.body, /\$2[aby]\$|passwordHash/, 'no hash in the answer')

      const created = body.results
        .filter((r) => r.status === 'created')
        .map((r) => ({ id: r.user!.id, password: people[r.index]!.password }))
      const verified: boolean[] = []
      await inBatches(created, 8, async ({ id, password }) => {
        const v = await api.request({ method: 'POST', url: `/api/users/${id}/password-verification`, headers: json, payload: { password } })
        verified.push(v.statusCode === 200 && v.json().verified === true)
      })
      t.equal(verified.filter(Boolean).length, created.length, `all ${created.length} verify with the password they had`)
      const hashes = await api.db.prisma.user.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { passwordHash: true } })
      t.equal(hashes.filter((h) => h.passwordHash.startsWith('$argon2id$')).length, created.length, 'every stored hash is Argon2id now')
    },
  )

  t.test('one bad item fails alone, with pointers into the request', async (t) => {
    const bad = [
      { email: 'not-an-email', name: 'X', password: 'long enough' },
      { email: 'both@example.com', name: 'Both', password: 'long enough', passwordHash: bcrypt.hashSync('x', 4) },
      { email: 'neither@example.com', name: 'Neither' },
      { email: 'md5@example.com', name: 'Md5', passwordHash: '$1$saltsalt$qjXMvbEw8oaL.CzflDugX/' },
      { email: 'extra@example.com', name: 'Extra', password: 'long enough', role: 'admin' },
      { email: 'meta@example.com', name: 'Meta', password: 'long enough', metadata: { 'bad key': 'v' } },
    ]
    const res = await importUsers(api, [newUser(), ...bad, 'not an object'])
    t.equal(res.statusCode, 400, 'an item that is not an object fails the request as a whole')
    t.same(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/body/users/7'],
    )
    const ok = await importUsers(api, [newUser(), ...bad, newUser({ status: 'disabled', externalId: 'crm-7', metadata: { plan: 'pro' } })])
    t.equal(ok.statusCode, 200)
    const results = ok.json().results as Outcome[]
    t.same(
      results.map((r) => r.status),
      ['created', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'created'],
    )
    t.same(
      results.filter((r) => r.problem).map((r) => [r.problem!.code, r.problem!.errors?.map((e) => e.pointer)]),
      [
        ['validation_failed', ['/body/users/1/email']],
        ['validation_failed', ['/body/users/2']],
        ['validation_failed', ['/body/users/3']],
        ['validation_failed', ['/body/users/4/passwordHash']],
        ['validation_failed', ['/body/users/5/role']],
        ['validation_failed', ['/body/users/6/metadata/bad key']],
      ],
    )
    const last = results[7]!.user as unknown as { status: string; externalId: string; metadata: object; disabledAt: string | null }
    t.same([last.status, last.externalId, last.metadata], ['disabled', 'crm-7', { plan: 'pro' }])
    t.ok(last.disabledAt, 'imported disabled: disabledAt is set')
    t.equal(await api.db.prisma.user.count({ where: { email: { in: ['both@example.com', 'md5@example.com', 'extra@example.com'] } } }), 0)
  })

  t.test('the request as a whole: a list of 1 to 1 000 objects', async (t) => {
    for (const [what, payload, pointer] of [
      ['no users', { users: [] }, '/body/users'],
      ['1 001 users', { users: Array.from({ length: 1001 }, () => ({})) }, '/body/users'],
      ['users not a list', { users: {} }, '/body/users'],
      ['an unknown property', { users: [newUser()], dryRun: true }, '/body/dryRun'],
    ] as const) {
      const res = await api.request({ method: 'POST', url: '/api/user-imports', headers: json, payload })
      t.equal(res.statusCode, 400, what)
      t.same(
        res.json().errors.map((e: { pointer: string }) => e.pointer),
        [pointer],
        what,
      )
    }
  })

  t.test('a body larger than the ordinary limit is accepted for an import', async (t) => {
    const payload = JSON.stringify({ users: Array.from({ length: 300 }, (_, i) => withHash({ name: `Big ${i} ${'x'.repeat(150)}` })) })
    t.ok(payload.length > api.config.bodyLimit, `${payload.length} bytes, over BODY_LIMIT_BYTES`)
    const res = await api.request({ method: 'POST', url: '/api/user-imports', headers: json, payload })
    t.equal(res.statusCode, 200)
    t.equal(res.json().created, 300)
  })

  t.test('Idempotency-Key: a retry replays the first answer and creates nothing', async (t) => {
    const items = [withHash()]
    const first = await importUsers(api, items, { 'idempotency-key': 'import-1' })
    const again = await importUsers(api, items, { 'idempotency-key': 'import-1' })
    t.equal(again.headers['idempotent-replayed'], 'true')
    t.same(again.json(), first.json())
    t.equal(first.json().created, 1)
    t.equal(await api.db.prisma.user.count({ where: { email: items[0]!.email } }), 1)
    const other = await importUsers(api, [newUser()], { 'idempotency-key': 'import-1' })
    t.equal(other.statusCode, 422)
  })

  t.test('two imports of the same users at once: each user created once, the other import told email_taken', async (t) => {
    const items = Array.from({ length: 200 }, (_, i) => withHash({ email: `racing-${i}@example.com` }))
    const [a, b] = await Promise.all(
      [0, 1].map(() => api.fetch('/api/user-imports', { method: 'POST', headers: json, body: JSON.stringify({ users: items }) })),
    )
    t.same([a!.status, b!.status], [200, 200])
    const outcomes = [...a!.json().results, ...b!.json().results] as Outcome[]
    t.equal(outcomes.length, 400, 'each import answers an outcome for each of its 200 items')
    t.equal(outcomes.filter((o) => o.status === 'created').length, 200, 'every user created once, by one import or the other')
    t.ok(
      outcomes.filter((o) => o.status === 'failed').every((o) => o.problem?.code === 'email_taken'),
      'every other outcome is email_taken',
    )
    t.equal(await api.db.prisma.user.count({ where: { email: { startsWith: 'racing-' } } }), 200)
  })

  t.test('scopes: users:write imports; the conflict names users only to a key that may read them', async (t) => {
    const holder = await createUser(api)
    const writer = await issueKey(api, ['users:write'])
    const res = await api.request({
      method: 'POST',
      url: '/api/user-imports',
      headers: json,
      payload: { users: [newUser({ email: holder.email })] },
      as: writer,
    })
    t.equal(res.statusCode, 200)
    t.same(res.json().results[0].problem, { code: 'email_taken', detail: 'Another user already has this email.' })
    const reader = await issueKey(api, ['users:read'])
    t.equal(
      (await api.request({ method: 'POST', url: '/api/user-imports', headers: json, payload: { users: [newUser()] }, as: reader }))
        .statusCode,
      403,
    )
  })
})
