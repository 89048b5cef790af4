import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Keeps a caller's X-Request-Id when it is safe to echo and to log (bounded length, no
 * spaces or control characters); otherwise generates one.
 */
export function requestIdFrom(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id']
  if (typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming)) return incoming
  return randomUUID()
}
