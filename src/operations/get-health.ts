import type { Handler } from '../contract/types.js'

export const getHealth: Handler<'getHealth'> = async () => ({ status: 200, body: { status: 'ok' } })
