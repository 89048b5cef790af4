import bcrypt from 'bcryptjs'
import t, { type Test } from 'tap'
import { createEventsRepository } from '../../src/events/repository.js'
import { build, createUser, issueKey, newUser, TEST_PASSWORD, type TestApp } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

type ApiUser = Record<string, unknown> & { id: string; email: string; name: string }
type FeedEvent = { id: string; type: string; occurredAt: string; data: { user: ApiUser; changedFields?: string[] } }
type FeedPage = { data: FeedEvent[]; nextCursor: string; hasMore: boolean }

const json = { 'content-type': 'application/json' }
const mergePatch = { 'content-type': 'application/merge-patch+json' }

async function feedPage(api: TestApp, query: string, as?: string): Promise<FeedPage> {
  const res = await api.request({ method: 'GET', url: `/api/events${query ? `?${query}` : ''}`, as })
  if (res.statusCode !== 200) throw new Error(`GET /api/events?${query}: ${res.statusCode} ${res.body}`)
  return res.json() as FeedPage
}

/** Every event after `cursor` (from the start without one), and the cursor to poll with next. */
async function readFeed(api: TestApp, { after, limit = 100, types = [] }: { after?: string; limit?: number; types?: string[] } = {}) {
  const events: FeedEvent[] = []
  let cursor = after
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({ limit: String(limit) })
    if (cursor) query.set('after', cursor)
    for (const type of types) query.append('type', type)
    const body = await feedPage(api, query.toString())
    events.push(...body.data)
    cursor = body.nextCursor
    if (!body.hasMore) return { events, cursor }
  }
  throw new Error('too many pages')
}

/** The cursor at the end of the feed: what follows it is what the next write appends. */
async function tail(api: TestApp): Promise<string> {
  return (await readFeed(api)).cursor
}

async function getUser(api: TestApp, id: string): Promise<{ user: ApiUser; etag: string }> {
  const res = await api.request({ method: 'GET', url: `/api/users/${id}` })
  return { user: res.json() as ApiUser, etag: res.headers.etag as string }
}

function patch(api: TestApp, id: string, body: unknown, headers: Record<string, string> = {}) {
  return api.request({ method: 'PATCH', url: `/api/users/${id}`, headers: { ...mergePatch, ...headers }, payload: JSON.stringify(body) })
}

function feedSuite(t: Test, api: TestApp) {
  /** Runs `write` and returns the events it appended. */
  async function eventsOf(write: () => Promise<unknown>): Promise<FeedEvent[]> {
    const before = await tail(api)
    await write()
    return (await readFeed(api, { after: before })).events
  }

  t.test('create: one user.created carrying the user as the API returned it', async (t) => {
    let created: ApiUser | undefined
    const events = await eventsOf(async () => {
      created = await createUser(api, { metadata: { plan: 'free' } })
    })
    t.equal(events.length, 1)
    t.match(events[0], { type: 'user.created', data: { user: { id: created?.id } } })
    t.same(events[0]?.data.user, created, 'data.user is the 201 body')
    t.notOk('changedFields' in (events[0]?.data ?? {}), 'a creation names no changed fields')
    t.match(events[0]?.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/, 'a UUIDv7: time-ordered')
  })

  t.test('patches: one user.updated each, naming the changed fields; a no-op patch appends nothing', async (t) => {
    const user = await createUser(api)
    const cases: Array<[string, unknown, string[]]> = [
      ['name', { name: 'Renamed Person' }, ['name']],
      ['password', { password: 'another long password' }, ['password']],
      ['disable', { status: 'disabled' }, ['disabledAt', 'status']],
      ['metadata', { metadata: { plan: 'pro' } }, ['metadata']],
      ['email and name', { email: `changed-${Date.now()}@example.com`, name: 'Both Changed' }, ['email', 'name']],
      ['enable again', { status: 'active' }, ['disabledAt', 'status']],
    ]
    for (const [what, body, fields] of cases) {
      let response: ApiUser | undefined
      const events = await eventsOf(async () => {
        const res = await patch(api, user.id, body)
        t.equal(res.statusCode, 200, `${what}: 200`)
        response = res.json() as ApiUser
      })
      t.equal(events.length, 1, `${what}: one event`)
      t.equal(events[0]?.type, 'user.updated', `${what}: user.updated`)
      t.same([...(events[0]?.data.changedFields ?? [])].sort(), fields, `${what}: changedFields ${fields.join(', ')}`)
      t.same(events[0]?.data.user, response, `${what}: data.user is the 200 body`)
    }

    const { user: current } = await getUser(api, user.id)
    const noop = await eventsOf(async () => {
      t.equal((await patch(api, user.id, { name: current.name, status: current.status })).statusCode, 200)
    })
    t.same(noop, [], 'a patch that changes nothing appends nothing')
  })

  t.test('replace: one user.updated naming what the new representation changed', async (t) => {
    const user = await createUser(api)
    let response: ApiUser | undefined
    const events = await eventsOf(async () => {
      const res = await api.request({
        method: 'PUT',
        url: `/api/users/${user.id}`,
        headers: json,
        payload: { email: user.email, name: 'Replaced Name', status: 'active' },
      })
      t.equal(res.statusCode, 200, res.body)
      response = res.json() as ApiUser
    })
    t.equal(events.length, 1)
    t.equal(events[0]?.type, 'user.updated')
    t.ok(events[0]?.data.changedFields?.includes('name'), `changedFields include name (${events[0]?.data.changedFields})`)
    t.notOk(events[0]?.data.changedFields?.includes('email'), 'the unchanged email is not named')
    t.same(events[0]?.data.user, response)
  })

  t.test('refused writes append nothing: 409 email_taken, 412 If-Match, 400 validation', async (t) => {
    const taken = await createUser(api)
    const other = await createUser(api)
    const events = await eventsOf(async () => {
      const dup = await api.request({ method: 'POST', url: '/api/users', headers: json, payload: newUser({ email: taken.email }) })
      t.equal(dup.statusCode, 409)
      t.equal(dup.json().code, 'email_taken')
      const dupPatch = await patch(api, other.id, { email: taken.email.toUpperCase() })
      t.equal(dupPatch.statusCode, 409)
      const stale = await patch(api, other.id, { name: 'Stale Writer' }, { 'if-match': '"stale-version"' })
      t.equal(stale.statusCode, 412)
      const staleDelete = await api.request({ method: 'DELETE', url: `/api/users/${other.id}`, headers: { 'if-match': '"stale-version"' } })
      t.equal(staleDelete.statusCode, 412)
      const invalid = await patch(api, other.id, { email: 'not an address' })
      t.equal(invalid.statusCode, 400)
      const invalidCreate = await api.request({ method: 'POST', url: '/api/users', headers: json, payload: { email: 'x@example.com' } })
      t.equal(invalidCreate.statusCode, 400)
    })
    t.same(events, [], 'no event for any of them')
  })

  t.test('delete: one user.deleted carrying the user as it was', async (t) => {
    const user = await createUser(api)
    t.equal((await patch(api, user.id, { name: 'Last Name Before Deletion' })).statusCode, 200)
    const { user: last } = await getUser(api, user.id)
    const events = await eventsOf(async () => {
      t.equal((await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })).statusCode, 204)
    })
    t.equal(events.length, 1)
    t.equal(events[0]?.type, 'user.deleted')
    t.same(events[0]?.data.user, last, 'the representation it had when it was deleted')
    const again = await eventsOf(async () => {
      t.equal((await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })).statusCode, 404)
    })
    t.same(again, [], 'deleting what is gone appends nothing')
  })

  t.test('import: one user.created per created item, none for failed items', async (t) => {
    const existing = await createUser(api)
    const items = [
      newUser(),
      { ...newUser(), password: undefined, passwordHash: bcrypt.hashSync('imported password', 4) },
      newUser({ email: existing.email }),
      newUser(),
      newUser({ email: 'no address' }),
    ]
    let results: Array<{ index: number; status: string; user?: ApiUser }> = []
    const events = await eventsOf(async () => {
      const res = await api.request({ method: 'POST', url: '/api/user-imports', headers: json, payload: { users: items } })
      t.equal(res.statusCode, 200, res.body)
      results = res.json().results
    })
    const created = results.filter((r) => r.status === 'created')
    t.same(
      results.map((r) => r.status),
      ['created', 'created', 'failed', 'created', 'failed'],
    )
    t.same(
      events.map((e) => e.type),
      created.map(() => 'user.created'),
    )
    t.same(events.map((e) => e.data.user.id).sort(), created.map((r) => r.user?.id).sort(), 'the created users, each once')
    for (const event of events) {
      const { user } = await getUser(api, event.data.user.id)
      t.same(event.data.user, user, `${user.email}: data.user is the user as the API returns it`)
    }
  })

  t.test('password verification: success is user.updated ["lastVerifiedAt"], failure appends nothing', async (t) => {
    const user = await createUser(api)
    const verify = (password: string) =>
      api.request({ method: 'POST', url: `/api/users/${user.id}/password-verification`, headers: json, payload: { password } })
    const failed = await eventsOf(async () => {
      t.same((await verify('not the password')).json(), { verified: false })
    })
    t.same(failed, [], 'a failed verification appends nothing')
    const succeeded = await eventsOf(async () => {
      t.same((await verify(TEST_PASSWORD)).json(), { verified: true })
    })
    t.equal(succeeded.length, 1)
    t.equal(succeeded[0]?.type, 'user.updated')
    t.same(succeeded[0]?.data.changedFields, ['lastVerifiedAt'])
    const { user: after } = await getUser(api, user.id)
    t.same(succeeded[0]?.data.user, after)
    t.ok(after.lastVerifiedAt, 'the event shows the time of the verification')
  })

  t.test('no stored event holds a password or a hash', async (t) => {
    const rows = await api.db.prisma.event.findMany()
    t.ok(rows.length > 10, `${rows.length} events stored`)
    for (const row of rows) {
      t.notMatch(row.data, /\$argon2|\$2[aby]\$|passwordHash|correct horse|another long password/, `event ${row.id} holds no secret`)
      const keys = Object.keys((JSON.parse(row.data) as FeedEvent['data']).user).sort()
      t.same(
        keys,
        ['createdAt', 'disabledAt', 'email', 'externalId', 'id', 'lastVerifiedAt', 'metadata', 'name', 'status', 'updatedAt'],
        'the user has exactly the fields of the API representation',
      )
    }
  })

  t.test('paging: limit=3 with nextCursor reads every event exactly once, in feed order', async (t) => {
    const whole = await readFeed(api)
    t.ok(whole.events.length > 10)
    const paged = await readFeed(api, { limit: 3 })
    t.same(
      paged.events.map((e) => e.id),
      whole.events.map((e) => e.id),
    )
    t.equal(new Set(paged.events.map((e) => e.id)).size, paged.events.length, 'no event twice')
    const times = whole.events.map((e) => e.occurredAt)
    t.same(times, [...times].sort(), 'occurredAt does not go back within the feed')
  })

  t.test('the last page has a nextCursor; polling with it returns only newer events', async (t) => {
    const { cursor } = await readFeed(api)
    const caughtUp = await feedPage(api, `after=${cursor}`)
    t.same(caughtUp.data, [], 'nothing new yet')
    t.equal(caughtUp.hasMore, false)
    t.type(caughtUp.nextCursor, 'string', 'an empty page has a nextCursor too')
    const user = await createUser(api)
    const polled = await feedPage(api, `after=${caughtUp.nextCursor}`)
    t.same(
      polled.data.map((e) => [e.type, e.data.user.id]),
      [['user.created', user.id]],
    )
    const again = await feedPage(api, `after=${polled.nextCursor}`)
    t.same(again.data, [], 'the cursor of that page moves past the new event')
  })

  t.test('type filter: only those types; polling the filtered feed neither repeats nor misses', async (t) => {
    const deleted = await readFeed(api, { types: ['user.deleted'] })
    t.ok(deleted.events.length > 0)
    t.ok(
      deleted.events.every((e) => e.type === 'user.deleted'),
      'only user.deleted',
    )
    const all = await readFeed(api)
    t.same(
      deleted.events.map((e) => e.id),
      all.events.filter((e) => e.type === 'user.deleted').map((e) => e.id),
      'the filtered feed is the feed without the other types',
    )

    let cursor = deleted.cursor
    const expected: string[] = []
    const seen: string[] = []
    for (let round = 0; round < 3; round++) {
      const a = await createUser(api)
      const b = await createUser(api)
      t.equal((await patch(api, a.id, { name: `Round ${round}` })).statusCode, 200)
      t.equal((await api.request({ method: 'DELETE', url: `/api/users/${a.id}` })).statusCode, 204)
      await createUser(api)
      t.equal((await api.request({ method: 'DELETE', url: `/api/users/${b.id}` })).statusCode, 204)
      expected.push(a.id, b.id)
      const polled = await readFeed(api, { after: cursor, limit: 1, types: ['user.deleted'] })
      seen.push(...polled.events.map((e) => e.data.user.id))
      cursor = polled.cursor
    }
    t.same(seen, expected, 'every later deletion once, in order')
    t.same((await readFeed(api, { after: cursor, types: ['user.deleted'] })).events, [], 'nothing left over')

    const mixed = await readFeed(api, { after: deleted.cursor, types: ['user.created', 'user.deleted'] })
    t.ok(
      mixed.events.every((e) => e.type !== 'user.updated'),
      'several types: the updates are left out',
    )
    t.equal(mixed.events.filter((e) => e.type === 'user.created').length, 9)
  })

  t.test('401 without a key, 403 with a key lacking events:read, 200 with it', async (t) => {
    const anonymous = await api.request({ method: 'GET', url: '/api/events', as: null })
    t.equal(anonymous.statusCode, 401)
    const usersOnly = await issueKey(api, ['users:read', 'users:write'])
    const refused = await api.request({ method: 'GET', url: '/api/events', as: usersOnly })
    t.equal(refused.statusCode, 403)
    const reader = await issueKey(api, ['events:read'])
    const page = await feedPage(api, 'limit=1', reader)
    t.equal(page.data.length, 1)
  })

  t.test('400: a cursor we did not issue, a users-list cursor, an unknown type, a bad limit', async (t) => {
    const forged = await api.request({ method: 'GET', url: '/api/events?after=forged.cursor' })
    t.equal(forged.statusCode, 400)
    t.same(
      forged.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/query/after'],
    )
    const tampered = (await tail(api)).replace(/^./, (c) => (c === 'e' ? 'f' : 'e'))
    t.equal((await api.request({ method: 'GET', url: `/api/events?after=${tampered}` })).statusCode, 400, 'a changed payload')

    const usersPage = await api.request({ method: 'GET', url: '/api/users?limit=1' })
    const usersCursor = usersPage.json().nextCursor as string
    t.ok(usersCursor)
    const crossed = await api.request({ method: 'GET', url: `/api/events?after=${usersCursor}` })
    t.equal(crossed.statusCode, 400, 'a users-list cursor is not a feed cursor')
    t.equal(crossed.json().errors[0].pointer, '/query/after')
    const back = await api.request({ method: 'GET', url: `/api/users?cursor=${await tail(api)}` })
    t.equal(back.statusCode, 400, 'nor the other way round')

    const badType = await api.request({ method: 'GET', url: '/api/events?type=user.exploded' })
    t.equal(badType.statusCode, 400)
    t.match(badType.json().errors[0].pointer, /^\/query\/type/)
    t.equal((await api.request({ method: 'GET', url: '/api/events?limit=0' })).statusCode, 400)
    t.equal((await api.request({ method: 'GET', url: '/api/events?limit=101' })).statusCode, 400)
  })

  // last: it prunes the whole feed
  t.test('410 cursor_expired for a cursor from before pruning; a fresh start and a later cursor work', async (t) => {
    const old = await tail(api)
    await createUser(api)
    const removed = await createEventsRepository(api.db).prune(new Date(Date.now() + 1000))
    t.ok(removed > 0, `${removed} events pruned`)

    const expired = await api.request({ method: 'GET', url: `/api/events?after=${old}` })
    t.equal(expired.statusCode, 410)
    t.equal(expired.json().code, 'cursor_expired')

    const fresh = await feedPage(api, '')
    t.same(fresh.data, [], 'without after: the oldest kept, here none')
    const user = await createUser(api)
    const polled = await feedPage(api, `after=${fresh.nextCursor}`)
    t.same(
      polled.data.map((e) => [e.type, e.data.user.id]),
      [['user.created', user.id]],
      'a cursor taken after pruning follows the feed',
    )
  })
}

t.test('listEvents on SQLite', async (t) => {
  feedSuite(t, await build(t))
})

t.test('listEvents on PostgreSQL', async (t) => {
  const api = await build(t, { databaseUrl: await scratchPostgres(t) })
  t.equal(api.db.provider, 'postgresql')
  feedSuite(t, api)
})
