import t from 'tap'
import { build, issueKey, type TestApp } from '../helpers/app.js'

const json = { 'content-type': 'application/json' }

async function register(api: TestApp, payload: Record<string, unknown>, as?: string) {
  return api.request({ method: 'POST', url: '/api/webhook-endpoints', headers: json, payload, ...(as ? { as } : {}) })
}

t.test('webhook endpoints', async (t) => {
  const api = await build(t)

  t.test('201 with the secret, shown this once; GET and list never show it', async (t) => {
    const res = await register(api, {
      url: 'https://hooks.example.com/users',
      eventTypes: ['user.created', 'user.deleted'],
      description: ' CRM ',
    })
    t.equal(res.statusCode, 201, res.body)
    const created = res.json()
    t.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a Standard Webhooks secret of 32 bytes')
    t.equal(Buffer.from(created.secret.slice(6), 'base64').length, 32)
    t.equal(res.headers.location, `/api/webhook-endpoints/${created.id}`)
    t.equal(res.headers['cache-control'], 'no-store')
    t.same(created.eventTypes, ['user.created', 'user.deleted'])
    t.equal(created.description, 'CRM')
    t.equal(created.status, 'enabled')
    t.equal(created.disabledReason, null)

    const got = await api.request({ method: 'GET', url: `/api/webhook-endpoints/${created.id}` })
    t.equal(got.statusCode, 200)
    t.notOk('secret' in got.json())
    t.notMatch(got.body, created.secret)
    const list = await api.request({ method: 'GET', url: '/api/webhook-endpoints' })
    t.notMatch(list.body, created.secret)
    t.ok(
      list.json().data.some((e: { id: string }) => e.id === created.id),
      'listed',
    )
  })

  t.test('"*" stands for every type and absorbs the others', async (t) => {
    const res = await register(api, { url: 'https://hooks.example.com/all', eventTypes: ['user.updated', '*'] })
    t.equal(res.statusCode, 201)
    t.same(res.json().eventTypes, ['*'])
  })

  t.test('an empty or unknown event type list is a 400', async (t) => {
    for (const eventTypes of [[], ['user.exploded']]) {
      const res = await register(api, { url: 'https://hooks.example.com/x', eventTypes })
      t.equal(res.statusCode, 400)
      t.match(res.json().errors[0].pointer, /^\/body\/eventTypes/)
    }
  })

  t.test('the list pages newest first with a cursor bound to it', async (t) => {
    const api = await build(t)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await register(api, { url: `https://hooks.example.com/${i}`, eventTypes: ['*'] })).json().id)
    const seen: string[] = []
    let url = '/api/webhook-endpoints?limit=2'
    for (let page = 0; page < 5; page++) {
      const res = await api.request({ method: 'GET', url })
      t.equal(res.statusCode, 200)
      const body = res.json()
      seen.push(...body.data.map((e: { id: string }) => e.id))
      if (!body.nextCursor) break
      url = `/api/webhook-endpoints?limit=2&cursor=${body.nextCursor}`
    }
    t.same(seen, [...ids].reverse(), 'every endpoint once, newest first')
    const forged = await api.request({ method: 'GET', url: '/api/webhook-endpoints?cursor=abc.def' })
    t.equal(forged.statusCode, 400)
    t.equal(forged.json().errors[0].pointer, '/query/cursor')
  })

  t.test('PATCH disables and enables again; DELETE removes', async (t) => {
    const { id } = (await register(api, { url: 'https://hooks.example.com/p', eventTypes: ['*'] })).json()
    const patch = (status: string) =>
      api.request({
        method: 'PATCH',
        url: `/api/webhook-endpoints/${id}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        payload: { status },
      })
    const disabled = await patch('disabled')
    t.equal(disabled.statusCode, 200)
    t.equal(disabled.json().status, 'disabled')
    t.type(disabled.json().disabledReason, 'string')
    const enabled = await patch('enabled')
    t.equal(enabled.json().status, 'enabled')
    t.equal(enabled.json().disabledReason, null)
    const empty = await api.request({ method: 'PATCH', url: `/api/webhook-endpoints/${id}`, headers: json, payload: {} })
    t.same([empty.statusCode, empty.json().status], [200, 'enabled'], 'an empty patch changes nothing')
    const unknown = await api.request({
      method: 'PATCH',
      url: `/api/webhook-endpoints/${id}`,
      headers: json,
      payload: { url: 'https://x.example.com' },
    })
    t.equal(unknown.statusCode, 400, 'the url cannot be patched')
    t.equal(unknown.json().errors[0].pointer, '/body/url')

    t.equal((await api.request({ method: 'DELETE', url: `/api/webhook-endpoints/${id}` })).statusCode, 204)
    for (const [method, url] of [
      ['GET', `/api/webhook-endpoints/${id}`],
      ['DELETE', `/api/webhook-endpoints/${id}`],
      ['GET', `/api/webhook-endpoints/${id}/deliveries`],
      ['POST', `/api/webhook-endpoints/${id}/deliveries/01936d52-0000-7a1b-8c2d-3e4f5a6b7c8d/retry`],
    ] as const) {
      const res = await api.request({ method, url })
      t.equal(res.statusCode, 404, `${method} ${url}`)
      t.equal(res.json().code, 'not_found')
    }
    const gone = await patch('enabled')
    t.equal(gone.statusCode, 404)
  })

  t.test('webhooks:admin is needed, and no other scope implies it', async (t) => {
    const writer = await issueKey(api, ['users:read', 'users:write', 'users:verify'])
    const res = await register(api, { url: 'https://hooks.example.com/s', eventTypes: ['*'] }, writer)
    t.equal(res.statusCode, 403)
    t.equal(res.json().code, 'forbidden')
    t.equal((await api.request({ method: 'GET', url: '/api/webhook-endpoints', as: writer })).statusCode, 403)
    const admin = await issueKey(api, ['webhooks:admin'])
    t.equal((await register(api, { url: 'https://hooks.example.com/s', eventTypes: ['*'] }, admin)).statusCode, 201)
    t.equal((await api.request({ method: 'GET', url: '/api/users', as: admin })).statusCode, 403, 'and it allows nothing else')
  })
})

t.test('registration refuses unsafe URLs with a pointer to url', async (t) => {
  const strict = await build(t)
  const httpAllowed = await build(t, { webhooks: { ...strict.config.webhooks, allowHttp: true } })
  const refusals: Array<[TestApp, string, RegExp]> = [
    [strict, 'http://10.0.0.1/hook', /https/],
    [strict, 'http://localhost/hook', /https/],
    [strict, 'http://hooks.example.com/hook', /https/],
    [httpAllowed, 'http://10.0.0.1/hook', /non-public/],
    [httpAllowed, 'http://localhost/hook', /local host/],
    [strict, 'https://localhost./hook', /local host/],
    [strict, 'https://api.localhost/hook', /local host/],
    [strict, 'https://127.0.0.1/hook', /non-public/],
    [strict, 'https://[::1]/hook', /non-public/],
    [strict, 'https://[::ffff:127.0.0.1]/hook', /non-public/],
    [strict, 'https://[fd00::1]/hook', /non-public/],
    [strict, 'https://[fe80::1]/hook', /non-public/],
    [strict, 'https://169.254.169.254/latest/meta-data', /non-public/],
    [strict, 'https://192.168.1.10/hook', /non-public/],
    [strict, 'https://0.0.0.0/hook', /non-public/],
    [strict, 'https://user:pass@hooks.example.com/hook', /credentials/],
    [strict, 'ftp://hooks.example.com/hook', /./],
  ]
  for (const [api, url, detail] of refusals) {
    const res = await register(api, { url, eventTypes: ['*'] })
    t.equal(res.statusCode, 400, `${url} is refused`)
    const body = res.json()
    t.equal(body.code, 'validation_failed')
    t.equal(body.errors[0].pointer, '/body/url', url)
    t.match(body.errors[0].detail, detail, url)
  }
  // public addresses, and http:// where allowed
  t.equal((await register(strict, { url: 'https://93.184.215.14/hook', eventTypes: ['*'] })).statusCode, 201)
  t.equal((await register(httpAllowed, { url: 'http://93.184.215.14/hook', eventTypes: ['*'] })).statusCode, 201)
  const open = await build(t, { webhooks: { ...strict.config.webhooks, allowHttp: true, allowPrivate: true } })
  t.equal(
    (await register(open, { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] })).statusCode,
    201,
    'WEBHOOK_ALLOW_PRIVATE lets a loopback receiver in',
  )
})

t.test('retrying a delivery takes no body: one sent, of any type or size, is ignored', async (t) => {
  const api = await build(t)
  const { id } = (await register(api, { url: 'https://hooks.example.com/r', eventTypes: ['*'] })).json()
  const url = `/api/webhook-endpoints/${id}/deliveries/01936d52-0000-7a1b-8c2d-3e4f5a6b7c8d/retry`
  for (const [type, payload] of [
    [';', 'x'],
    ['text/xml', '<a/>'],
    ['application/json', ''],
    ['application/json', `{"a":"${'x'.repeat(70_000)}"}`],
  ] as const) {
    const res = await api.request({ method: 'POST', url, headers: { 'content-type': type }, payload })
    t.equal(res.statusCode, 404, `Content-Type ${type}, ${payload.length} bytes → the operation's own answer`)
    t.equal(res.json().code, 'not_found')
  }
  const overHttp = await api.fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(70_000) })
  t.equal(overHttp.status, 404, 'over HTTP too')
})
