import t from 'tap'
import { build, createUser } from '../helpers/app.js'
import { scratchPostgres } from '../helpers/postgres.js'

const patch = (id: string, payload: unknown, contentType = 'application/merge-patch+json') => ({
  method: 'PATCH' as const,
  url: `/api/users/${id}`,
  headers: { 'content-type': contentType },
  payload: JSON.stringify(payload),
})

t.test('updateUser', async (t) => {
  const api = await build(t)

  t.test('200 changes only the fields present', async (t) => {
    const user = await createUser(api)
    const res = await api.request(patch(user.id, { status: 'disabled' }))
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.match(body, { id: user.id, email: user.email, name: user.name, status: 'disabled', createdAt: user.createdAt })
    t.not(body.updatedAt, user.updatedAt, 'updatedAt moves')
  })

  t.test('an empty patch, or one that changes nothing, keeps updatedAt', async (t) => {
    const user = await createUser(api)
    for (const payload of [{}, { name: user.name, status: user.status }]) {
      const res = await api.request(patch(user.id, payload))
      t.equal(res.statusCode, 200)
      t.same(res.json(), user)
    }
  })

  t.test('400 for null on a required field, and for unknown properties', async (t) => {
    const user = await createUser(api)
    const res = await api.request(patch(user.id, { name: null, createdAt: '2020-01-01T00:00:00Z' }))
    t.equal(res.statusCode, 400)
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort()
    t.same(pointers, ['/body/createdAt', '/body/name'])
  })

  t.test('409 when the email belongs to another user', async (t) => {
    const other = await createUser(api)
    const user = await createUser(api)
    const res = await api.request(patch(user.id, { email: other.email }))
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'email_taken')
    t.equal(res.json().existingUserId, other.id)
    t.equal(res.headers.link, `</api/users/${other.id}>; rel="existing"`)
  })

  t.test('404 for a missing user', async (t) => {
    const res = await api.request(patch('01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f', { name: 'x' }))
    t.equal(res.statusCode, 404)
  })

  t.test('application/json is read as a merge patch too (what most generated clients send)', async (t) => {
    const user = await createUser(api)
    const res = await api.request(patch(user.id, { name: 'Plain JSON' }, 'application/json'))
    t.equal(res.statusCode, 200)
    t.equal(res.json().name, 'Plain JSON')
    t.equal(res.json().email, user.email, 'fields not in the patch are kept')
  })

  t.test('415 for a body that is neither JSON nor a merge patch', async (t) => {
    const user = await createUser(api)
    const res = await api.request({ ...patch(user.id, {}), headers: { 'content-type': 'text/plain' }, payload: 'name=x' })
    t.equal(res.statusCode, 415)
    t.equal(res.json().code, 'unsupported_media_type')
  })

  t.test('400 for malformed JSON in a merge patch', async (t) => {
    const user = await createUser(api)
    const res = await api.request({ ...patch(user.id, {}), payload: '{"name":' })
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'malformed_json')
  })
})

// An update is written with SQL of our own through the driver adapter (db/select.ts), one
// text per provider's dialect: everything it writes, and every problem it can meet, on both.
for (const provider of ['sqlite', 'postgresql'] as const) {
  t.test(`${provider}: what an update writes, and the conflicts it meets`, async (t) => {
    const api = provider === 'sqlite' ? await build(t) : await build(t, { databaseUrl: await scratchPostgres(t) })
    const other = await createUser(api, { externalId: 'crm-other' })
    const user = await createUser(api, { metadata: { plan: 'free', region: 'eu' } })

    const renamed = await api.request({
      ...patch(user.id, { name: 'Renamed', metadata: { plan: 'pro', region: null } }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    })
    t.equal(renamed.statusCode, 200)
    t.equal(renamed.headers.etag, '"2"')
    t.same(renamed.json().metadata, { plan: 'pro' })
    const read = await api.request({ method: 'GET', url: `/api/users/${user.id}` })
    t.same(read.json(), renamed.json(), 'a read returns what the update answered')
    const byPlan = (value: string) =>
      api.request({ method: 'GET', url: `/api/users?metadata[plan]=${value}` }).then((r) => r.json().data.map((u: { id: string }) => u.id))
    t.same(await byPlan('pro'), [user.id], 'the metadata index holds the new value')
    t.same(await byPlan('free'), [], 'and not the old one')
    const events = (await api.request({ method: 'GET', url: `/api/events?type=user.updated&limit=10` })).json().data
    t.same(
      events.map((e: { data: { user: { id: string; name: string }; changedFields: string[] } }) => [
        e.data.user.id,
        e.data.user.name,
        e.data.changedFields,
      ]),
      [[user.id, 'Renamed', ['name', 'metadata']]],
      'one user.updated event with the fields that changed',
    )

    const stale = await api.request({
      ...patch(user.id, { name: 'Late' }),
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    })
    t.equal(stale.statusCode, 412)
    t.equal(stale.headers.etag, '"2"')

    const email = await api.request(patch(user.id, { email: other.email.toUpperCase() }))
    t.equal(email.statusCode, 409)
    t.equal(email.json().code, 'email_taken')
    t.equal(email.json().existingUserId, other.id)
    const externalId = await api.request(patch(user.id, { externalId: 'crm-other' }))
    t.equal(externalId.statusCode, 409)
    t.equal(externalId.json().code, 'external_id_taken')
    t.equal(externalId.json().existingUserId, other.id)

    const disabled = await api.request(patch(user.id, { status: 'disabled' }))
    t.type(disabled.json().disabledAt, 'string')
    const enabled = await api.request(patch(user.id, { status: 'active' }))
    t.equal(enabled.json().disabledAt, null)
    t.equal(enabled.headers.etag, '"4"', 'the refused writes changed nothing')
  })
}
