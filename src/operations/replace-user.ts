import type { Handler } from '../contract/types.js'
import { callerHas } from '../http/auth.js'
import { matchVersions, representationHeaders } from '../http/conditional.js'
import { toUser } from '../users/repository.js'

export const replaceUser: Handler<'replaceUser'> = async ({ params, headers, body }, { users, request }) => {
  const user = await users.replace(params.id, body, matchVersions(headers['If-Match']), {
    nameExisting: callerHas(request, 'users:read'),
  })
  return { status: 200, headers: representationHeaders(user), body: toUser(user) }
}
