import t from 'tap'
import { createIdempotencyStore } from '../../src/http/idempotency.js'
import { build, newUser } from '../helpers/app.js'

const post = (key: string | undefined, payload: unknown) => ({
  method: 'POST' as const,
  url: '/api/users',
  headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
  payload: JSON.stringify(payload),
})

t.test('Idempotency-Key on createUser', async (t) => {
  const api = await build(t)

  t.test('a retry replays the first outcome and creates nothing', async (t) => {
    const body = newUser()
    const first = await api.request(post('key-1', body))
    t.equal(first.statusCode, 201)
    t.equal(first.headers['idempotent-replayed'], undefined)
    // the same request, its keys in another order
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    const retry = await api.request(post('key-1', reordered))
    t.equal(retry.statusCode, 201)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(retry.body, first.body, 'identical bodies')
    t.equal(retry.headers.location, first.headers.location)
    t.equal(retry.headers.etag, first.headers.etag)
    t.equal(await api.db.prisma.user.count({ where: { email: body.email } }), 1, 'one user')
  })

  t.test('the same key with another body → 422 idempotency_key_reused', async (t) => {
    const body = newUser()
    await api.request(post('key-2', body))
    const res = await api.request(post('key-2', { ...body, name: 'Someone Else' }))
    t.equal(res.statusCode, 422)
    t.equal(res.json().code, 'idempotency_key_reused')
  })

  t.test('an error outcome is replayed too', async (t) => {
    const taken = newUser()
    await api.request(post(undefined, taken))
    const body = { ...newUser(), email: taken.email }
    const first = await api.request(post('key-3', body))
    t.equal(first.statusCode, 409)
    t.equal(first.json().code, 'email_taken')
    const retry = await api.request(post('key-3', body))
    t.equal(retry.statusCode, 409)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(retry.body, first.body)
  })

  t.test('a request rejected by validation does not use up the key', async (t) => {
    const bad = await api.request(post('key-4', { email: 'nope' }))
    t.equal(bad.statusCode, 400)
    const good = await api.request(post('key-4', newUser()))
    t.equal(good.statusCode, 201)
    t.equal(good.headers['idempotent-replayed'], undefined)
  })

  t.test('two concurrent requests with one key over HTTP create one user', async (t) => {
    const body = JSON.stringify(newUser())
    const send = () =>
      api.fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'key-6' }, body })
    const responses = await Promise.all([send(), send()])
    const created = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null)
    const others = responses.filter((r) => !created.includes(r))
    t.equal(created.length, 1, 'one request creates')
    const other = others[0]!
    // the other one either waited for the first to finish and replays it, or is told to retry
    if (other.status === 201) t.equal(other.headers.get('idempotent-replayed'), 'true')
    else t.match(other.json(), { status: 409, code: 'idempotency_key_in_use' })
    t.equal(await api.db.prisma.user.count({ where: { email: JSON.parse(body).email } }), 1, 'one user')
  })

  t.test('a key whose request is still running is deterministically 409', async (t) => {
    const body = newUser()
    // record the hash the service computes, then roll the record back to "running"
    await api.request(post('key-7', body))
    const user = await api.db.prisma.user.findUniqueOrThrow({ where: { email: body.email } })
    await api.db.prisma.user.delete({ where: { id: user.id } })
    await api.db.prisma.idempotencyRecord.update({
      where: { scope_key: { scope: 'master', key: 'key-7' } },
      data: { status: null, headers: null, body: null, createdAt: new Date() },
    })
    const res = await api.request(post('key-7', body))
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'idempotency_key_in_use')
    t.equal(res.headers['retry-after'], '1')
    t.equal(await api.db.prisma.user.count({ where: { email: body.email } }), 0, 'nothing created')

    // a request abandoned by a crashed process is taken over after a while
    await api.db.prisma.idempotencyRecord.update({
      where: { scope_key: { scope: 'master', key: 'key-7' } },
      data: { createdAt: new Date(Date.now() - 120_000) },
    })
    const takeover = await api.request(post('key-7', body))
    t.equal(takeover.statusCode, 201)
    t.equal(takeover.headers['idempotent-replayed'], undefined)
  })

  t.test('expired records are purged, and an expired key starts afresh', async (t) => {
    const body = newUser()
    await api.request(post('key-8', body))
    await api.db.prisma.idempotencyRecord.update({
      where: { scope_key: { scope: 'master', key: 'key-8' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const again = await api.request(post('key-8', { ...newUser() }))
    t.equal(again.statusCode, 201, 'an expired key is not compared with its old request')
    t.equal(again.headers['idempotent-replayed'], undefined)

    await api.db.prisma.idempotencyRecord.update({
      where: { scope_key: { scope: 'master', key: 'key-8' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const purged = await createIdempotencyStore(api.db).purgeExpired()
    t.ok(purged >= 1)
    t.equal(await api.db.prisma.idempotencyRecord.count({ where: { expiresAt: { lte: new Date() } } }), 0)
  })

  t.test('400 for an empty or oversized key', async (t) => {
    for (const key of ['x'.repeat(256), 'has space']) {
      const res = await api.request(post(key, newUser()))
      t.equal(res.statusCode, 400)
      t.equal(res.json().errors[0].pointer, '/header/idempotency-key')
    }
  })
})
