// The kit's only way to the deployment: plain fetch over HTTP, one request at a time, every
// response checked against the document and kept for the per-operation summary.
import { setTimeout as sleep } from 'node:timers/promises'
import { contractViolations, operationFor } from '../../src/contract/check.js'
import { requestMediaTypes } from './document.js'

export interface Exchange {
  method: string
  /** The path and query as the document names them (without the base URL's own path). */
  target: string
  /** The operation the request reached; undefined outside the declared operations. */
  operationId: string | undefined
  status: number
  headers: Record<string, string>
  text: string
  /** The parsed body; undefined when it is empty or not JSON. */
  json: unknown
  /** The X-Request-Id the kit sent, if it sent one. */
  sentRequestId: string | undefined
  /** What the contract check found wrong with the response; empty when it conforms. */
  violations: string[]
  /** A request for something the document does not describe (such as the document itself). */
  outsideDocument: boolean
}

/** The run was interrupted: stop checking, clean up. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'Interrupted'
  }
}

/** No response: the deployment is unreachable, reset the connection or timed out. */
export class RequestFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RequestFailed'
  }
}

export interface SendOptions {
  /** A string is sent as is; anything else as JSON. */
  body?: unknown
  /** The body's media type; by default the first the document declares for the operation. */
  contentType?: string
  headers?: Record<string, string>
  /** The key to send: the run's key by default, null for none. */
  key?: string | null
  /** Send no X-Request-Id (the service must then generate one). */
  withoutRequestId?: boolean
  /** The target is not described by the document: no contract check, left out of the summary. */
  outsideDocument?: boolean
}

export interface ClientOptions {
  baseUrl: URL
  key: string
  timeoutMs: number
  runId: string
  /** Aborted when the run is interrupted: reads in flight stop, writes in flight finish. */
  interrupt: AbortSignal
  /** How often one request is retried after a 429. */
  maxRateLimitRetries?: number
  /** The longest Retry-After the kit waits for, in seconds. */
  maxRetryAfterSeconds?: number
}

/** Something a request created, to be deleted when the run ends. */
export interface Created {
  /** Where to DELETE it, as a target. */
  target: string
  operationId: string
  /** The id in its body, for the report. */
  id: string | undefined
}

export class Client {
  readonly exchanges: Exchange[] = []
  /** Everything a 201 said it created, in order; cleanup deletes each. */
  readonly created: Created[] = []
  rateLimitWaits = 0
  /** Set by cleanup: its requests must go out even after an interrupt. */
  ignoreInterrupt = false
  private sequence = 0
  private readonly basePath: string

  constructor(private readonly options: ClientOptions) {
    this.basePath = options.baseUrl.pathname.replace(/\/+$/, '')
  }

  /** The absolute URL of a target (a path such as /api/users?limit=1). */
  urlOf(target: string): string {
    return this.options.baseUrl.origin + this.basePath + target
  }

  /**
   * The target a link (Link, Location) names, resolved against the URL of the request it came
   * with (RFC 8288, RFC 9110); undefined when it leaves the deployment.
   */
  targetOf(reference: string, context: string): string | undefined {
    let url: URL
    try {
      url = new URL(reference, this.urlOf(context))
    } catch {
      return undefined
    }
    if (url.origin !== this.options.baseUrl.origin) return undefined
    const path = url.pathname + url.search
    if (!this.basePath) return path
    return path.startsWith(this.basePath + '/') ? path.slice(this.basePath.length) : undefined
  }

  /** One request, retried after Retry-After while the deployment answers 429. */
  async send(method: string, target: string, options: SendOptions = {}): Promise<Exchange> {
    const maxRetries = this.options.maxRateLimitRetries ?? 5
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.once(method, target, options)
      if (exchange.status !== 429 || attempt >= maxRetries) return exchange
      this.rateLimitWaits++
      const seconds = Number(exchange.headers['retry-after'])
      const wait = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, this.options.maxRetryAfterSeconds ?? 120) : 1
      try {
        await sleep(wait * 1000, undefined, this.ignoreInterrupt ? {} : { signal: this.options.interrupt })
      } catch {
        throw new Interrupted()
      }
    }
  }

  private async once(method: string, target: string, options: SendOptions): Promise<Exchange> {
    if (this.options.interrupt.aborted && !this.ignoreInterrupt) throw new Interrupted()
    const sequence = ++this.sequence
    const path = target.split('?')[0] ?? target
    const operation = operationFor(method, path)
    const headers: Record<string, string> = {}
    const key = options.key === undefined ? this.options.key : options.key
    if (key !== null) headers.authorization = `Bearer ${key}`
    // a recognisable id on every request lets the deployment's operators find the run in their logs
    const sentRequestId = options.withoutRequestId ? undefined : `conformance-${this.options.runId}-${sequence}`
    if (sentRequestId) headers['x-request-id'] = sentRequestId
    let body: string | undefined
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      headers['content-type'] = options.contentType ?? (operation && requestMediaTypes(operation)[0]) ?? 'application/json'
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value

    const signals = [AbortSignal.timeout(this.options.timeoutMs)]
    // A write already sent is not aborted by an interrupt: the deployment would make what it
    // asked for all the same, and only its 201 tells cleanup what to delete. The next
    // request after it throws Interrupted.
    const readOnly = method === 'GET' || method === 'HEAD'
    if (!this.ignoreInterrupt && readOnly) signals.push(this.options.interrupt)
    let status: number
    let text: string
    const responseHeaders: Record<string, string> = {}
    try {
      const response = await fetch(this.urlOf(target), { method, headers, body, redirect: 'manual', signal: AbortSignal.any(signals) })
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      if (readOnly && this.options.interrupt.aborted && !this.ignoreInterrupt) throw new Interrupted()
      const name = error instanceof Error ? error.name : ''
      if (name === 'TimeoutError') throw new RequestFailed(`${method} ${target}: no response within ${this.options.timeoutMs} ms`)
      throw new RequestFailed(`${method} ${target}: ${describeError(error)}`)
    }

    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    const exchange: Exchange = {
      method,
      target,
      operationId: operation?.operationId,
      status,
      headers: responseHeaders,
      text,
      json,
      sentRequestId,
      violations: options.outsideDocument
        ? []
        : contractViolations(method, target, { statusCode: status, headers: responseHeaders, body: text }),
      outsideDocument: options.outsideDocument ?? false,
    }
    this.exchanges.push(exchange)
    if (status === 201 && operation) this.remember(exchange, operation.operationId, path)
    return exchange
  }

  private remember(exchange: Exchange, operationId: string, path: string): void {
    const id = (exchange.json as { id?: unknown } | undefined)?.id
    const location = exchange.headers.location
    // Location names what was created; without one (itself a violation) fall back on the id
    const target =
      (location ? this.targetOf(location, exchange.target) : undefined) ??
      (typeof id === 'string' ? `${path}/${encodeURIComponent(id)}` : undefined)
    if (!target || this.created.some((c) => c.target === target)) return
    this.created.push({ target, operationId, id: typeof id === 'string' ? id : undefined })
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  // undici hides the system error (ECONNREFUSED, ENOTFOUND…) in `cause`
  const cause = (error as Error & { cause?: unknown }).cause
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code
    return `${error.message} (${typeof code === 'string' ? code : cause.message})`
  }
  return error.message
}
