import type { Handler } from '../contract/types.js'
import { toUser } from '../users/repository.js'

export const getUser: Handler<'getUser'> = async ({ params }, { users }) => {
  return { status: 200, body: toUser(await users.get(params.id)) }
}
