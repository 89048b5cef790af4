import type { Handler } from '../contract/types.js'
import { Problem } from '../http/problems.js'

export const getReadiness: Handler<'getReadiness'> = async (_request, { db, request }) => {
  try {
    await db.ping()
  } catch (error) {
    request.log.warn({ err: error }, 'database unreachable')
    throw new Problem('unavailable')
  }
  return { status: 200, body: { status: 'ok' } }
}
