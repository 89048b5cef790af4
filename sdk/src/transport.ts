import { NetworkError, TimeoutError } from './errors.js'
import { retryAfterMs } from './retry-after.js'

/** A fetch: globalThis.fetch or anything with its signature (a proxy agent's, a test double's). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  retries: number
  /** Back-off before retry n is a random delay up to min(maxDelayMs, baseDelayMs * 2^n) ("full jitter"). */
  baseDelayMs: number
  maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the error is returned to the caller at once. */
  maxRetryAfterMs: number
}

export interface RetryEvent {
  method: string
  url: string
  /** The attempt that failed, from 1. */
  attempt: number
  delayMs: number
  /** The status that is retried, or the error (NetworkError, TimeoutError). */
  reason: number | Error
}

export interface TransportOptions {
  fetch: FetchLike
  timeoutMs: number
  retry: RetryPolicy
  onRetry?: ((event: RetryEvent) => void) | undefined
}

// Statuses that mean "try again later" without anything having happened.
const RETRIED_STATUSES = new Set([429, 503])
// Statuses whose responses cannot carry a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

type Attempt = { response: Response } | { error: unknown }

/**
 * The fetch under openapi-fetch: each attempt gets its own timeout, covering the whole
 * response including its body (which is read here, so that a retried response's body is
 * released and a body that stalls counts as a timeout). Retries only what is safe to repeat:
 * GET and HEAD, and requests carrying an Idempotency-Key (sent unchanged on every attempt,
 * so the service replays rather than repeats the first outcome).
 */
export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { retry } = options

  async function attempt(request: Request, body: ArrayBuffer | undefined): Promise<Attempt> {
    const caller = request.signal
    if (caller.aborted) return { error: caller.reason }
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, options.timeoutMs)
    const forwardAbort = () => controller.abort(caller.reason)
    caller.addEventListener('abort', forwardAbort, { once: true })
    try {
      const response = await options.fetch(request.url, {
        method: request.method,
        headers: new Headers(request.headers),
        ...(body === undefined ? {} : { body }),
        redirect: request.redirect,
        signal: controller.signal,
      })
      const payload = NULL_BODY_STATUSES.has(response.status) || request.method === 'HEAD' ? null : await response.arrayBuffer()
      return { response: new Response(payload, { status: response.status, statusText: response.statusText, headers: response.headers }) }
    } catch (error) {
      if (caller.aborted) return { error: caller.reason }
      if (timedOut) return { error: new TimeoutError(options.timeoutMs) }
      const message = error instanceof Error ? error.message : String(error)
      return { error: new NetworkError(`${request.method} ${request.url} failed: ${message}`, { cause: error }) }
    } finally {
      clearTimeout(timer)
      caller.removeEventListener('abort', forwardAbort)
    }
  }

  function backoff(retryNumber: number): number {
    return Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryNumber)
  }

  // The delay before retrying this response, or undefined when it must not be retried.
  async function retryDelay(response: Response, retryNumber: number): Promise<number | undefined> {
    if (!RETRIED_STATUSES.has(response.status) && !(await isKeyInUse(response))) return undefined
    const asked = retryAfterMs(response.headers.get('retry-after'))
    if (asked === undefined) return backoff(retryNumber)
    if (asked > retry.maxRetryAfterMs) return undefined
    // a little jitter, so that clients told the same instant do not all return at once
    return asked + Math.random() * retry.baseDelayMs
  }

  return async (request) => {
    const body = request.body === null ? undefined : await request.arrayBuffer()
    const repeatable = request.method === 'GET' || request.method === 'HEAD' || request.headers.has('idempotency-key')
    for (let retryNumber = 0; ; retryNumber++) {
      const outcome = await attempt(request, body)
      const mayRetry = repeatable && retryNumber < retry.retries
      let delayMs: number | undefined
      if ('response' in outcome) {
        delayMs = mayRetry ? await retryDelay(outcome.response, retryNumber) : undefined
        if (delayMs === undefined) return outcome.response
      } else {
        // an abort by the caller is final: its signal stays aborted
        if (!mayRetry || request.signal.aborted) throw outcome.error
        delayMs = backoff(retryNumber)
      }
      options.onRetry?.({
        method: request.method,
        url: request.url,
        attempt: retryNumber + 1,
        delayMs,
        reason: 'response' in outcome ? outcome.response.status : (outcome.error as Error),
      })
      await sleep(delayMs, request.signal)
    }
  }
}

// A retry of a keyed request that overtook the first attempt (which timed out on our side
// but still runs on the service's) is told to come back shortly: that is safe to retry.
async function isKeyInUse(response: Response): Promise<boolean> {
  if (response.status !== 409) return false
  try {
    const body = (await response.clone().json()) as { code?: unknown }
    return body.code === 'idempotency_key_in_use'
  } catch {
    return false
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
