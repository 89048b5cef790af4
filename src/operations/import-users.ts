import type { components } from '../../generated/openapi.js'
import { componentValidator } from '../contract/schemas.js'
import type { Handler } from '../contract/types.js'
import { callerHas } from '../http/auth.js'
import { fieldErrors } from '../http/errors.js'
import { type ImportItem, importUsers as importItems } from '../users/import.js'
import { isSupportedPasswordHash } from '../users/password.js'
import type { NewUser } from '../users/repository.js'

type Outcome = components['schemas']['UserImportOutcome']

// The route checks only that `users` is a list of objects (x-validate-items-separately):
// each item is validated here, so that a bad one fails alone, with pointers into the request.
const validItem = componentValidator('UserImportItem')

function invalid(index: number, errors: Array<{ pointer: string; detail: string }>): Outcome {
  return {
    index,
    status: 'failed',
    problem: { code: 'validation_failed', detail: 'The item is not valid; see errors for each problem.', errors },
  }
}

/** The item as a user to create, or why it cannot be one. */
function check(item: unknown, index: number): ImportItem | Outcome {
  const at = `/body/users/${index}`
  if (!validItem(item)) return invalid(index, fieldErrors(validItem.errors ?? [], at))
  const user = item as components['schemas']['UserImportItem']
  const { password, passwordHash, ...rest } = user
  if ((password === undefined) === (passwordHash === undefined)) {
    return invalid(index, [{ pointer: at, detail: 'needs exactly one of password and passwordHash' }])
  }
  if (passwordHash !== undefined && !isSupportedPasswordHash(passwordHash)) {
    return invalid(index, [
      { pointer: `${at}/passwordHash`, detail: 'is not an Argon2id, Argon2i, bcrypt or scrypt hash this service can verify' },
    ])
  }
  const newUser: NewUser = password !== undefined ? { ...rest, password } : { ...rest, passwordHash: passwordHash as string }
  return { index, user: newUser }
}

export const importUsers: Handler<'importUsers'> = async ({ body }, { users, request }) => {
  const checked = body.users.map((item, index) => check(item, index))
  const valid = checked.filter((c): c is ImportItem => !('status' in c))
  const created = await importItems(users, valid, { nameExisting: callerHas(request, 'users:read') })
  const results = checked.map((c, index) => ('status' in c ? c : created.get(index)!))
  const createdCount = results.filter((r) => r.status === 'created').length
  return { status: 200, body: { created: createdCount, failed: results.length - createdCount, results } }
}
