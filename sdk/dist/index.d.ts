export { createClient, type Client, type ClientOptions, type CallOptions, type ConditionalWriteOptions, type CreateOptions, type FollowOptions, type GetOptions, type CreateUserResult, type GetUserResult, type UserResult, } from './client.js';
export { isProblem, NetworkError, ProblemError, type ProblemErrorFor, TimeoutError, UnexpectedResponseError, UserManagementError, } from './errors.js';
export { apiVersion } from './generated/operations.js';
export type { FetchLike, RetryEvent } from './transport.js';
export type * from './types.js';
