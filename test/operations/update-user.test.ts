import t from 'tap'
import { build, createUser } from '../helpers/app.js'

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
