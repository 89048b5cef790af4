import type { Handler } from '../contract/types.js'

export const verifyUserPassword: Handler<'verifyUserPassword'> = async ({ params, body }, { verifier }) => {
  const result = await verifier.verify(params.id, body.password)
  // the answer is about a secret: no cache may keep it
  return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: result }
}
