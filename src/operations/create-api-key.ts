import type { Handler } from '../contract/types.js'
import { toApiKey } from '../keys/repository.js'

export const createApiKey: Handler<'createApiKey'> = async ({ body }, { keys }) => {
  const { record, secret } = await keys.create(body)
  return {
    status: 201,
    // the body holds a secret: no cache may keep it
    headers: { Location: `/api/keys/${record.id}`, 'Cache-Control': 'no-store' },
    body: { ...toApiKey(record), key: secret },
  }
}
