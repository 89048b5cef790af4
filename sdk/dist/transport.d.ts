/** A fetch: globalThis.fetch or anything with its signature (a proxy agent's, a test double's). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export interface RetryPolicy {
    /** Retries after the first attempt (0: none). */
    retries: number;
    /** Back-off before retry n is a random delay up to min(maxDelayMs, baseDelayMs * 2^n) ("full jitter"). */
    baseDelayMs: number;
    maxDelayMs: number;
    /** A `Retry-After` longer than this is not waited for: the error is returned to the caller at once. */
    maxRetryAfterMs: number;
}
export interface RetryEvent {
    method: string;
    url: string;
    /** The attempt that failed, from 1. */
    attempt: number;
    delayMs: number;
    /** The status that is retried, or the error (NetworkError, TimeoutError). */
    reason: number | Error;
}
export interface TransportOptions {
    fetch: FetchLike;
    timeoutMs: number;
    retry: RetryPolicy;
    onRetry?: ((event: RetryEvent) => void) | undefined;
}
/**
 * The fetch under openapi-fetch: each attempt gets its own timeout, covering the whole
 * response including its body (which is read here, so that a retried response's body is
 * released and a body that stalls counts as a timeout). Retries only what is safe to repeat:
 * GET and HEAD, and requests carrying an Idempotency-Key (sent unchanged on every attempt,
 * so the service replays rather than repeats the first outcome).
 */
export declare function createTransport(options: TransportOptions): (request: Request) => Promise<Response>;
