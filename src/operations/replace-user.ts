import type { Handler } from '../contract/types.js'
import { toUser } from '../users/repository.js'

export const replaceUser: Handler<'replaceUser'> = async ({ params, body }, { users }) => {
  return { status: 200, body: toUser(await users.replace(params.id, body)) }
}
