import createFetchClient from 'openapi-fetch'
import { ProblemError, UnexpectedResponseError } from './errors.js'
import type { paths } from './generated/openapi.js'
import { operationTable } from './generated/operations.js'
import { newIdempotencyKey } from './idempotency-key.js'
import { createTransport, type FetchLike, type RetryEvent } from './transport.js'
import type {
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeyList,
  EventList,
  Health,
  HeaderParameters,
  ListEventsQuery,
  ListUsersQuery,
  OperationId,
  PasswordVerification,
  User,
  UserCreate,
  UserImportItem,
  UserImportResult,
  UserList,
  UserPatch,
  UserReplace,
  PageQuery,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointCreated,
  WebhookEndpointList,
  WebhookEndpointPatch,
} from './types.js'

export interface ClientOptions {
  /** Where the service is, e.g. `https://users.example.com` (paths such as /api/users are appended). */
  baseUrl: string
  /** The API key sent as `Authorization: Bearer <key>` to every operation that needs one. */
  apiKey?: string | undefined
  /** The fetch to use (default: globalThis.fetch). */
  fetch?: FetchLike | undefined
  /** The longest one attempt may take, response body included (default 10 000 ms). */
  timeoutMs?: number | undefined
  /**
   * How many times a failed request is retried (default 2; 0 disables): on 429, 503 and
   * network errors or timeouts, and only when repeating it is safe (GET, HEAD, or a create
   * with its Idempotency-Key).
   */
  retries?: number | undefined
  /** Back-off between retries. */
  backoff?:
    | {
        /** default 200 */
        baseDelayMs?: number | undefined
        /** default 5 000 */
        maxDelayMs?: number | undefined
        /** A longer `Retry-After` is not waited for; the error is thrown at once (default 30 000). */
        maxRetryAfterMs?: number | undefined
      }
    | undefined
  /** Sent as `User-Agent` where the platform allows it (browsers may ignore it). */
  userAgent?: string | undefined
  /** Called once per call (not per retry) for the `X-Request-Id` to send; return undefined to let the service pick one. */
  requestId?: (() => string | undefined) | undefined
  /** Called before each retry, e.g. to log it. */
  onRetry?: ((event: RetryEvent) => void) | undefined
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call, retries included; the abort reason is thrown as it is. */
  signal?: AbortSignal | undefined
}

export interface ConditionalWriteOptions extends CallOptions {
  /** The `ETag` you read: the write happens only while the user still has it (else `precondition_failed`). */
  ifMatch?: NonNullable<HeaderParameters<'updateUser'>['If-Match']> | undefined
}

export interface GetOptions extends CallOptions {
  /** The `ETag` of your copy: while it is current the answer is `{ notModified: true }`, with no body. */
  ifNoneMatch?: NonNullable<HeaderParameters<'getUser'>['If-None-Match']> | undefined
}

export interface CreateOptions extends CallOptions {
  /** The key of this intended creation; by default a new random UUID. Reuse it only to retry this same creation. */
  idempotencyKey?: NonNullable<HeaderParameters<'createUser'>['Idempotency-Key']> | undefined
}

export type GetUserResult = { notModified: false; user: User; etag: string } | { notModified: true; etag: string }

export interface CreateUserResult {
  user: User
  etag: string
  /** The URI of the new user, as the service gave it. */
  location: string
  /** True when the service replayed the stored outcome of an earlier request with this Idempotency-Key. */
  replayed: boolean
  /** The Idempotency-Key the request was sent with: reuse it to retry this same creation later. */
  idempotencyKey: string
}

export interface UserResult {
  user: User
  etag: string
}

export interface FollowOptions extends CallOptions {
  /** How long to wait before asking again once the feed has nothing new (default 1 000 ms). */
  intervalMs?: number | undefined
}

export type Client = ReturnType<typeof createClient>

type Outcome = { data?: unknown; error?: unknown; response: Response }

const DEFAULTS = { timeoutMs: 10_000, retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 }

/** A client for the User Management API: one method per operation, typed from openapi.yaml. */
export function createClient(options: ClientOptions) {
  const transport = createTransport({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retry: {
      retries: options.retries ?? DEFAULTS.retries,
      baseDelayMs: options.backoff?.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULTS.maxDelayMs,
      maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    },
    onRetry: options.onRetry,
  })
  const http = createFetchClient<paths>({ baseUrl: options.baseUrl, fetch: transport })

  function headersFor(operation: OperationId): Record<string, string> {
    const headers: Record<string, string> = {}
    if (operationTable[operation].authenticated && options.apiKey !== undefined) headers.Authorization = `Bearer ${options.apiKey}`
    if (options.userAgent !== undefined) headers['User-Agent'] = options.userAgent
    const requestId = options.requestId?.()
    if (requestId !== undefined) headers['X-Request-Id'] = requestId
    return headers
  }

  // A failed response becomes a ProblemError when the document declares its status and code
  // for the operation, else an UnexpectedResponseError.
  function failure(operation: OperationId, { response, error }: Outcome): Error {
    const problems: Partial<Record<string, readonly string[] | null>> = operationTable[operation].problems
    const declared = problems[String(response.status)]
    const isProblemDocument = /^application\/problem\+json\s*(;|$)/i.test(response.headers.get('content-type') ?? '')
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
    if (declared !== undefined && isProblemDocument && typeof code === 'string' && (declared === null || declared.includes(code))) {
      return new ProblemError(operation, response.status, error as never, response.headers)
    }
    const reason =
      declared === undefined
        ? 'status not declared for this operation'
        : !isProblemDocument || typeof code !== 'string'
          ? 'not a problem document'
          : `problem code ${code} not declared for this status`
    return new UnexpectedResponseError(operation, response.status, response.headers, error, reason)
  }

  function success<T>(operation: OperationId, outcome: Outcome): T {
    if (!outcome.response.ok) throw failure(operation, outcome)
    return outcome.data as T
  }

  function requiredHeader(operation: OperationId, response: Response, name: string): string {
    const value = response.headers.get(name)
    if (value === null) throw new UnexpectedResponseError(operation, response.status, response.headers, undefined, `no ${name} header`)
    return value
  }

  function bodyOf<T>(operation: OperationId, outcome: Outcome): T {
    const data = success<T | undefined>(operation, outcome)
    if (data === undefined)
      throw new UnexpectedResponseError(operation, outcome.response.status, outcome.response.headers, undefined, 'no body')
    return data
  }

  async function listPage(query: ListUsersQuery = {}, { signal }: CallOptions = {}): Promise<UserList> {
    const outcome = await http.GET('/api/users', { params: { query }, headers: headersFor('listUsers'), signal })
    return bodyOf<UserList>('listUsers', outcome)
  }

  const users = {
    /** One page of users (listUsers): `data` and the `nextCursor` to pass back as `cursor`, null on the last page. */
    listPage,

    /** Every user matching `query`, across all pages (listUsers, following each `nextCursor`). */
    async *list(query: ListUsersQuery = {}, options: CallOptions = {}): AsyncGenerator<User, void, undefined> {
      let cursor = query.cursor
      do {
        const page = await listPage({ ...query, ...(cursor === undefined ? {} : { cursor }) }, options)
        yield* page.data
        cursor = page.nextCursor ?? undefined
      } while (cursor !== undefined)
    },

    /** Reads a user (getUser). With `ifNoneMatch`, a current copy answers `{ notModified: true }`. */
    async get(id: string, { ifNoneMatch, signal }: GetOptions = {}): Promise<GetUserResult> {
      const outcome = await http.GET('/api/users/{id}', {
        params: { path: { id }, header: { 'If-None-Match': ifNoneMatch } },
        headers: headersFor('getUser'),
        signal,
      })
      const etag = () => requiredHeader('getUser', outcome.response, 'ETag')
      if (outcome.response.status === 304) return { notModified: true, etag: etag() }
      const user = bodyOf<User>('getUser', outcome)
      return { notModified: false, user, etag: etag() }
    },

    /**
     * Creates a user (createUser) with an Idempotency-Key: `idempotencyKey` if given, else a
     * new random one, sent unchanged on every retry so that a retry never creates twice.
     */
    async create(body: UserCreate, { idempotencyKey, signal }: CreateOptions = {}): Promise<CreateUserResult> {
      const key = idempotencyKey ?? newIdempotencyKey()
      const outcome = await http.POST('/api/users', {
        params: { header: { 'Idempotency-Key': key } },
        body,
        headers: headersFor('createUser'),
        signal,
      })
      const user = bodyOf<User>('createUser', outcome)
      return {
        user,
        etag: requiredHeader('createUser', outcome.response, 'ETag'),
        location: requiredHeader('createUser', outcome.response, 'Location'),
        replayed: outcome.response.headers.get('Idempotent-Replayed') === 'true',
        idempotencyKey: key,
      }
    },

    /** Replaces every writable field of a user (replaceUser); an omitted `password` is kept. */
    async replace(id: string, body: UserReplace, { ifMatch, signal }: ConditionalWriteOptions = {}): Promise<UserResult> {
      const outcome = await http.PUT('/api/users/{id}', {
        params: { path: { id }, header: { 'If-Match': ifMatch } },
        body,
        headers: headersFor('replaceUser'),
        signal,
      })
      const user = bodyOf<User>('replaceUser', outcome)
      return { user, etag: requiredHeader('replaceUser', outcome.response, 'ETag') }
    },

    /** Changes the fields present in `patch` (updateUser, a JSON Merge Patch). */
    async update(id: string, patch: UserPatch, { ifMatch, signal }: ConditionalWriteOptions = {}): Promise<UserResult> {
      const outcome = await http.PATCH('/api/users/{id}', {
        params: { path: { id }, header: { 'If-Match': ifMatch } },
        body: patch,
        headers: { ...headersFor('updateUser'), 'Content-Type': 'application/merge-patch+json' },
        signal,
      })
      const user = bodyOf<User>('updateUser', outcome)
      return { user, etag: requiredHeader('updateUser', outcome.response, 'ETag') }
    },

    /**
     * Checks a password (verifyUserPassword; the `users:verify` scope): `true` when it is the
     * user's and the user is active. Too many failures for the user answer a ProblemError
     * `too_many_attempts` with `retryAfter`.
     */
    async verifyPassword(id: string, password: string, { signal }: CallOptions = {}): Promise<boolean> {
      const outcome = await http.POST('/api/users/{id}/password-verification', {
        params: { path: { id } },
        body: { password },
        headers: headersFor('verifyUserPassword'),
        signal,
      })
      return bodyOf<PasswordVerification>('verifyUserPassword', outcome).verified
    },

    /**
     * Creates up to 1 000 users in one request (importUsers), each with `password` or the
     * `passwordHash` another system made. The result has one outcome per item, in order; an
     * Idempotency-Key is generated (or `idempotencyKey` used) and kept across retries.
     */
    async import(
      users: UserImportItem[],
      { idempotencyKey, signal }: CreateOptions = {},
    ): Promise<UserImportResult & { replayed: boolean }> {
      const key = idempotencyKey ?? newIdempotencyKey()
      const outcome = await http.POST('/api/user-imports', {
        params: { header: { 'Idempotency-Key': key } },
        body: { users },
        headers: headersFor('importUsers'),
        signal,
      })
      const result = bodyOf<UserImportResult>('importUsers', outcome)
      return { ...result, replayed: outcome.response.headers.get('Idempotent-Replayed') === 'true' }
    },

    /** Deletes a user (deleteUser). */
    async delete(id: string, { ifMatch, signal }: ConditionalWriteOptions = {}): Promise<void> {
      const outcome = await http.DELETE('/api/users/{id}', {
        params: { path: { id }, header: { 'If-Match': ifMatch } },
        headers: headersFor('deleteUser'),
        signal,
      })
      success('deleteUser', outcome)
    },
  }

  const keys = {
    /** Every API key, without secrets (listApiKeys; the master key only). */
    async list({ signal }: CallOptions = {}): Promise<ApiKeyList> {
      const outcome = await http.GET('/api/keys', { headers: headersFor('listApiKeys'), signal })
      return bodyOf<ApiKeyList>('listApiKeys', outcome)
    },

    /** Issues a key (createApiKey; the master key only). Its secret `key` is in this response only. */
    async create(body: ApiKeyCreate, { signal }: CallOptions = {}): Promise<ApiKeyCreated> {
      const outcome = await http.POST('/api/keys', { body, headers: headersFor('createApiKey'), signal })
      return bodyOf<ApiKeyCreated>('createApiKey', outcome)
    },

    /** Revokes a key at once (deleteApiKey; the master key only). */
    async revoke(id: string, { signal }: CallOptions = {}): Promise<void> {
      const outcome = await http.DELETE('/api/keys/{id}', { params: { path: { id } }, headers: headersFor('deleteApiKey'), signal })
      success('deleteApiKey', outcome)
    },
  }

  async function eventsPage(query: ListEventsQuery = {}, { signal }: CallOptions = {}): Promise<EventList> {
    const outcome = await http.GET('/api/events', { params: { query }, headers: headersFor('listEvents'), signal })
    return bodyOf<EventList>('listEvents', outcome)
  }

  const events = {
    /**
     * One page of the change feed (listEvents; the `events:read` scope): `data`, `hasMore`,
     * and the `nextCursor` to pass back as `after`, present on the last page too.
     */
    listPage: eventsPage,

    /**
     * Follows the feed from `query.after` (the oldest event kept without it): yields each page
     * that has events, and once caught up asks again every `intervalMs`, for ever. Store a
     * page's `nextCursor` once you have handled its events, to resume there later. Stop with
     * `break` (or `signal`, whose reason is thrown). A cursor too old for the events kept
     * throws a ProblemError `cursor_expired`.
     */
    async *follow(
      query: ListEventsQuery = {},
      { intervalMs = 1_000, signal }: FollowOptions = {},
    ): AsyncGenerator<EventList, never, undefined> {
      let after = query.after
      for (;;) {
        const page = await eventsPage({ ...query, ...(after === undefined ? {} : { after }) }, { signal })
        after = page.nextCursor
        if (page.data.length > 0) yield page
        if (!page.hasMore) await pause(intervalMs, signal)
      }
    },
  }

  const webhookEndpoints = {
    /** One page of webhook endpoints, newest first, without secrets (listWebhookEndpoints; `webhooks:admin`). */
    async listPage(query: PageQuery = {}, { signal }: CallOptions = {}): Promise<WebhookEndpointList> {
      const outcome = await http.GET('/api/webhook-endpoints', { params: { query }, headers: headersFor('listWebhookEndpoints'), signal })
      return bodyOf<WebhookEndpointList>('listWebhookEndpoints', outcome)
    },

    /** Registers an endpoint (createWebhookEndpoint). Its signing `secret` is in this response only. */
    async create(body: WebhookEndpointCreate, { signal }: CallOptions = {}): Promise<WebhookEndpointCreated> {
      const outcome = await http.POST('/api/webhook-endpoints', { body, headers: headersFor('createWebhookEndpoint'), signal })
      return bodyOf<WebhookEndpointCreated>('createWebhookEndpoint', outcome)
    },

    /** One endpoint, with `disabledReason` when it was disabled (getWebhookEndpoint). */
    async get(id: string, { signal }: CallOptions = {}): Promise<WebhookEndpoint> {
      const outcome = await http.GET('/api/webhook-endpoints/{id}', {
        params: { path: { id } },
        headers: headersFor('getWebhookEndpoint'),
        signal,
      })
      return bodyOf<WebhookEndpoint>('getWebhookEndpoint', outcome)
    },

    /** Enables or disables an endpoint (updateWebhookEndpoint); enabling resumes its pending deliveries. */
    async update(id: string, patch: WebhookEndpointPatch, { signal }: CallOptions = {}): Promise<WebhookEndpoint> {
      const outcome = await http.PATCH('/api/webhook-endpoints/{id}', {
        params: { path: { id } },
        body: patch,
        headers: { ...headersFor('updateWebhookEndpoint'), 'Content-Type': 'application/merge-patch+json' },
        signal,
      })
      return bodyOf<WebhookEndpoint>('updateWebhookEndpoint', outcome)
    },

    /** Deletes an endpoint with its deliveries (deleteWebhookEndpoint). */
    async delete(id: string, { signal }: CallOptions = {}): Promise<void> {
      const outcome = await http.DELETE('/api/webhook-endpoints/{id}', {
        params: { path: { id } },
        headers: headersFor('deleteWebhookEndpoint'),
        signal,
      })
      success('deleteWebhookEndpoint', outcome)
    },

    /** One page of an endpoint's deliveries, newest event first, each with its attempts (listWebhookDeliveries). */
    async deliveries(id: string, query: PageQuery = {}, { signal }: CallOptions = {}): Promise<WebhookDeliveryList> {
      const outcome = await http.GET('/api/webhook-endpoints/{id}/deliveries', {
        params: { path: { id }, query },
        headers: headersFor('listWebhookDeliveries'),
        signal,
      })
      return bodyOf<WebhookDeliveryList>('listWebhookDeliveries', outcome)
    },

    /**
     * Makes a delivery due now (retryWebhookDelivery); a ProblemError `delivery_in_flight`
     * (409, with `retryAfter`) while an attempt of it is in progress.
     */
    async retryDelivery(id: string, deliveryId: string, { signal }: CallOptions = {}): Promise<WebhookDelivery> {
      const outcome = await http.POST('/api/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', {
        params: { path: { id, deliveryId } },
        headers: headersFor('retryWebhookDelivery'),
        signal,
      })
      return bodyOf<WebhookDelivery>('retryWebhookDelivery', outcome)
    },
  }

  return {
    users,
    keys,
    events,
    webhookEndpoints,
    /** The liveness probe (getHealth; no API key needed). */
    async health({ signal }: CallOptions = {}): Promise<Health> {
      return bodyOf<Health>('getHealth', await http.GET('/healthz', { headers: headersFor('getHealth'), signal }))
    },
    /**
     * The service's metrics in the Prometheus text format (getMetrics; a key with the
     * `metrics:read` scope). Meant for a scraper or a quick look, not for parsing by hand.
     */
    async metrics({ signal }: CallOptions = {}): Promise<string> {
      return bodyOf<string>('getMetrics', await http.GET('/metrics', { headers: headersFor('getMetrics'), signal, parseAs: 'text' }))
    },
    /**
     * The readiness probe (getReadiness): a ProblemError `unavailable` (503) while the
     * database is unreachable or the service is over capacity.
     */
    async ready({ signal }: CallOptions = {}): Promise<Health> {
      return bodyOf<Health>('getReadiness', await http.GET('/readyz', { headers: headersFor('getReadiness'), signal }))
    },
  }
}

/** Waits `ms`, or rejects with the reason as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
