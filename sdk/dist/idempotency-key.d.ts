/**
 * A random UUID (v4) for an Idempotency-Key. crypto.randomUUID exists only in secure
 * contexts in browsers (an http:// page on another host has none); getRandomValues exists
 * everywhere.
 */
export declare function newIdempotencyKey(): string;
