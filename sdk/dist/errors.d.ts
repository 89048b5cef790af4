import type { OperationId, ProblemBody } from './types.js';
/** The base of every error the SDK throws (a caller's own abort is rethrown as it is). */
export declare class UserManagementError extends Error {
    constructor(message: string, options?: {
        cause?: unknown;
    });
}
/**
 * A problem document (RFC 9457) that the operation declares for this status: `code` is the
 * union of the codes the document declares for the operation, so `switch (error.code)`
 * narrows. Narrow an unknown error with `isProblem(error, 'createUser')`.
 */
export declare class ProblemError<Op extends OperationId = OperationId, Body extends ProblemBody<Op> = ProblemBody<Op>> extends UserManagementError {
    /** The operationId of the call that failed. */
    readonly operation: Op;
    readonly status: number;
    readonly code: Body extends {
        code: infer Code;
    } ? Code : never;
    /** The problem document as the service sent it. */
    readonly problem: Body;
    readonly headers: Headers;
    /** Seconds the service asks to wait before retrying (`Retry-After`), when it says. */
    readonly retryAfter: number | undefined;
    /** The request's id, to quote when reporting the problem. */
    readonly requestId: string | undefined;
    constructor(operation: Op, status: number, problem: Body, headers: Headers);
}
/**
 * A ProblemError of `Op` as a union over the problem documents the operation declares, so
 * that narrowing `code` narrows `problem` too (e.g. `existingUserId` once the code is
 * `email_taken`).
 */
export type ProblemErrorFor<Op extends OperationId> = ProblemBody<Op> extends infer Body ? (Body extends ProblemBody<Op> ? ProblemError<Op, Body> : never) : never;
/** Whether `error` is a ProblemError (of `operation`, when given): a type guard that narrows `code`. */
export declare function isProblem<Op extends OperationId>(error: unknown, operation: Op): error is ProblemErrorFor<Op>;
export declare function isProblem(error: unknown): error is ProblemError;
/**
 * A response the document does not declare for the operation: another status, a problem
 * code the operation cannot return, or a body that is not a problem document (a proxy's
 * error page, say), or a success without the headers the document requires.
 */
export declare class UnexpectedResponseError extends UserManagementError {
    readonly operation: OperationId;
    readonly status: number;
    readonly headers: Headers;
    /** The body: parsed JSON when it was JSON, else its text. */
    readonly body: unknown;
    constructor(operation: OperationId, status: number, headers: Headers, body: unknown, reason: string);
}
/** The request did not get a response: the connection failed or was dropped. */
export declare class NetworkError extends UserManagementError {
    constructor(message: string, options?: {
        cause?: unknown;
    });
}
/** An attempt took longer than `timeoutMs` (after the SDK's own retries, if any). */
export declare class TimeoutError extends NetworkError {
    readonly timeoutMs: number;
    constructor(timeoutMs: number);
}
