import type { Handler } from '../contract/types.js'
import { noneMatchHits, representationHeaders } from '../http/conditional.js'
import { toUser } from '../users/repository.js'

export const getUser: Handler<'getUser'> = async ({ params, headers }, { users }) => {
  const user = await users.get(params.id)
  const representation = representationHeaders(user)
  if (noneMatchHits(headers['If-None-Match'], representation.ETag)) {
    return { status: 304, headers: representation, body: undefined }
  }
  return { status: 200, headers: representation, body: toUser(user) }
}
