import type { Handler } from '../contract/types.js'

export const deleteUser: Handler<'deleteUser'> = async ({ params }, { users }) => {
  await users.delete(params.id)
  return { status: 204, body: undefined }
}
