import t from 'tap'
import { build, createUser } from '../helpers/app.js'

t.test('deleteUser', async (t) => {
  const api = await build(t)

  t.test('204, then the user is gone', async (t) => {
    const user = await createUser(api)
    const res = await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })
    t.equal(res.statusCode, 204)
    t.equal(res.body, '')
    t.equal((await api.request({ method: 'GET', url: `/api/users/${user.id}` })).statusCode, 404)
    const again = await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })
    t.equal(again.statusCode, 404)
    t.equal(again.json().code, 'not_found')
  })

  t.test('the email is free again after a delete', async (t) => {
    const user = await createUser(api, { email: 'reuse@example.com' })
    await api.request({ method: 'DELETE', url: `/api/users/${user.id}` })
    const again = await createUser(api, { email: 'reuse@example.com' })
    t.not(again.id, user.id)
  })

  t.test('400 for a malformed id', async (t) => {
    const res = await api.request({ method: 'DELETE', url: '/api/users/42' })
    t.equal(res.statusCode, 400)
    t.equal(res.json().errors[0].pointer, '/path/id')
  })
})
