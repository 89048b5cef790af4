// Seeding: N users written in batches through the service's own repository (createMany, the
// bulk import's write: the rows, their metadata entries and their user.created events, in the
// shape a create writes them) with one Argon2id hash made once, so that 10 000 users take
// seconds instead of 10 000 hashes; then a scoped key, and what the scripts need to send.
import { createDb } from '../../src/db/index.js'
import { contractViolations } from '../../src/contract/check.js'
import { createUsersRepository } from '../../src/users/repository.js'

// the bulk import's own batch size (one request carries up to 1 000 users)
const BATCH = 1_000

/** Writes `count` users with the password hash `passwordHash`; returns their ids in order. */
export async function seedUsers(databaseUrl: string, count: number, passwordHash: string, prefix: string): Promise<string[]> {
  const db = await createDb(databaseUrl)
  try {
    const users = createUsersRepository(db)
    const ids: string[] = []
    for (let start = 0; start < count; start += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({
        email: `${prefix}-${start + i}@example.com`,
        name: `Bench User ${start + i}`,
        passwordHash,
      }))
      for (const outcome of await users.createMany(inputs)) {
        if (!('id' in outcome)) throw new Error(`seeding refused a user: ${outcome.message}`)
        ids.push(outcome.id)
      }
    }
    return ids
  } finally {
    await db.close()
  }
}

async function call(baseUrl: string, key: string, path: string, init: RequestInit = {}, retried = false) {
  let response: Response
  try {
    response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    // Seeding keeps this process's event loop busy for seconds (better-sqlite3 is synchronous):
    // meanwhile the server closes the idle keep-alive connection, and fetch only finds out
    // when it reuses it. Once more, on a new connection.
    if (retried || (error as Error).name !== 'TypeError') throw error
    return call(baseUrl, key, path, init, true)
  }
  const body = await response.text()
  return { status: response.status, headers: response.headers, body }
}

/** A key with users:read and users:write, issued with the master key: the key every scenario sends. */
export async function issueKey(baseUrl: string, masterKey: string): Promise<string> {
  const response = await call(baseUrl, masterKey, '/api/keys', {
    method: 'POST',
    body: JSON.stringify({ name: 'bench', scopes: ['users:read', 'users:write'] }),
  })
  if (response.status !== 201) throw new Error(`POST /api/keys answered ${response.status}: ${response.body}`)
  return (JSON.parse(response.body) as { key: string }).key
}

/**
 * GETs a seeded user through the API and checks that it is served as one created through
 * it: 200, a body and headers that conform to openapi.yaml, the fields that were written.
 * Returns the body (the constant the first ceiling serves).
 */
export async function verifySeededUser(baseUrl: string, key: string, id: string, expected: { email: string; name: string }) {
  const path = `/api/users/${id}`
  const response = await call(baseUrl, key, path)
  const violations = contractViolations('GET', path, {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: response.body,
  })
  if (response.status !== 200 || violations.length > 0) {
    throw new Error(`a seeded user is not served like a created one: ${response.status} ${violations.join('; ')} ${response.body}`)
  }
  const user = JSON.parse(response.body) as Record<string, unknown>
  const wanted = { id, ...expected, status: 'active', externalId: null, disabledAt: null, lastVerifiedAt: null }
  for (const [field, value] of Object.entries(wanted)) {
    if (user[field] !== value) throw new Error(`the seeded user's ${field} is ${JSON.stringify(user[field])}, not ${JSON.stringify(value)}`)
  }
  return user
}

/** The current ETag of each user, read through getUser, a few requests at a time. */
export async function collectEtags(baseUrl: string, key: string, ids: string[], concurrency = 8): Promise<string[]> {
  const etags = new Array<string>(ids.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const response = await call(baseUrl, key, `/api/users/${ids[i]}`)
      const etag = response.headers.get('etag')
      if (response.status !== 200 || !etag) throw new Error(`GET /api/users/${ids[i]} answered ${response.status} without an ETag`)
      etags[i] = etag
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return etags
}

/**
 * The first page ('') and up to `count` cursors spread over the table, taken by walking it at
 * limit=100: a cursor is bound to the sort and filters, not to the limit, so each also opens
 * a page of 20.
 */
export async function collectCursors(baseUrl: string, key: string, users: number, count = 9): Promise<string[]> {
  const pages = Math.ceil(users / 100)
  const every = Math.max(1, Math.floor(pages / (count + 1)))
  const cursors = ['']
  let cursor: string | null = null
  for (let page = 1; cursors.length <= count; page++) {
    const response = await call(baseUrl, key, `/api/users?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    if (response.status !== 200) throw new Error(`listUsers answered ${response.status}: ${response.body}`)
    cursor = (JSON.parse(response.body) as { nextCursor: string | null }).nextCursor
    if (cursor === null) break
    if (page % every === 0) cursors.push(cursor)
  }
  return cursors
}
