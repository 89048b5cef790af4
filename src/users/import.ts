import type { components } from '../../generated/openapi.js'
import { Problem } from '../http/problems.js'
import { hashPassword } from './password.js'
import { toUser, type NewUser, type UsersRepository, type WriteOptions } from './repository.js'

type Outcome = components['schemas']['UserImportOutcome']
type ItemProblem = components['schemas']['ImportItemProblem']

/** An item of an import that passed validation, with its position in the request. */
export interface ImportItem {
  index: number
  user: NewUser
}

// Plain passwords in an import are hashed a few at a time: enough to keep the machine's
// cores busy, not so many that a large import starves every other request of them.
const HASHING_CONCURRENCY = 4

async function hashPlainPasswords(items: ImportItem[]): Promise<ImportItem[]> {
  const hashed = [...items]
  let next = 0
  const worker = async () => {
    for (let i = next++; i < hashed.length; i = next++) {
      const { index, user } = hashed[i]!
      if (user.password !== undefined) {
        const { password, ...rest } = user
        hashed[i] = { index, user: { ...rest, passwordHash: await hashPassword(password) } }
      }
    }
  }
  await Promise.all(Array.from({ length: HASHING_CONCURRENCY }, worker))
  return hashed
}

/**
 * Creates the users of an import one after the other, in request order, so that of two items
 * with the same email or externalId the first is created and the second fails, as it would
 * against a user that already exists. Each item is its own write: one that fails leaves the
 * others in place.
 */
export async function importUsers(users: UsersRepository, items: ImportItem[], options: WriteOptions): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>()
  for (const { index, user } of await hashPlainPasswords(items)) {
    try {
      outcomes.set(index, { index, status: 'created', user: toUser(await users.create(user, options)) })
    } catch (error) {
      if (!(error instanceof Problem) || (error.code !== 'email_taken' && error.code !== 'external_id_taken')) throw error
      const problem: ItemProblem = { code: error.code, detail: error.detail }
      const existingUserId = error.extensions.existingUserId
      if (typeof existingUserId === 'string') problem.existingUserId = existingUserId
      outcomes.set(index, { index, status: 'failed', problem })
    }
  }
  return outcomes
}
