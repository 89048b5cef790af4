import t from 'tap'
import { verifyPassword } from '../../src/users/password.js'
import { build, createUser } from '../helpers/app.js'

const put = (id: string, payload: unknown) => ({
  method: 'PUT' as const,
  url: `/api/users/${id}`,
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(payload),
})

t.test('replaceUser', async (t) => {
  const api = await build(t)

  t.test('200 replaces every writable field; omitted status returns to its default', async (t) => {
    const user = await createUser(api, { status: 'disabled' })
    const res = await api.request(put(user.id, { email: ' New@Example.com ', name: 'New Name' }))
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.match(body, { id: user.id, email: 'new@example.com', name: 'New Name', status: 'active', createdAt: user.createdAt })
    t.not(body.updatedAt, user.updatedAt)
    t.same((await api.request({ method: 'GET', url: `/api/users/${user.id}` })).json(), body)
  })

  t.test('an omitted password is kept; a new one replaces it', async (t) => {
    const user = await createUser(api, { password: 'first password' })
    await api.request(put(user.id, { email: user.email, name: 'Kept' }))
    let stored = await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    t.ok(await verifyPassword(stored.passwordHash, 'first password'))
    await api.request(put(user.id, { email: user.email, name: 'Kept', password: 'second password' }))
    stored = await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    t.ok(await verifyPassword(stored.passwordHash, 'second password'))
  })

  t.test('a replacement that changes nothing keeps updatedAt', async (t) => {
    const user = await createUser(api, { password: 'same password' })
    const res = await api.request(
      put(user.id, { email: user.email.toUpperCase(), name: ` ${user.name}`, status: 'active', password: 'same password' }),
    )
    t.equal(res.statusCode, 200)
    t.same(res.json(), user)
  })

  t.test('409 when the email belongs to another user', async (t) => {
    const other = await createUser(api)
    const user = await createUser(api)
    const res = await api.request(put(user.id, { email: other.email.toUpperCase(), name: 'x' }))
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'email_taken')
    t.equal(res.json().existingUserId, other.id)
    t.equal(res.headers.link, `</api/users/${other.id}>; rel="existing"`)
  })

  t.test('404 for a missing user', async (t) => {
    const res = await api.request(put('01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f', { email: 'ghost@example.com', name: 'Ghost' }))
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'not_found')
  })

  t.test('400 for a missing required field and an unknown one', async (t) => {
    const user = await createUser(api)
    const res = await api.request(put(user.id, { name: 'No Email', id: user.id }))
    t.equal(res.statusCode, 400)
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort()
    t.same(pointers, ['/body/email', '/body/id'])
  })

  t.test('415 for a merge patch', async (t) => {
    const user = await createUser(api)
    const res = await api.request({
      ...put(user.id, { name: 'x', email: user.email }),
      headers: { 'content-type': 'application/merge-patch+json' },
    })
    t.equal(res.statusCode, 415)
  })
})
