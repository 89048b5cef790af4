/** `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) as milliseconds from `now`; undefined when absent or invalid. */
export declare function retryAfterMs(value: string | null, now?: number): number | undefined;
