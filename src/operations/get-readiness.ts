import type { Handler } from '../contract/types.js'
import { Problem } from '../http/problems.js'

export const getReadiness: Handler<'getReadiness'> = async (_request, { db, overload, request }) => {
  try {
    await db.ping()
  } catch (error) {
    request.log.warn({ err: error }, 'database unreachable')
    throw new Problem('unavailable')
  }
  const reason = overload()
  if (reason) throw new Problem('unavailable', { detail: `The service is ${reason}; send traffic elsewhere for now.` })
  return { status: 200, body: { status: 'ok' } }
}
