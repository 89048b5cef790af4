import type { Handler } from '../contract/types.js'
import { matchVersions, representationHeaders } from '../http/conditional.js'
import { toUser } from '../users/repository.js'

export const updateUser: Handler<'updateUser'> = async ({ params, headers, body }, { users }) => {
  const user = await users.update(params.id, body, matchVersions(headers['If-Match']))
  return { status: 200, headers: representationHeaders(user), body: toUser(user) }
}
