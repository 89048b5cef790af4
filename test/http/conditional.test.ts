import t from 'tap'
import { matchVersions, noneMatchHits } from '../../src/http/conditional.js'
import { build, createUser } from '../helpers/app.js'

const json = { 'content-type': 'application/json' }
const mergePatch = { 'content-type': 'application/merge-patch+json' }

t.test('ETag and If-None-Match', async (t) => {
  const api = await build(t)
  const created = await api.request({
    method: 'POST',
    url: '/api/users',
    headers: json,
    payload: { email: 'etag@example.com', name: 'E', password: 'correct horse' },
  })
  const id = created.json().id
  const etag = created.headers.etag as string
  t.match(etag, /^"\d+"$/)
  t.equal(created.headers['cache-control'], 'private, no-cache')

  const read = await api.request({ method: 'GET', url: `/api/users/${id}` })
  t.equal(read.headers.etag, etag, 'the ETag of a GET is the one the create returned')

  for (const header of [etag, `W/${etag}`, `"999", ${etag}`, '*']) {
    const res = await api.request({ method: 'GET', url: `/api/users/${id}`, headers: { 'if-none-match': header } })
    t.equal(res.statusCode, 304, `If-None-Match: ${header}`)
    t.equal(res.body, '')
    t.equal(res.headers.etag, etag)
  }
  const stale = await api.request({ method: 'GET', url: `/api/users/${id}`, headers: { 'if-none-match': '"0"' } })
  t.equal(stale.statusCode, 200)

  const patched = await api.request({ method: 'PATCH', url: `/api/users/${id}`, headers: mergePatch, payload: { name: 'Changed' } })
  t.not(patched.headers.etag, etag, 'a change changes the ETag')
  const afterChange = await api.request({ method: 'GET', url: `/api/users/${id}`, headers: { 'if-none-match': etag } })
  t.equal(afterChange.statusCode, 200, 'the old ETag no longer matches')

  const noop = await api.request({ method: 'PATCH', url: `/api/users/${id}`, headers: mergePatch, payload: { name: 'Changed' } })
  t.equal(noop.headers.etag, patched.headers.etag, 'a write that changes nothing keeps the ETag')
  t.equal(noop.json().updatedAt, patched.json().updatedAt)
})

t.test('If-Match on PUT, PATCH and DELETE', async (t) => {
  const api = await build(t)

  t.test('a stale If-Match → 412 and nothing changes', async (t) => {
    const user = await createUser(api)
    const first = await api.request({ method: 'GET', url: `/api/users/${user.id}` })
    const etag = first.headers.etag as string
    await api.request({ method: 'PATCH', url: `/api/users/${user.id}`, headers: mergePatch, payload: { name: 'Someone else' } })

    const put = await api.request({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      headers: { ...json, 'if-match': etag },
      payload: { email: user.email, name: 'Mine' },
    })
    t.equal(put.statusCode, 412)
    t.equal(put.json().code, 'precondition_failed')
    const current = (await api.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag
    t.not(current, etag)
    t.equal(put.headers.etag, current, 'the 412 carries the current ETag')
    t.equal(put.json().currentEtag, current)
    const patch = await api.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { ...mergePatch, 'if-match': etag },
      payload: { name: 'Mine' },
    })
    t.equal(patch.statusCode, 412)
    t.equal(patch.headers.etag, current)
    const del = await api.request({ method: 'DELETE', url: `/api/users/${user.id}`, headers: { 'if-match': etag } })
    t.equal(del.statusCode, 412)
    t.equal(del.headers.etag, current)
    t.equal(del.json().currentEtag, current)
    const retried = await api.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { ...mergePatch, 'if-match': del.headers.etag as string },
      payload: { name: 'Retried with the ETag of the 412' },
    })
    t.equal(retried.statusCode, 200)
    await api.request({ method: 'PATCH', url: `/api/users/${user.id}`, headers: mergePatch, payload: { name: 'Someone else' } })
    for (const weakOrJunk of [`W/${etag}`, 'not-an-etag']) {
      const res = await api.request({ method: 'DELETE', url: `/api/users/${user.id}`, headers: { 'if-match': weakOrJunk } })
      t.equal(res.statusCode, 412, `If-Match: ${weakOrJunk} never matches`)
    }
    t.equal((await api.request({ method: 'GET', url: `/api/users/${user.id}` })).json().name, 'Someone else')
  })

  t.test('the current ETag, or *, lets the write through', async (t) => {
    const user = await createUser(api)
    const etag = (await api.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag as string
    const put = await api.request({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      headers: { ...json, 'if-match': etag },
      payload: { email: user.email, name: 'Mine' },
    })
    t.equal(put.statusCode, 200)
    const patch = await api.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { ...mergePatch, 'if-match': `"0", ${put.headers.etag}` },
      payload: { status: 'disabled' },
    })
    t.equal(patch.statusCode, 200)
    const del = await api.request({ method: 'DELETE', url: `/api/users/${user.id}`, headers: { 'if-match': '*' } })
    t.equal(del.statusCode, 204)
    const gone = await api.request({ method: 'DELETE', url: `/api/users/${user.id}`, headers: { 'if-match': '*' } })
    t.equal(gone.statusCode, 404, 'a missing user is 404 whatever the precondition')
  })

  t.test('10 concurrent PUTs with the same If-Match over HTTP: exactly one 200', async (t) => {
    const user = await createUser(api)
    const etag = (await api.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag as string
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.fetch(`/api/users/${user.id}`, {
          method: 'PUT',
          headers: { ...json, 'if-match': etag },
          body: JSON.stringify({ email: user.email, name: `Writer ${i}` }),
        }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    t.same(statuses, [200, ...Array(9).fill(412)])
    const winner = responses.find((r) => r.status === 200)!.json()
    t.same((await api.request({ method: 'GET', url: `/api/users/${user.id}` })).json(), winner, 'the stored user is the winner')
  })

  t.test('10 concurrent DELETEs with the same If-Match: exactly one 204', async (t) => {
    const user = await createUser(api)
    const etag = (await api.request({ method: 'GET', url: `/api/users/${user.id}` })).headers.etag as string
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.fetch(`/api/users/${user.id}`, { method: 'DELETE', headers: { 'if-match': etag } })),
    )
    const statuses = responses.map((r) => r.status)
    t.equal(statuses.filter((s) => s === 204).length, 1)
    t.ok(statuses.every((s) => s === 204 || s === 404 || s === 412))
  })
})

t.test('entity-tag parsing', async (t) => {
  t.equal(noneMatchHits(undefined, '"1"'), false)
  t.equal(noneMatchHits('"1" , W/"2"', '"2"'), true)
  t.equal(noneMatchHits('garbage', '"1"'), false)
  t.equal(matchVersions(undefined), undefined)
  t.equal(matchVersions(' * '), 'any')
  t.same(matchVersions('"3", W/"4", "x", "5"'), [3, 5])
  t.same(matchVersions('"3" junk'), [])
})
