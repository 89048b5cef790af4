// The change feed under load, as operators run it: two real server processes on one
// PostgreSQL database, 8 clients creating, patching and deleting users at random for 10 s,
// and a reader following the feed the whole time. Afterwards the feed read from the start
// must hold exactly one event per acknowledged write, each user's in the order of its
// history, and the follower must have seen exactly that feed, in that order: no gaps.
import t from 'tap'
import { request, startServer, type E2eServer } from '../helpers/e2e-server.js'
import { scratchPostgres } from '../helpers/postgres.js'

const WRITERS = 8
const RUN_MS = 10_000
// what the writers may be answered: a user another writer deleted first is a 404
const ACCEPTABLE = new Set([200, 201, 204, 404])

type ApiUser = { id: string; email: string; name: string; updatedAt: string; metadata: Record<string, unknown> }
type FeedEvent = { id: string; type: string; data: { user: ApiUser; changedFields?: string[] } }
type Write = { kind: 'created' | 'updated' | 'deleted'; userId: string; version: number; body?: ApiUser }

/** What identifies the result of one write: every patch here sets a value nothing else sets. */
const stateOf = (user: ApiUser) => JSON.stringify([user.id, user.updatedAt, user.email, user.name, user.metadata])
const versionOf = (etag: string | undefined) => Number(/^"(\d+)"$/.exec(etag ?? '')?.[1])

t.test('8 writers on two instances for 10 s: the feed holds each acknowledged write once, in order, without gaps', async (t) => {
  const databaseUrl = await scratchPostgres(t)
  const env = { RATE_LIMIT_MAX: '1000000', EVENT_RETENTION_DAYS: '30' }
  // one after the other: both would migrate the fresh database at once otherwise
  const servers: E2eServer[] = []
  servers.push(await startServer(t, databaseUrl, env))
  servers.push(await startServer(t, databaseUrl, env))
  t.teardown(async () => {
    for (const server of servers) {
      const exit = await server.stop('SIGTERM')
      if (exit.code !== 0) throw new Error(`server exited with ${JSON.stringify(exit)}\n${server.stderr()}`)
    }
  })

  const writes: Write[] = []
  const statuses = new Map<number, number>()
  const live: string[] = []
  let writing = true

  async function writer(worker: number) {
    for (let seq = 0; writing; seq++) {
      const server = servers[(worker + seq) % servers.length] as E2eServer
      const tag = `w${worker}-${seq}`
      const roll = Math.random()
      const target = live[Math.floor(Math.random() * live.length)]
      let response: Awaited<ReturnType<typeof request>>
      let kind: Write['kind']
      if (live.length < 6 || !target || roll < 0.3) {
        kind = 'created'
        response = await request(t, server, 'POST', '/api/users', {
          body: { email: `${tag}@example.com`, name: `Created ${tag}`, password: 'correct horse battery' },
        })
        if (response.status === 201) live.push(response.json.id)
      } else if (roll < 0.85) {
        kind = 'updated'
        const body = roll < 0.6 ? { name: `Patched ${tag}` } : { metadata: { tag } }
        response = await request(t, server, 'PATCH', `/api/users/${target}`, { body })
      } else {
        kind = 'deleted'
        response = await request(t, server, 'DELETE', `/api/users/${target}`)
        const at = live.indexOf(target)
        if ((response.status === 204 || response.status === 404) && at >= 0) live.splice(at, 1)
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      if (response.status === 404 || !ACCEPTABLE.has(response.status)) continue
      const userId = kind === 'created' ? response.json.id : (target as string)
      writes.push({
        kind,
        userId,
        version: kind === 'deleted' ? Number.POSITIVE_INFINITY : versionOf(response.headers.etag),
        ...(kind === 'deleted' ? {} : { body: response.json }),
      })
    }
  }

  // the follower polls both instances in turn with the cursor it was given last
  const followed: FeedEvent[] = []
  let cursor: string | undefined
  let polls = 0
  async function poll() {
    const server = servers[polls++ % servers.length] as E2eServer
    const response = await request(t, server, 'GET', `/api/events?limit=100${cursor ? `&after=${cursor}` : ''}`)
    if (response.status !== 200) throw new Error(`polling the feed: ${response.status} ${response.text}`)
    followed.push(...response.json.data)
    cursor = response.json.nextCursor
    return response.json.hasMore as boolean
  }
  async function follower() {
    while (writing) await poll()
  }

  const started = Date.now()
  const stop = setTimeout(() => {
    writing = false
  }, RUN_MS)
  t.teardown(() => clearTimeout(stop))
  await Promise.all([...Array.from({ length: WRITERS }, (_, i) => writer(i)), follower()])
  const ranFor = Date.now() - started
  while (await poll()) {}

  t.same(
    [...statuses.keys()].filter((status) => !ACCEPTABLE.has(status)),
    [],
    `writers were answered ${JSON.stringify(Object.fromEntries(statuses))} in ${ranFor} ms`,
  )
  // a floor that only a run that hardly wrote misses, even on a loaded machine
  t.ok(writes.length > 20, `${writes.length} acknowledged writes`)
  t.ok(polls > 10, `${polls} polls while writing`)

  const feed: FeedEvent[] = []
  let after = ''
  for (;;) {
    const response = await request(t, servers[0] as E2eServer, 'GET', `/api/events?limit=100${after ? `&after=${after}` : ''}`)
    feed.push(...response.json.data)
    after = response.json.nextCursor
    if (!response.json.hasMore) break
  }

  t.equal(feed.length, writes.length, 'as many events as acknowledged writes')
  // each event matched to the one write it records
  const unmatched = new Map<string, Write>()
  const keyOf = (kind: string, userId: string, user?: ApiUser) =>
    kind === 'deleted' || !user ? `${kind} ${userId}` : `${kind} ${stateOf(user)}`
  const ambiguous: string[] = []
  for (const write of writes) {
    const key = keyOf(write.kind, write.userId, write.body)
    if (unmatched.has(key)) ambiguous.push(key)
    unmatched.set(key, write)
  }
  t.same(ambiguous, [], 'no two acknowledged writes with the same outcome')
  const history = new Map<string, Write[]>()
  const extra: FeedEvent[] = []
  for (const event of feed) {
    const kind = event.type.replace('user.', '')
    const key = keyOf(kind, event.data.user.id, kind === 'deleted' ? undefined : event.data.user)
    const write = unmatched.get(key)
    if (!write) {
      extra.push(event)
      continue
    }
    unmatched.delete(key)
    history.set(write.userId, [...(history.get(write.userId) ?? []), write])
  }
  t.same(extra, [], 'no event without an acknowledged write')
  t.same([...unmatched.values()], [], 'no acknowledged write without its event')

  let outOfOrder = 0
  for (const [userId, events] of history) {
    const deletion = events.findIndex((write) => write.kind === 'deleted')
    const ordered =
      events[0]?.kind === 'created' &&
      events.every((write, i) => i === 0 || write.version > (events[i - 1] as Write).version) &&
      (deletion === -1 || deletion === events.length - 1)
    if (!ordered) {
      outOfOrder++
      t.fail(`user ${userId}: events out of order: ${events.map((w) => `${w.kind}@${w.version}`).join(' ')}`)
    }
  }
  t.equal(outOfOrder, 0, `each of ${history.size} users' events follow its history (created, versions rising, deleted last)`)

  t.same(
    followed.map((event) => event.id),
    feed.map((event) => event.id),
    'the follower saw the final feed exactly, in the same order: no event skipped or repeated while writers ran',
  )
})
