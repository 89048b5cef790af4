import t from 'tap'
import { build } from '../helpers/app.js'

t.test('rate limits per key, with RateLimit headers and a 429 problem', async (t) => {
  const api = await build(t, { rateLimit: { max: 5, windowMs: 60_000, redisUrl: undefined } })
  const remaining: string[] = []
  for (let i = 0; i < 5; i++) {
    const res = await api.request({ method: 'GET', url: '/api/users' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], '5')
    remaining.push(String(res.headers['ratelimit-remaining']))
    t.match(String(res.headers['ratelimit-reset']), /^\d+$/)
  }
  t.same(remaining, ['4', '3', '2', '1', '0'])
  const limited = await api.request({ method: 'GET', url: '/api/users' })
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().code, 'rate_limited')
  t.match(String(limited.headers['retry-after']), /^\d+$/)
  t.ok(Number(limited.headers['retry-after']) > 0)

  const other = await api.request({ method: 'GET', url: '/api/users', as: null })
  t.equal(other.statusCode, 401, 'an anonymous caller has its own (per address) budget')
  t.equal(other.headers['ratelimit-remaining'], '4')

  for (let i = 0; i < 10; i++) t.equal((await api.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'probes are not limited')
})
