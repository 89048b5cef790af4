import type { Handler } from '../contract/types.js'
import { representationHeaders } from '../http/conditional.js'
import { toUser } from '../users/repository.js'

export const createUser: Handler<'createUser'> = async ({ body }, { users }) => {
  const user = await users.create(body)
  return {
    status: 201,
    headers: { Location: `/api/users/${user.id}`, ...representationHeaders(user) },
    body: toUser(user),
  }
}
