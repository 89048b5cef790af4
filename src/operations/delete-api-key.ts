import type { Handler } from '../contract/types.js'

export const deleteApiKey: Handler<'deleteApiKey'> = async ({ params }, { keys }) => {
  await keys.revoke(params.id)
  return { status: 204, body: undefined }
}
