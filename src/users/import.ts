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

type HashedItem = { index: number; user: NewUser & { passwordHash: string } }

async function hashPlainPasswords(items: ImportItem[]): Promise<HashedItem[]> {
  const hashed: HashedItem[] = []
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const { index, user } = items[i]!
      if (user.passwordHash !== undefined) {
        hashed[i] = { index, user: { ...user, passwordHash: user.passwordHash } }
      } else {
        const { password, ...rest } = user
        hashed[i] = { index, user: { ...rest, passwordHash: await hashPassword(password) } }
      }
    }
  }
  await Promise.all(Array.from({ length: HASHING_CONCURRENCY }, worker))
  return hashed
}

/**
 * Creates the users of an import in request order, so that of two items with the same email
 * or externalId the first is created and the second fails, as it would against a user that
 * already exists. Each item has its own outcome: one that fails leaves the others in place.
 */
export async function importUsers(users: UsersRepository, items: ImportItem[], options: WriteOptions): Promise<Map<number, Outcome>> {
  const hashed = await hashPlainPasswords(items)
  const created = await users.createMany(
    hashed.map(({ user }) => user),
    options,
  )
  const outcomes = new Map<number, Outcome>()
  hashed.forEach(({ index }, i) => {
    const result = created[i]!
    if (!(result instanceof Problem)) {
      outcomes.set(index, { index, status: 'created', user: toUser(result) })
      return
    }
    const problem: ItemProblem = { code: result.code as ItemProblem['code'], detail: result.detail }
    const existingUserId = result.extensions.existingUserId
    if (typeof existingUserId === 'string') problem.existingUserId = existingUserId
    outcomes.set(index, { index, status: 'failed', problem })
  })
  return outcomes
}
