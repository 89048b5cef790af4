import { Resolver } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

/** What the service may send webhooks to (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE). */
export interface AddressPolicy {
  allowHttp: boolean
  allowPrivate: boolean
}

/**
 * Whether a delivery may connect to `address`. Only public unicast addresses pass: ipaddr.js
 * names every other range (private, loopback, link-local, unique-local, multicast,
 * unspecified, carrier-grade NAT, documentation, 6to4/NAT64 forms that embed an IPv4
 * address…), and an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

/** A URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

// Names that are local whatever DNS says (RFC 6761), refused even when they do not resolve.
const LOCAL_NAMES = /(^|\.)(localhost|localhost\.localdomain)\.?$/i

export class UrlRefused extends Error {
  override name = 'UrlRefused'
}

/**
 * The registration check of a webhook URL; throws UrlRefused with what is wrong. A host that
 * does not resolve now is accepted: DNS may be down for a moment, and the delivery-time check
 * (on the address actually connected to) is the one that counts anyway.
 */
export async function checkWebhookUrl(
  text: string,
  policy: AddressPolicy,
  lookup: (host: string) => Promise<string[]> = resolveAll,
): Promise<URL> {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UrlRefused('is not an absolute URL')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new UrlRefused(policy.allowHttp ? 'must be an http:// or https:// URL' : 'must be an https:// URL')
  }
  if (url.username || url.password) throw new UrlRefused('must not carry credentials')
  if (policy.allowPrivate) return url
  const host = hostOf(url)
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw new UrlRefused(`names a non-public address (${host})`)
    return url
  }
  if (LOCAL_NAMES.test(host)) throw new UrlRefused(`names a local host (${host})`)
  let addresses: string[]
  try {
    addresses = await lookup(host)
  } catch {
    return url
  }
  const refused = addresses.find((address) => !isPublicAddress(address))
  if (refused) throw new UrlRefused(`resolves to a non-public address (${refused})`)
  return url
}

// A registration waits for DNS at most about this long; a slow resolver counts as "does not
// resolve now" (the delivery-time check still applies).
const RESOLVE_TIMEOUT_MS = 1_500

/** Every A and AAAA address of `host`, asked of the DNS directly (not through the thread pool). */
async function resolveAll(host: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: RESOLVE_TIMEOUT_MS, tries: 1 })
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)])
  const addresses = [v4, v6].flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  if (addresses.length === 0) throw new Error(`${host} does not resolve`)
  return addresses
}
