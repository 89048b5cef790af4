import t from 'tap'
import { listOperations, spec } from '../../src/contract/spec.js'
import { build, createUser, newUser } from '../helpers/app.js'

const json = { 'content-type': 'application/json' }

t.test('API keys and scopes', async (t) => {
  const api = await build(t)
  const user = await createUser(api)

  const issue = async (scopes: string[], extra: Record<string, unknown> = {}) => {
    const res = await api.request({
      method: 'POST',
      url: '/api/keys',
      headers: json,
      payload: { name: `key for ${scopes.join(' ')}`, scopes, ...extra },
    })
    t.equal(res.statusCode, 201)
    return res.json() as { id: string; key: string; scopes: string[]; prefix: string; expiresAt: string | null }
  }

  t.test('a key may hold every scope the document names', async (t) => {
    const every = (spec.components.schemas.ApiKeyScope as { enum: string[] }).enum
    const key = await issue(every)
    t.same([...key.scopes].sort(), [...every].sort(), 'all of them, at once')
  })

  t.test('without a key every /api call is 401 with WWW-Authenticate', async (t) => {
    const calls = [
      { method: 'GET' as const, url: '/api/users' },
      { method: 'POST' as const, url: '/api/users', headers: json, payload: newUser() },
      { method: 'GET' as const, url: `/api/users/${user.id}` },
      { method: 'HEAD' as const, url: `/api/users/${user.id}` },
      { method: 'HEAD' as const, url: '/api/users' },
      { method: 'PUT' as const, url: `/api/users/${user.id}`, headers: json, payload: { email: user.email, name: 'x' } },
      { method: 'PATCH' as const, url: `/api/users/${user.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: {} },
      { method: 'DELETE' as const, url: `/api/users/${user.id}` },
      { method: 'GET' as const, url: '/api/keys' },
      { method: 'POST' as const, url: '/api/keys', headers: json, payload: { name: 'x', scopes: ['users:read'] } },
      { method: 'DELETE' as const, url: '/api/keys/01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f' },
    ]
    for (const call of calls) {
      const res = await api.request({ ...call, as: null })
      t.equal(res.statusCode, 401, `${call.method} ${call.url}`)
      if (call.method !== 'HEAD') t.equal(res.json().code, 'unauthorized')
      t.match(res.headers['www-authenticate'], /^Bearer realm="api"$/)
    }
    t.equal((await api.request({ method: 'GET', url: `/api/users/${user.id}` })).statusCode, 200, 'the user is untouched')
  })

  t.test('every operation the spec secures, and HEAD of each such GET, is 401 without a key', async (t) => {
    const secured = listOperations().filter((op) => op.security.some((r) => Object.keys(r).length > 0))
    t.ok(secured.length >= 9)
    for (const op of secured) {
      const url = op.path.replace('{id}', user.id)
      const methods = op.method === 'get' ? ['GET', 'HEAD'] : [op.method.toUpperCase()]
      for (const method of methods) {
        const res = await api.request({ method: method as 'GET', url, as: null })
        t.equal(res.statusCode, 401, `${method} ${op.path} (${op.operationId})`)
      }
    }
    const open = listOperations().filter((op) => !op.security.some((r) => Object.keys(r).length > 0))
    t.same(open.map((op) => op.operationId).sort(), ['getHealth', 'getReadiness'], 'only the probes are open')
  })

  t.test('a wrong or malformed key is 401 invalid_token, before any validation', async (t) => {
    for (const authorization of ['Bearer umk_not-a-real-key-at-all-000000000000000', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer']) {
      const res = await api.request({ method: 'GET', url: '/api/users?limit=0', headers: { authorization }, as: null })
      t.equal(res.statusCode, 401, authorization)
      t.match(res.headers['www-authenticate'], /^Bearer realm="api"/)
    }
    const bad = await api.request({
      method: 'GET',
      url: '/api/users',
      headers: { authorization: 'Bearer wrong-key-wrong-key-wrong-key' },
      as: null,
    })
    t.match(bad.headers['www-authenticate'], /error="invalid_token"/)
  })

  t.test('a users:read key lists and reads, and gets 403 on writes', async (t) => {
    const { key } = await issue(['users:read'])
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 200)
    t.equal((await api.request({ method: 'GET', url: `/api/users/${user.id}`, as: key })).statusCode, 200)
    const writes = [
      { method: 'POST' as const, url: '/api/users', headers: json, payload: newUser() },
      { method: 'PUT' as const, url: `/api/users/${user.id}`, headers: json, payload: { email: user.email, name: 'x' } },
      {
        method: 'PATCH' as const,
        url: `/api/users/${user.id}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        payload: { name: 'x' },
      },
      { method: 'DELETE' as const, url: `/api/users/${user.id}` },
      { method: 'GET' as const, url: '/api/keys' },
    ]
    for (const call of writes) {
      const res = await api.request({ ...call, as: key })
      t.equal(res.statusCode, 403, `${call.method} ${call.url}`)
      t.equal(res.json().code, 'forbidden')
    }
  })

  t.test('a users:write key writes but cannot read or manage keys', async (t) => {
    const { key } = await issue(['users:write'])
    t.equal((await api.request({ method: 'POST', url: '/api/users', headers: json, payload: newUser(), as: key })).statusCode, 201)
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 403)
    t.equal(
      (await api.request({ method: 'POST', url: '/api/keys', headers: json, payload: { name: 'x', scopes: ['users:read'] }, as: key }))
        .statusCode,
      403,
    )
  })

  t.test('issued keys: the secret is shown once, stored only as a hash, never listed', async (t) => {
    const issued = await issue(['users:read', 'users:write'])
    t.match(issued.key, /^umk_[A-Za-z0-9_-]{43}$/)
    t.equal(issued.prefix, issued.key.slice(0, 8))
    const stored = await api.db.prisma.apiKey.findUniqueOrThrow({ where: { id: issued.id } })
    t.not(stored.secretHash, issued.key)
    t.notMatch(JSON.stringify(stored), issued.key, 'the secret is not in the database')
    const list = await api.request({ method: 'GET', url: '/api/keys' })
    t.equal(list.statusCode, 200)
    t.notMatch(list.body, issued.key.slice(8), 'no secret in the list')
    t.notMatch(list.body, stored.secretHash, 'no hash in the list')
    t.ok(list.json().data.some((k: { id: string }) => k.id === issued.id))
  })

  t.test('a revoked key is 401 at once', async (t) => {
    const { id, key } = await issue(['users:read'])
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 200)
    t.equal((await api.request({ method: 'DELETE', url: `/api/keys/${id}` })).statusCode, 204)
    const res = await api.request({ method: 'GET', url: '/api/users', as: key })
    t.equal(res.statusCode, 401)
    t.equal((await api.request({ method: 'DELETE', url: `/api/keys/${id}` })).statusCode, 404)
  })

  t.test('an expired key is 401', async (t) => {
    const { id, key } = await issue(['users:read'], { expiresAt: new Date(Date.now() + 60_000).toISOString() })
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 200)
    await api.db.prisma.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: key })).statusCode, 401)
  })

  t.test('400 for bad key requests', async (t) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', scopes: [] }, '/body/scopes'],
      [{ name: 'x', scopes: ['admin'] }, '/body/scopes/0'],
      [{ name: 'x', scopes: ['users:read', 'users:read'] }, '/body/scopes'],
      [{ name: '', scopes: ['users:read'] }, '/body/name'],
      [{ name: 'x', scopes: ['users:read'], expiresAt: '2001-01-01T00:00:00Z' }, '/body/expiresAt'],
    ]
    for (const [payload, pointer] of cases) {
      const res = await api.request({ method: 'POST', url: '/api/keys', headers: json, payload })
      t.equal(res.statusCode, 400, JSON.stringify(payload))
      t.ok(
        res.json().errors.some((e: { pointer: string }) => e.pointer === pointer),
        pointer,
      )
    }
  })

  t.test('idempotency keys are per caller', async (t) => {
    const { key } = await issue(['users:write'])
    const a = await api.request({
      method: 'POST',
      url: '/api/users',
      headers: { ...json, 'idempotency-key': 'shared' },
      payload: newUser(),
    })
    const b = await api.request({
      method: 'POST',
      url: '/api/users',
      headers: { ...json, 'idempotency-key': 'shared' },
      payload: newUser(),
      as: key,
    })
    t.equal(a.statusCode, 201)
    t.equal(b.statusCode, 201, 'another caller may use the same key for another request')
    t.not(a.json().id, b.json().id)
  })
})
