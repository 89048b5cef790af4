import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { listOperations } from '../contract/spec.js'
import { hashSecret, type ApiKeysRepository } from '../keys/repository.js'
import { Problem } from './problems.js'

/** Who is calling: the master key, or an issued key with its scopes. */
export interface Caller {
  id: string
  scopes: ReadonlySet<string>
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null
  }
}

/** Every scope the spec uses: the master key holds them all. */
function allScopes(): Set<string> {
  const scopes = new Set<string>()
  for (const op of listOperations()) for (const requirement of op.security) for (const s of Object.values(requirement).flat()) scopes.add(s)
  return scopes
}

/** Whether the request's caller holds `scope`. */
export function callerHas(request: FastifyRequest, scope: string): boolean {
  return request.caller?.scopes.has(scope) ?? false
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i

function unauthorized(detail: string, tokenSent: boolean): Problem {
  // RFC 6750: say which scheme to use, and whether the token given was the problem
  const challenge = tokenSent ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"'
  return new Problem('unauthorized', { detail, headers: { 'WWW-Authenticate': challenge } })
}

/**
 * Authentication from the spec: `request.caller` is set for every request (before rate
 * limiting, which counts per caller), and each operation requires what its `security`
 * declares, before its input is validated (an anonymous caller learns nothing).
 */
export function registerAuth(app: FastifyInstance, options: { masterKey: string; keys: ApiKeysRepository }): void {
  const masterHash = hashSecret(options.masterKey)
  const master: Caller = { id: 'master', scopes: allScopes() }
  const tokenOf = (request: FastifyRequest) => BEARER.exec(request.headers.authorization ?? '')?.[1]

  app.decorateRequest('caller', null)
  app.addHook('onRequest', async (request) => {
    const token = tokenOf(request)
    if (!token) return
    // compare digests, in constant time: how long a comparison takes tells nothing
    const digest = hashSecret(token)
    if (timingSafeEqual(digest, masterHash)) {
      request.caller = master
      return
    }
    const key = await options.keys.findByDigest(digest)
    if (key) request.caller = { id: key.id, scopes: new Set(key.scopes.split(' ')) }
  })

  const security = new Map(listOperations().map((op) => [`${op.method.toUpperCase()} ${op.routePath}`, op.security]))
  app.addHook('onRoute', (route) => {
    // Fastify answers HEAD with the GET handler: it needs what GET needs
    const [routeMethod] = [route.method].flat()
    const method = routeMethod === 'HEAD' ? 'GET' : routeMethod
    const requirements = security.get(`${method} ${route.url}`)
    if (!requirements || requirements.length === 0) return
    const needed = Object.values(requirements[0] ?? {}).flat()
    route.onRequest = [
      ...[route.onRequest ?? []].flat(),
      async (request: FastifyRequest) => {
        if (!request.caller) {
          const sent = request.headers.authorization !== undefined
          throw unauthorized(
            sent ? 'The API key is not valid, or has expired or been revoked.' : 'Send an API key: Authorization: Bearer <key>.',
            sent,
          )
        }
        const missing = needed.filter((scope) => !request.caller!.scopes.has(scope))
        if (missing.length > 0) throw new Problem('forbidden', { detail: `This API key lacks the scope ${missing.join(', ')}.` })
      },
    ]
  })
}
