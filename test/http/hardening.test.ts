import t from 'tap'
import { build } from '../helpers/app.js'

t.test('security headers on API responses and the docs page', async (t) => {
  const api = await build(t)
  const res = await api.request({ method: 'GET', url: '/api/users' })
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(res.headers['strict-transport-security'], /max-age=\d+/)
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.equal(res.headers['access-control-allow-origin'], undefined, 'CORS is off by default')
  const docs = await api.app.inject({ method: 'GET', url: '/docs/' })
  const docsCsp = String(docs.headers['content-security-policy'])
  t.match(docsCsp, /script-src 'self' ;/, 'the docs page runs only its own scripts, none inline')
  t.notMatch(docsCsp, /upgrade-insecure-requests/, 'the docs page works over plain HTTP too')
  t.notMatch(String(res.headers['content-security-policy']), /upgrade-insecure-requests/)
})

t.test('CORS only for the listed origins', async (t) => {
  const api = await build(t, { corsOrigins: ['https://app.example.com'] })
  const preflight = await api.app.inject({
    method: 'OPTIONS',
    url: '/api/users',
    headers: {
      origin: 'https://app.example.com',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.com')
  t.match(preflight.headers['access-control-allow-headers'], /Idempotency-Key/)
  const allowed = await api.request({ method: 'GET', url: '/api/users', headers: { origin: 'https://app.example.com' } })
  t.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com')
  t.match(allowed.headers['access-control-expose-headers'], /ETag/)
  const other = await api.request({ method: 'GET', url: '/api/users', headers: { origin: 'https://evil.example.com' } })
  t.equal(other.headers['access-control-allow-origin'], undefined)
})

t.test('TRUST_PROXY decides which client address is rate limited', async (t) => {
  const direct = await build(t, { rateLimit: { max: 1, windowMs: 60_000, redisUrl: undefined } })
  const first = await direct.request({ method: 'GET', url: '/api/users', as: null, headers: { 'x-forwarded-for': '203.0.113.1' } })
  t.equal(first.statusCode, 401)
  const spoofed = await direct.request({ method: 'GET', url: '/api/users', as: null, headers: { 'x-forwarded-for': '203.0.113.2' } })
  t.equal(spoofed.statusCode, 429, 'without TRUST_PROXY a forged X-Forwarded-For changes nothing')

  const proxied = await build(t, { trustProxy: true, rateLimit: { max: 1, windowMs: 60_000, redisUrl: undefined } })
  await proxied.request({ method: 'GET', url: '/api/users', as: null, headers: { 'x-forwarded-for': '203.0.113.1' } })
  const otherClient = await proxied.request({ method: 'GET', url: '/api/users', as: null, headers: { 'x-forwarded-for': '203.0.113.2' } })
  t.equal(otherClient.statusCode, 401, 'behind a trusted proxy each client has its own budget')
})
