import { randomBytes, scryptSync } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { hash as argon2Hash, parseOptions } from '@node-rs/argon2'
import bcrypt from 'bcryptjs'
import Database from 'better-sqlite3'
import t from 'tap'
import { createPasswordVerifier } from '../../src/users/verification.js'
import { build, createUser, issueKey, TEST_PASSWORD, type TestApp } from '../helpers/app.js'

const WRONG = 'not the password'
const json = { 'content-type': 'application/json' }

function verify(api: TestApp, id: string, password: string, as?: string) {
  return api.request({ method: 'POST', url: `/api/users/${id}/password-verification`, headers: json, payload: { password }, as })
}

async function readUser(api: TestApp, id: string) {
  const res = await api.request({ method: 'GET', url: `/api/users/${id}` })
  return { etag: res.headers.etag, user: res.json() }
}

/** The outcome of a verification as one word: true, false, or the problem code. */
function outcome(res: { statusCode: number; json(): any }): string {
  return res.statusCode === 200 ? String(res.json().verified) : `${res.statusCode} ${res.json().code}`
}

t.test('verifyUserPassword', async (t) => {
  const api = await build(t)

  t.test('the right password: true, no-store, lastVerifiedAt set (a new ETag), updatedAt unchanged', async (t) => {
    const { id } = await createUser(api)
    const before = await readUser(api, id)
    t.equal(before.user.lastVerifiedAt, null)
    const start = Date.now()
    const res = await verify(api, id, TEST_PASSWORD)
    t.equal(res.statusCode, 200)
    t.same(res.json(), { verified: true })
    t.equal(res.headers['cache-control'], 'no-store')
    const after = await readUser(api, id)
    t.ok(
      Date.parse(after.user.lastVerifiedAt) >= start - 1000 && Date.parse(after.user.lastVerifiedAt) <= Date.now(),
      'lastVerifiedAt is now',
    )
    t.not(after.etag, before.etag, 'the representation changed, and so does its strong ETag')
    t.equal(after.user.updatedAt, before.user.updatedAt)
  })

  t.test('a wrong password: false, nothing recorded on the user', async (t) => {
    const { id } = await createUser(api)
    const res = await verify(api, id, WRONG)
    t.equal(res.statusCode, 200)
    t.same(res.json(), { verified: false })
    t.equal(res.headers['cache-control'], 'no-store')
    t.equal((await readUser(api, id)).user.lastVerifiedAt, null)
  })

  t.test('six wrong in a row: five false, then 429 too_many_attempts, even for the right password and any key', async (t) => {
    const { id } = await createUser(api)
    const outcomes = []
    for (let i = 0; i < 6; i++) outcomes.push(outcome(await verify(api, id, WRONG)))
    t.same(outcomes, ['false', 'false', 'false', 'false', 'false', '429 too_many_attempts'])

    const refused = await verify(api, id, TEST_PASSWORD)
    t.equal(refused.statusCode, 429, 'the right password too, while the window lasts')
    t.equal(refused.json().code, 'too_many_attempts')
    t.match(refused.headers['retry-after'], /^[0-9]+$/)
    const retryAfter = Number(refused.headers['retry-after'])
    t.ok(retryAfter >= 1 && retryAfter <= 900, `Retry-After ${retryAfter} is within the 15-minute window`)
    t.equal(refused.headers['ratelimit-limit'], String(api.config.rateLimit.max), 'the per-key rate limit headers are still sent')

    const otherKey = await issueKey(api, ['users:verify'])
    t.equal(outcome(await verify(api, id, TEST_PASSWORD, otherKey)), '429 too_many_attempts', 'per user, not per key')
    t.equal((await readUser(api, id)).user.lastVerifiedAt, null)

    const other = await createUser(api)
    t.equal(outcome(await verify(api, other.id, TEST_PASSWORD)), 'true', 'other users are not affected')
  })

  t.test('a success resets the count', async (t) => {
    const { id } = await createUser(api)
    for (let i = 0; i < 4; i++) t.equal(outcome(await verify(api, id, WRONG)), 'false')
    t.equal(outcome(await verify(api, id, TEST_PASSWORD)), 'true')
    const outcomes = []
    for (let i = 0; i < 6; i++) outcomes.push(outcome(await verify(api, id, WRONG)))
    t.same(outcomes, ['false', 'false', 'false', 'false', 'false', '429 too_many_attempts'], 'five more failures after the success')
  })

  t.test('a disabled user never verifies, and every attempt on it counts', async (t) => {
    const { id } = await createUser(api, { status: 'disabled' })
    const outcomes = []
    for (let i = 0; i < 6; i++) outcomes.push(outcome(await verify(api, id, TEST_PASSWORD)))
    // had the right password not counted, the missing 429 would have told that it was right
    t.same(outcomes, ['false', 'false', 'false', 'false', 'false', '429 too_many_attempts'])
    t.equal((await readUser(api, id)).user.lastVerifiedAt, null)

    // enabled again, the user starts with a clean slate: the attempts made while it was
    // disabled do not lock it out
    const enabled = await api.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: { status: 'active' },
    })
    t.equal(enabled.statusCode, 200)
    t.equal(outcome(await verify(api, id, TEST_PASSWORD)), 'true')
  })

  t.test('an unknown id is 404 not_found; a malformed id or body is 400', async (t) => {
    const missing = await verify(api, '01890a5d-ac96-774b-bcce-b302099a8057', TEST_PASSWORD)
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().code, 'not_found')
    const { id } = await createUser(api)
    t.equal((await verify(api, 'not-a-uuid', TEST_PASSWORD)).statusCode, 400)
    for (const payload of [{}, { password: '' }, { password: 'x'.repeat(257) }, { password: TEST_PASSWORD, extra: 1 }]) {
      const res = await api.request({ method: 'POST', url: `/api/users/${id}/password-verification`, headers: json, payload })
      t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 40))
      t.equal(res.json().code, 'validation_failed')
    }
    t.equal(outcome(await verify(api, id, TEST_PASSWORD)), 'true', 'rejected requests count no attempt')
  })

  t.test('users:verify is needed, implied by no other scope, and allows nothing else', async (t) => {
    const { id } = await createUser(api)
    for (const scopes of [['users:write'], ['users:read'], ['users:read', 'users:write']]) {
      const res = await verify(api, id, TEST_PASSWORD, await issueKey(api, scopes))
      t.equal(res.statusCode, 403, scopes.join(' '))
      t.equal(res.json().code, 'forbidden')
    }
    t.equal((await verify(api, id, TEST_PASSWORD, null as unknown as string)).statusCode, 401, 'no key')

    const verifier = await issueKey(api, ['users:verify'])
    t.equal(outcome(await verify(api, id, TEST_PASSWORD, verifier)), 'true')
    const others = [
      { method: 'GET' as const, url: '/api/users' },
      { method: 'GET' as const, url: `/api/users/${id}` },
      {
        method: 'POST' as const,
        url: '/api/users',
        headers: json,
        payload: { email: 'v@example.com', name: 'V', password: TEST_PASSWORD },
      },
      {
        method: 'PATCH' as const,
        url: `/api/users/${id}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        payload: { name: 'x' },
      },
      { method: 'DELETE' as const, url: `/api/users/${id}` },
      { method: 'GET' as const, url: '/api/keys' },
    ]
    for (const call of others) {
      const res = await api.request({ ...call, as: verifier })
      t.equal(res.statusCode, 403, `${call.method} ${call.url}`)
    }
  })

  t.test('hashes from other algorithms or weaker parameters verify once, then become Argon2id', async (t) => {
    const password = 'imported pässword'
    const scryptSalt = randomBytes(16)
    const scryptKey = scryptSync(password, scryptSalt, 32, { N: 2 ** 12, r: 8, p: 1 })
    const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '')
    const stored: Record<string, string> = {
      'Argon2id with 4 MiB': await argon2Hash(password, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 }),
      Argon2i: await argon2Hash(password, { algorithm: 1 }),
      'bcrypt from bcryptjs': bcrypt.hashSync(password, 6),
      'bcrypt $2y$': bcrypt.hashSync(password, 4).replace(/^\$2b\$/, '$2y$'),
      'scrypt (passlib format)': `$scrypt$ln=12,r=8,p=1$${b64(scryptSalt)}$${b64(scryptKey)}`,
    }
    for (const [name, hash] of Object.entries(stored)) {
      const { id } = await createUser(api)
      await api.db.prisma.user.update({ where: { id }, data: { passwordHash: hash } })
      const before = await readUser(api, id)

      t.equal(outcome(await verify(api, id, WRONG)), 'false', `${name}: a wrong password`)
      const untouched = await api.db.prisma.user.findUniqueOrThrow({ where: { id } })
      t.equal(untouched.passwordHash, hash, `${name}: a failure keeps the hash`)

      t.equal(outcome(await verify(api, id, password)), 'true', `${name}: the right password`)
      const row = await api.db.prisma.user.findUniqueOrThrow({ where: { id } })
      t.not(row.passwordHash, hash, `${name}: replaced`)
      t.match(
        parseOptions(row.passwordHash),
        { algorithm: 2, version: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 },
        `${name}: now Argon2id`,
      )
      t.equal(
        row.version,
        untouched.version + 1,
        `${name}: one new version, for lastVerifiedAt (the hash is not part of the representation)`,
      )
      t.not((await readUser(api, id)).etag, before.etag, `${name}: lastVerifiedAt moved the ETag`)

      t.equal(outcome(await verify(api, id, password)), 'true', `${name}: the new hash verifies`)
      t.equal(outcome(await verify(api, id, WRONG)), 'false')
      const kept = await api.db.prisma.user.findUniqueOrThrow({ where: { id } })
      t.equal(kept.passwordHash, row.passwordHash, `${name}: a current hash is not replaced again`)
    }
  })

  t.test('20 concurrent wrong guesses over HTTP: exactly 5 are evaluated', async (t) => {
    const { id } = await createUser(api)
    // one request first, so that the app is listening before the burst
    t.equal((await api.fetch('/healthz')).status, 200)
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.fetch(`/api/users/${id}/password-verification`, { method: 'POST', headers: json, body: JSON.stringify({ password: WRONG }) }),
      ),
    )
    const outcomes = responses.map((r) => (r.status === 200 ? String(r.json().verified) : `${r.status} ${r.json().code}`))
    t.same(outcomes.sort(), [...Array(15).fill('429 too_many_attempts'), ...Array(5).fill('false')])
    const window = await api.db.prisma.passwordAttemptWindow.findUniqueOrThrow({ where: { userId: id } })
    t.equal(window.failures, 5)
  })
})

t.test('after the window has passed, the right password verifies', async (t) => {
  const windowMs = 2000
  const api = await build(t, { passwordVerification: { maxFailures: 5, windowMs } })
  const { id } = await createUser(api)
  const outcomes = []
  for (let i = 0; i < 6; i++) outcomes.push(outcome(await verify(api, id, WRONG)))
  t.same(outcomes, ['false', 'false', 'false', 'false', 'false', '429 too_many_attempts'])
  const refused = await verify(api, id, TEST_PASSWORD)
  t.equal(outcome(refused), '429 too_many_attempts')
  const retryAfter = Number(refused.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= windowMs / 1000, `Retry-After ${retryAfter} is within the ${windowMs / 1000}-second window`)
  // wait until the window that started at the first failure has passed (bounded: 2 s + margin)
  const window = await api.db.prisma.passwordAttemptWindow.findUniqueOrThrow({ where: { userId: id } })
  await sleep(Math.max(0, window.startedAt.getTime() + windowMs + 50 - Date.now()))
  t.equal(outcome(await verify(api, id, TEST_PASSWORD)), 'true')
})

t.test('a limit from the configuration', async (t) => {
  const api = await build(t, { passwordVerification: { maxFailures: 2, windowMs: 60_000 } })
  const { id } = await createUser(api)
  const outcomes = []
  for (let i = 0; i < 3; i++) outcomes.push(outcome(await verify(api, id, WRONG)))
  t.same(outcomes, ['false', 'false', '429 too_many_attempts'])
})

t.test('the per-key rate limit applies to verifications too', async (t) => {
  const api = await build(t, { rateLimit: { max: 2, windowMs: 60_000, redisUrl: undefined } })
  const { id } = await createUser(api, {})
  const key = await issueKey(api, ['users:verify'])
  t.equal(outcome(await verify(api, id, TEST_PASSWORD, key)), 'true')
  t.equal(outcome(await verify(api, id, TEST_PASSWORD, key)), 'true')
  const limited = await verify(api, id, TEST_PASSWORD, key)
  t.equal(outcome(limited), '429 rate_limited')
  t.match(limited.headers['retry-after'], /^[0-9]+$/)
})

t.test('the window on a clock: Retry-After counts down from the first failure; a new window opens after it', async (t) => {
  const api = await build(t)
  const { id } = await createUser(api)
  let clock = Date.parse('2030-01-01T00:00:00Z')
  const verifier = createPasswordVerifier(api.db, { maxFailures: 3, windowMs: 600_000, now: () => new Date(clock) })
  const attempt = async (password: string) => {
    try {
      return String((await verifier.verify(id, password)).verified)
    } catch (error) {
      const problem = error as { code: string; headers: Record<string, string> }
      return `${problem.code} ${problem.headers['Retry-After']}`
    }
  }
  t.equal(await attempt(WRONG), 'false')
  clock += 60_000
  t.equal(await attempt(WRONG), 'false')
  clock += 60_000
  t.equal(await attempt(WRONG), 'false')
  clock += 1_000
  t.equal(await attempt(TEST_PASSWORD), 'too_many_attempts 479', '10 minutes from the first failure')
  clock += 478_500
  t.equal(await attempt(WRONG), 'too_many_attempts 1', 'part of a second is a whole one')
  clock += 500
  t.equal(await attempt(WRONG), 'false', 'the window has passed: a new one starts with this failure')
  t.equal(await attempt(WRONG), 'false')
  t.equal(await attempt(WRONG), 'false')
  t.equal(await attempt(TEST_PASSWORD), 'too_many_attempts 600')
  clock += 600_000
  t.equal(await attempt(TEST_PASSWORD), 'true')
  t.equal(await api.db.prisma.passwordAttemptWindow.count({ where: { userId: id } }), 0, 'the success removed the window')
  const row = await api.db.prisma.user.findUniqueOrThrow({ where: { id } })
  t.same(row.lastVerifiedAt, new Date(clock), 'lastVerifiedAt comes from the same clock')

  await t.rejects(verifier.verify('01890a5d-ac96-774b-bcce-b302099a8057', TEST_PASSWORD), { code: 'not_found' })
})

t.test('a user deleted while its password is being verified is 404, not an error', async (t) => {
  const api = await build(t)
  const { id } = await createUser(api)
  // another writer (a second connection to the same file) deletes the user after the
  // verifier has read it and before it counts the attempt
  const other = new Database(api.config.databaseUrl.replace(/^file:/, ''))
  t.teardown(() => other.close())
  let deleted = false
  const verifier = createPasswordVerifier(api.db, {
    now: () => {
      if (!deleted) other.prepare('DELETE FROM "User" WHERE "id" = ?').run(id)
      deleted = true
      return new Date()
    },
  })
  await t.rejects(verifier.verify(id, TEST_PASSWORD), { code: 'not_found' })
  t.ok(deleted)
})
