import { type FetchLike, type RetryEvent } from './transport.js';
import type { ApiKeyCreate, ApiKeyCreated, ApiKeyList, EventList, Health, HeaderParameters, ListEventsQuery, ListUsersQuery, User, UserCreate, UserImportItem, UserImportResult, UserList, UserPatch, UserReplace, PageQuery, WebhookDelivery, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointCreate, WebhookEndpointCreated, WebhookEndpointList, WebhookEndpointPatch } from './types.js';
export interface ClientOptions {
    /** Where the service is, e.g. `https://users.example.com` (paths such as /api/users are appended). */
    baseUrl: string;
    /** The API key sent as `Authorization: Bearer <key>` to every operation that needs one. */
    apiKey?: string | undefined;
    /** The fetch to use (default: globalThis.fetch). */
    fetch?: FetchLike | undefined;
    /** The longest one attempt may take, response body included (default 10 000 ms). */
    timeoutMs?: number | undefined;
    /**
     * How many times a failed request is retried (default 2; 0 disables): on 429, 503 and
     * network errors or timeouts, and only when repeating it is safe (GET, HEAD, or a create
     * with its Idempotency-Key).
     */
    retries?: number | undefined;
    /** Back-off between retries. */
    backoff?: {
        /** default 200 */
        baseDelayMs?: number | undefined;
        /** default 5 000 */
        maxDelayMs?: number | undefined;
        /** A longer `Retry-After` is not waited for; the error is thrown at once (default 30 000). */
        maxRetryAfterMs?: number | undefined;
    } | undefined;
    /** Sent as `User-Agent` where the platform allows it (browsers may ignore it). */
    userAgent?: string | undefined;
    /** Called once per call (not per retry) for the `X-Request-Id` to send; return undefined to let the service pick one. */
    requestId?: (() => string | undefined) | undefined;
    /** Called before each retry, e.g. to log it. */
    onRetry?: ((event: RetryEvent) => void) | undefined;
}
/** Options every call takes. */
export interface CallOptions {
    /** Aborts the call, retries included; the abort reason is thrown as it is. */
    signal?: AbortSignal | undefined;
}
export interface ConditionalWriteOptions extends CallOptions {
    /** The `ETag` you read: the write happens only while the user still has it (else `precondition_failed`). */
    ifMatch?: NonNullable<HeaderParameters<'updateUser'>['If-Match']> | undefined;
}
export interface GetOptions extends CallOptions {
    /** The `ETag` of your copy: while it is current the answer is `{ notModified: true }`, with no body. */
    ifNoneMatch?: NonNullable<HeaderParameters<'getUser'>['If-None-Match']> | undefined;
}
export interface CreateOptions extends CallOptions {
    /** The key of this intended creation; by default a new random UUID. Reuse it only to retry this same creation. */
    idempotencyKey?: NonNullable<HeaderParameters<'createUser'>['Idempotency-Key']> | undefined;
}
export type GetUserResult = {
    notModified: false;
    user: User;
    etag: string;
} | {
    notModified: true;
    etag: string;
};
export interface CreateUserResult {
    user: User;
    etag: string;
    /** The URI of the new user, as the service gave it. */
    location: string;
    /** True when the service replayed the stored outcome of an earlier request with this Idempotency-Key. */
    replayed: boolean;
    /** The Idempotency-Key the request was sent with: reuse it to retry this same creation later. */
    idempotencyKey: string;
}
export interface UserResult {
    user: User;
    etag: string;
}
export interface FollowOptions extends CallOptions {
    /** How long to wait before asking again once the feed has nothing new (default 1 000 ms). */
    intervalMs?: number | undefined;
}
export type Client = ReturnType<typeof createClient>;
/** A client for the User Management API: one method per operation, typed from openapi.yaml. */
export declare function createClient(options: ClientOptions): {
    users: {
        /** One page of users (listUsers): `data` and the `nextCursor` to pass back as `cursor`, null on the last page. */
        listPage: (query?: ListUsersQuery, { signal }?: CallOptions) => Promise<UserList>;
        /** Every user matching `query`, across all pages (listUsers, following each `nextCursor`). */
        list(query?: ListUsersQuery, options?: CallOptions): AsyncGenerator<User, void, undefined>;
        /** Reads a user (getUser). With `ifNoneMatch`, a current copy answers `{ notModified: true }`. */
        get(id: string, { ifNoneMatch, signal }?: GetOptions): Promise<GetUserResult>;
        /**
         * Creates a user (createUser) with an Idempotency-Key: `idempotencyKey` if given, else a
         * new random one, sent unchanged on every retry so that a retry never creates twice.
         */
        create(body: UserCreate, { idempotencyKey, signal }?: CreateOptions): Promise<CreateUserResult>;
        /** Replaces every writable field of a user (replaceUser); an omitted `password` is kept. */
        replace(id: string, body: UserReplace, { ifMatch, signal }?: ConditionalWriteOptions): Promise<UserResult>;
        /** Changes the fields present in `patch` (updateUser, a JSON Merge Patch). */
        update(id: string, patch: UserPatch, { ifMatch, signal }?: ConditionalWriteOptions): Promise<UserResult>;
        /**
         * Checks a password (verifyUserPassword; the `users:verify` scope): `true` when it is the
         * user's and the user is active. Too many failures for the user answer a ProblemError
         * `too_many_attempts` with `retryAfter`.
         */
        verifyPassword(id: string, password: string, { signal }?: CallOptions): Promise<boolean>;
        /**
         * Creates up to 1 000 users in one request (importUsers), each with `password` or the
         * `passwordHash` another system made. The result has one outcome per item, in order; an
         * Idempotency-Key is generated (or `idempotencyKey` used) and kept across retries.
         */
        import(users: UserImportItem[], { idempotencyKey, signal }?: CreateOptions): Promise<UserImportResult & {
            replayed: boolean;
        }>;
        /** Deletes a user (deleteUser). */
        delete(id: string, { ifMatch, signal }?: ConditionalWriteOptions): Promise<void>;
    };
    keys: {
        /** Every API key, without secrets (listApiKeys; the master key only). */
        list({ signal }?: CallOptions): Promise<ApiKeyList>;
        /** Issues a key (createApiKey; the master key only). Its secret `key` is in this response only. */
        create(body: ApiKeyCreate, { signal }?: CallOptions): Promise<ApiKeyCreated>;
        /** Revokes a key at once (deleteApiKey; the master key only). */
        revoke(id: string, { signal }?: CallOptions): Promise<void>;
    };
    events: {
        /**
         * One page of the change feed (listEvents; the `events:read` scope): `data`, `hasMore`,
         * and the `nextCursor` to pass back as `after`, present on the last page too.
         */
        listPage: (query?: ListEventsQuery, { signal }?: CallOptions) => Promise<EventList>;
        /**
         * Follows the feed from `query.after` (the oldest event kept without it): yields each page
         * that has events, and once caught up asks again every `intervalMs`, for ever. Store a
         * page's `nextCursor` once you have handled its events, to resume there later. Stop with
         * `break` (or `signal`, whose reason is thrown). A cursor too old for the events kept
         * throws a ProblemError `cursor_expired`.
         */
        follow(query?: ListEventsQuery, { intervalMs, signal }?: FollowOptions): AsyncGenerator<EventList, never, undefined>;
    };
    webhookEndpoints: {
        /** One page of webhook endpoints, newest first, without secrets (listWebhookEndpoints; `webhooks:admin`). */
        listPage(query?: PageQuery, { signal }?: CallOptions): Promise<WebhookEndpointList>;
        /** Registers an endpoint (createWebhookEndpoint). Its signing `secret` is in this response only. */
        create(body: WebhookEndpointCreate, { signal }?: CallOptions): Promise<WebhookEndpointCreated>;
        /** One endpoint, with `disabledReason` when it was disabled (getWebhookEndpoint). */
        get(id: string, { signal }?: CallOptions): Promise<WebhookEndpoint>;
        /** Enables or disables an endpoint (updateWebhookEndpoint); enabling resumes its pending deliveries. */
        update(id: string, patch: WebhookEndpointPatch, { signal }?: CallOptions): Promise<WebhookEndpoint>;
        /** Deletes an endpoint with its deliveries (deleteWebhookEndpoint). */
        delete(id: string, { signal }?: CallOptions): Promise<void>;
        /** One page of an endpoint's deliveries, newest event first, each with its attempts (listWebhookDeliveries). */
        deliveries(id: string, query?: PageQuery, { signal }?: CallOptions): Promise<WebhookDeliveryList>;
        /**
         * Makes a delivery due now (retryWebhookDelivery); a ProblemError `delivery_in_flight`
         * (409, with `retryAfter`) while an attempt of it is in progress.
         */
        retryDelivery(id: string, deliveryId: string, { signal }?: CallOptions): Promise<WebhookDelivery>;
    };
    /** The liveness probe (getHealth; no API key needed). */
    health({ signal }?: CallOptions): Promise<Health>;
    /**
     * The service's metrics in the Prometheus text format (getMetrics; a key with the
     * `metrics:read` scope). Meant for a scraper or a quick look, not for parsing by hand.
     */
    metrics({ signal }?: CallOptions): Promise<string>;
    /**
     * The readiness probe (getReadiness): a ProblemError `unavailable` (503) while the
     * database is unreachable or the service is over capacity.
     */
    ready({ signal }?: CallOptions): Promise<Health>;
};
