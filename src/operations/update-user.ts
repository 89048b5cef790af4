import type { Handler } from '../contract/types.js'
import { toUser } from '../users/repository.js'

export const updateUser: Handler<'updateUser'> = async ({ params, body }, { users }) => {
  return { status: 200, body: toUser(await users.update(params.id, body)) }
}
