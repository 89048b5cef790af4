import type { Handler } from '../contract/types.js'
import { matchVersions } from '../http/conditional.js'

export const deleteUser: Handler<'deleteUser'> = async ({ params, headers }, { users }) => {
  await users.delete(params.id, matchVersions(headers['If-Match']))
  return { status: 204, body: undefined }
}
