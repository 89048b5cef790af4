import type { Handler } from '../contract/types.js'
import { toApiKey } from '../keys/repository.js'

export const listApiKeys: Handler<'listApiKeys'> = async (_request, { keys }) => {
  return { status: 200, body: { data: (await keys.list()).map(toApiKey) } }
}
