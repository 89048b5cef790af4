import { createHmac, timingSafeEqual } from 'node:crypto'
import { Problem } from './problems.js'

/** Where the previous page ended: the sort key's value and the id that breaks ties. */
export interface Position {
  value: string
  id: string
}

interface Payload<P> {
  /** the position */
  p: P
  /** a digest of the sort and filters the cursor was issued for */
  q: string
}

function invalid(pointer: string, detail: string): Problem {
  return new Problem('validation_failed', { errors: [{ pointer, detail }] })
}

/**
 * Opaque page cursors: `<payload>.<signature>`, both base64url. The HMAC makes them
 * tamper-proof; the query digest binds each to the sort and filters it was made for, since
 * a position is meaningless in another order.
 */
export function createCursorCodec(secret: string) {
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest().subarray(0, 16)
  const digest = (query: Record<string, unknown>) =>
    createHmac('sha256', secret)
      .update(JSON.stringify(Object.entries(query).sort()))
      .digest('base64url')
      .slice(0, 16)

  return {
    encode<P = Position>(position: P, query: Record<string, unknown>): string {
      const payload = Buffer.from(JSON.stringify({ p: position, q: digest(query) } satisfies Payload<P>)).toString('base64url')
      return `${payload}.${sign(payload).toString('base64url')}`
    },

    /** The position a cursor holds; `pointer` names the parameter that carried it. */
    decode<P = Position>(cursor: string, query: Record<string, unknown>, pointer = '/query/cursor'): P {
      const [payload, signature, ...rest] = cursor.split('.')
      if (!payload || !signature || rest.length > 0) throw invalid(pointer, 'is not a cursor this service issued')
      const expected = sign(payload)
      const given = Buffer.from(signature, 'base64url')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw invalid(pointer, 'is not a cursor this service issued')
      }
      const { p, q } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload<P>
      if (q !== digest(query)) throw invalid(pointer, 'was issued for another sort or other filters; start again without a cursor')
      return p
    },
  }
}

export type CursorCodec = ReturnType<typeof createCursorCodec>
