import type { Handler } from '../contract/types.js'
import { unavailable } from '../http/errors.js'
import { Problem } from '../http/problems.js'

// An orchestrator's probe gives up after a few seconds; answering 503 before that tells it
// more than a probe timeout does, even when the database does not answer at all.
export const READINESS_TIMEOUT_MS = 1_000

export const getReadiness: Handler<'getReadiness'> = async (_request, { db, overload, request }) => {
  try {
    await db.ping(READINESS_TIMEOUT_MS)
  } catch (error) {
    request.log.warn({ err: error }, 'database unreachable')
    throw unavailable()
  }
  const reason = overload()
  if (reason) throw new Problem('unavailable', { detail: `The service is ${reason}; send traffic elsewhere for now.` })
  return { status: 200, body: { status: 'ok' } }
}
