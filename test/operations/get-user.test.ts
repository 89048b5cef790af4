import t from 'tap'
import { build, createUser } from '../helpers/app.js'

t.test('getUser', async (t) => {
  const api = await build(t)
  const user = await createUser(api)

  t.test('200 with the user', async (t) => {
    const res = await api.request({ method: 'GET', url: `/api/users/${user.id}` })
    t.equal(res.statusCode, 200)
    t.same(res.json(), user)
  })

  t.test('HEAD answers like GET without a body', async (t) => {
    const res = await api.request({ method: 'HEAD', url: `/api/users/${user.id}` })
    t.equal(res.statusCode, 200)
    t.equal(res.body, '')
  })

  t.test('404 for an id no user has', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f' })
    t.equal(res.statusCode, 404)
    t.equal(res.json().code, 'not_found')
  })

  t.test('400 with a pointer for a malformed id', async (t) => {
    const res = await api.request({ method: 'GET', url: '/api/users/not-a-uuid' })
    t.equal(res.statusCode, 400)
    t.same(
      res.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/path/id'],
    )
  })
})
