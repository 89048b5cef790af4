import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import { Agent, request } from 'undici'
import { hostOf, isPublicAddress } from './address-policy.js'

/** What one HTTP attempt came to. `error` is set when no usable response came. */
export interface SendResult {
  responseStatus: number | null
  latencyMs: number
  error: string | null
}

export interface SenderOptions {
  allowPrivate: boolean
  /** headers and body together */
  timeoutMs: number
  /** read at most this much of a response body, then hang up */
  maxResponseBytes: number
  /** DNS lookup with dns.lookup's signature (tests map names with it) */
  lookup?: typeof dnsLookup
}

class AddressNotAllowed extends Error {
  override name = 'AddressNotAllowed'
  readonly code = 'EADDRNOTALLOWED'
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A lookup that refuses non-public addresses. It runs inside the connection, so the address
 * checked is the address connected to: there is no window for DNS to answer differently
 * between a check and the connection.
 */
function guardedLookup(resolve: typeof dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const refused = addresses.find((entry) => !isPublicAddress(entry.address))
      if (refused) return callback(new AddressNotAllowed(`${hostname} resolves to ${refused.address}`), [])
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
      callback(null, first.address, first.family)
    })
  }
}

function describeFailure(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout'
  const { code, message, cause } = error as { code?: string; message?: string; cause?: unknown }
  if (cause && typeof cause === 'object' && code === undefined) return describeFailure(cause, false)
  switch (code) {
    case 'EADDRNOTALLOWED':
      return 'address not allowed'
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return 'dns lookup failed'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable'
    default:
      return (code ? `${code}: ${message ?? ''}` : (message ?? 'request failed')).slice(0, 1024)
  }
}

/**
 * The HTTP client of webhook deliveries: one POST, no redirects followed (undici's request
 * follows none), bounded in time and in how much of the answer it reads.
 */
export function createSender(options: SenderOptions) {
  const agent = new Agent({
    connect: options.allowPrivate ? {} : { lookup: guardedLookup(options.lookup ?? dnsLookup) as never },
    // each attempt stands alone: a receiver's keep-alive must not outlive the timeout
    keepAliveTimeout: 1_000,
  })

  return {
    async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
      const started = performance.now()
      const elapsed = () => Math.round(performance.now() - started)
      const target = new URL(url)
      const host = hostOf(target)
      // an IP literal is connected to without a lookup: check it here
      if (!options.allowPrivate && isIP(host) && !isPublicAddress(host)) {
        return { responseStatus: null, latencyMs: elapsed(), error: 'address not allowed' }
      }
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, options.timeoutMs)
      try {
        const response = await request(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'user-management-webhooks/1', ...headers },
          body,
          dispatcher: agent,
          signal: controller.signal,
        })
        let read = 0
        try {
          for await (const chunk of response.body) {
            read += (chunk as Buffer).length
            if (read >= options.maxResponseBytes) break
          }
        } finally {
          // leaving the loop early leaves the rest unread: hang up instead of draining it
          if (read >= options.maxResponseBytes) response.body.destroy()
        }
        return { responseStatus: response.statusCode, latencyMs: elapsed(), error: null }
      } catch (error) {
        return { responseStatus: null, latencyMs: elapsed(), error: describeFailure(error, timedOut) }
      } finally {
        clearTimeout(timer)
      }
    },

    close: () => agent.close(),
  }
}

export type Sender = ReturnType<typeof createSender>
