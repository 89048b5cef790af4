import type { Handler } from '../contract/types.js'
import { callerHas } from '../http/auth.js'
import { representationHeaders } from '../http/conditional.js'
import { toUser } from '../users/repository.js'

export const createUser: Handler<'createUser'> = async ({ body }, { users, request }) => {
  const user = await users.create(body, { nameExisting: callerHas(request, 'users:read') })
  return {
    status: 201,
    headers: { Location: `/api/users/${user.id}`, ...representationHeaders(user) },
    body: toUser(user),
  }
}
