// Two instances on one PostgreSQL database, both running delivery workers, under 8 clients
// creating, patching and deleting users: the receiver gets every acknowledged write's event
// at least once, each user's in the order of its history, and no delivery is attempted by
// both instances at once.
import t from 'tap'
import { type E2eServer, request, startServer } from '../helpers/e2e-server.js'
import { scratchPostgres } from '../helpers/postgres.js'
import { startReceiver } from '../helpers/webhook-receiver.js'

const WEBHOOKS = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_RETRY_SCHEDULE: '200,200,200,200,200,200,200,200',
  RATE_LIMIT_MAX: '1000000',
}
const CLIENTS = 8
const LOAD_MS = 10_000

t.test('two instances share the deliveries: every event at least once, in order per user, never two attempts at once', async (t) => {
  const databaseUrl = await scratchPostgres(t)

  const receiver = await startReceiver(t)
  const open = new Map<string, number>()
  let overlaps = 0
  receiver.respond(async (_request, response, received) => {
    const id = received.headers['webhook-id'] ?? ''
    open.set(id, (open.get(id) ?? 0) + 1)
    if (open.get(id)! > 1) overlaps++
    // a little work, so that two attempts of one delivery would overlap
    await new Promise((resolve) => setTimeout(resolve, 5))
    open.set(id, open.get(id)! - 1)
    response.writeHead(204).end()
  })
  const [a, b] = await Promise.all([startServer(t, databaseUrl, WEBHOOKS), startServer(t, databaseUrl, WEBHOOKS)])
  const registered = await request(t, a!, 'POST', '/api/webhook-endpoints', { body: { url: receiver.url, eventTypes: ['*'] } })
  t.equal(registered.status, 201)
  receiver.useSecret(registered.json.secret)

  // each user's acknowledged history, in the order its writes were acknowledged
  const histories = new Map<string, string[]>()
  const servers: E2eServer[] = [a!, b!]
  const until = Date.now() + LOAD_MS
  let writes = 0
  let failures = 0
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let round = 0; Date.now() < until; round++) {
        const server = servers[(client + round) % 2]!
        const created = await request(t, server, 'POST', '/api/users', {
          body: { email: `c${client}-r${round}@example.com`, name: `Client ${client}`, password: 'correct horse' },
        })
        if (created.status !== 201) {
          failures++
          continue
        }
        const id = created.json.id as string
        const history = ['user.created']
        histories.set(id, history)
        for (const [i, other] of [servers[0]!, servers[1]!, servers[0]!].entries()) {
          const patched = await request(t, other, 'PATCH', `/api/users/${id}`, { body: { name: `Client ${client} ${i}` } })
          if (patched.status === 200) history.push('user.updated')
          else failures++
        }
        if (round % 2 === 0) {
          const deleted = await request(t, servers[round % 2]!, 'DELETE', `/api/users/${id}`)
          if (deleted.status === 204) history.push('user.deleted')
          else failures++
        }
        writes += history.length
      }
    }),
  )
  t.equal(failures, 0, 'every write was acknowledged')
  t.comment(`${writes} acknowledged writes of ${histories.size} users in ${LOAD_MS / 1000} s`)

  /** Each user's events as first received (a repeat keeps its first place). */
  const receivedHistories = () => {
    const seen = new Set<string>()
    const byUser = new Map<string, string[]>()
    for (const r of receiver.events()) {
      if (!r.verified.ok || seen.has(r.verified.event.id)) continue
      seen.add(r.verified.event.id)
      const list = byUser.get(r.verified.event.data.user.id) ?? []
      list.push(r.verified.event.type)
      byUser.set(r.verified.event.data.user.id, list)
    }
    return byUser
  }
  await receiver.waitFor(
    () => {
      const got = receivedHistories()
      return [...histories].every(([id, history]) => (got.get(id)?.length ?? 0) >= history.length)
    },
    'every event',
    120_000,
  )
  const got = receivedHistories()
  const mismatched = [...histories].filter(([id, history]) => JSON.stringify(got.get(id)) !== JSON.stringify(history))
  t.same(mismatched, [], `each of the ${histories.size} users' events arrived in the order of its history`)
  t.ok(
    receiver.received.every((r) => r.verified.ok),
    'every delivery verifies',
  )
  t.equal(overlaps, 0, 'no delivery was attempted twice at once')
  t.comment(`${receiver.received.length} requests for ${writes} events`)
  for (const server of servers) t.equal((await server.stop('SIGTERM')).code, 0, 'an instance shuts down cleanly')
})
