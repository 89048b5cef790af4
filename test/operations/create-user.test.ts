import t from 'tap'
import { build, issueKey, newUser } from '../helpers/app.js'

const post = (payload: unknown, contentType = 'application/json') => ({
  method: 'POST' as const,
  url: '/api/users',
  headers: { 'content-type': contentType },
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
})

t.test('createUser', async (t) => {
  const api = await build(t)

  t.test('201 with Location and the normalized user, nothing about the password', async (t) => {
    const res = await api.request(post({ email: ' A@Example.com', name: ' Ada ', password: 'correct horse' }))
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.equal(res.headers.location, `/api/users/${body.id}`)
    t.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7')
    t.equal(body.email, 'a@example.com')
    t.equal(body.name, 'Ada')
    t.equal(body.status, 'active')
    t.equal(body.createdAt, body.updatedAt)
    t.same(Object.keys(body).sort(), [
      'createdAt',
      'disabledAt',
      'email',
      'externalId',
      'id',
      'lastVerifiedAt',
      'metadata',
      'name',
      'status',
      'updatedAt',
    ])
    t.same([body.externalId, body.metadata, body.disabledAt, body.lastVerifiedAt], [null, {}, null, null], 'the optional parts, unset')
    t.notMatch(res.body, /correct horse|password|argon/i)

    const stored = await api.db.prisma.user.findUniqueOrThrow({ where: { id: body.id } })
    t.match(stored.passwordHash, /^\$argon2id\$/, 'stored as an Argon2id hash')
  })

  t.test('status may be set at creation', async (t) => {
    const res = await api.request(post(newUser({ status: 'disabled' })))
    t.equal(res.statusCode, 201)
    t.equal(res.json().status, 'disabled')
  })

  t.test('409 email_taken for the same email in another case', async (t) => {
    await api.request(post(newUser({ email: 'taken@example.com' })))
    const res = await api.request(post(newUser({ email: 'TAKEN@Example.COM ' })))
    t.equal(res.statusCode, 409)
    t.equal(res.json().code, 'email_taken')
  })

  t.test('409 names the user that has the email, to a key that may read users only', async (t) => {
    const holder = (await api.request(post(newUser({ email: 'holder@example.com' })))).json()
    for (const as of [undefined, await issueKey(api, ['users:read', 'users:write'])]) {
      const res = await api.request({ ...post(newUser({ email: 'Holder@Example.com' })), as })
      t.equal(res.statusCode, 409)
      t.equal(res.json().existingUserId, holder.id)
      t.equal(res.headers.link, `</api/users/${holder.id}>; rel="existing"`)
    }
    const writeOnly = await api.request({ ...post(newUser({ email: 'holder@example.com' })), as: await issueKey(api, ['users:write']) })
    t.equal(writeOnly.statusCode, 409)
    t.equal(writeOnly.json().code, 'email_taken')
    t.notOk('existingUserId' in writeOnly.json(), 'a key that cannot read users learns no id')
    t.equal(writeOnly.headers.link, undefined)
  })

  t.test('a replayed 409 names the same user', async (t) => {
    const holder = (await api.request(post(newUser({ email: 'replayed@example.com' })))).json()
    const request = {
      ...post(newUser({ email: 'replayed@example.com' })),
      headers: { 'content-type': 'application/json', 'idempotency-key': 'dup-1' },
    }
    const first = await api.request(request)
    const again = await api.request(request)
    t.equal(again.headers['idempotent-replayed'], 'true')
    t.equal(again.statusCode, 409)
    t.same(again.json(), first.json())
    t.equal(again.json().existingUserId, holder.id)
    t.equal(again.headers.link, first.headers.link)
  })

  const invalid: Array<[string, unknown, string[]]> = [
    ['a bad email', newUser({ email: 'not-an-email' }), ['/body/email']],
    ['a non-ASCII email', newUser({ email: 'jürgen@example.com' }), ['/body/email']],
    ['an email with two dots in a row', newUser({ email: 'a..b@example.com' }), ['/body/email']],
    ['an empty name', newUser({ name: '' }), ['/body/name']],
    ['a blank name', newUser({ name: '   ' }), ['/body/name']],
    ['a name over 200 characters', newUser({ name: 'x'.repeat(201) }), ['/body/name']],
    ['a short password', newUser({ password: 'short' }), ['/body/password']],
    ['an unknown property', newUser({ role: 'admin' }), ['/body/role']],
    ['a number for a string', newUser({ name: 42 }), ['/body/name']],
    ['an unknown status', newUser({ status: 'deleted' }), ['/body/status']],
    ['missing required fields', {}, ['/body/email', '/body/name', '/body/password']],
    ['an array instead of an object', [newUser()], ['/body']],
  ]
  for (const [what, payload, pointers] of invalid) {
    t.test(`400 for ${what}`, async (t) => {
      const res = await api.request(post(payload))
      t.equal(res.statusCode, 400)
      const problem = res.json()
      t.equal(problem.code, 'validation_failed')
      t.equal(problem.requestId, res.headers['x-request-id'])
      for (const pointer of pointers) {
        t.ok(
          problem.errors.some((e: { pointer: string }) => e.pointer === pointer),
          `points at ${pointer}`,
        )
      }
    })
  }

  t.test('a body with thousands of problems gets the first 50, with bounded pointers', async (t) => {
    const payload: Record<string, unknown> = newUser()
    for (let i = 0; i < 3000; i++) payload[`unknown${i}`] = i
    payload['x'.repeat(5000)] = 1
    const res = await api.request(post(payload))
    t.equal(res.statusCode, 400)
    const { errors } = res.json()
    t.equal(errors.length, 50)
    t.ok(errors.every((e: { pointer: string }) => e.pointer.length <= 1024))
  })

  t.test('400 malformed_json for broken JSON, an empty body and a __proto__ key', async (t) => {
    for (const payload of ['{"email": ', '', '{"__proto__": {"admin": true}, "email": "p@example.com"}']) {
      const res = await api.request(post(payload))
      t.equal(res.statusCode, 400)
      t.equal(res.json().code, 'malformed_json')
    }
  })

  t.test('415 for a body that is not JSON, or a merge patch', async (t) => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json']) {
      const res = await api.request(post(newUser(), type))
      t.equal(res.statusCode, 415, type)
      t.equal(res.json().code, 'unsupported_media_type')
    }
  })

  t.test('413 for an oversized body', async (t) => {
    const res = await api.request(post(newUser({ name: 'x'.repeat(api.config.bodyLimit + 1) })))
    t.equal(res.statusCode, 413)
    t.equal(res.json().code, 'payload_too_large')
  })

  t.test('a failed create stores nothing', async (t) => {
    const before = await api.db.prisma.user.count()
    await api.request(post(newUser({ email: 'nope' })))
    await api.request(post(newUser({ email: 'taken@example.com' })))
    t.equal(await api.db.prisma.user.count(), before)
  })
})
