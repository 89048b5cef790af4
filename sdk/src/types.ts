// Every type the SDK exposes is derived from the types openapi-typescript generates from
// openapi.yaml: when the document changes, `npm run generate` changes these with it.
import type { components, operations } from './generated/openapi.js'

export type { components, operations, paths } from './generated/openapi.js'

/** The operationId of every operation in the document. */
export type OperationId = keyof operations

type Responses<Op extends OperationId> = operations[Op]['responses']

/** The problem documents (`application/problem+json` bodies) an operation declares, as a union. */
export type ProblemBody<Op extends OperationId> = {
  [Status in keyof Responses<Op>]: Responses<Op>[Status] extends { content: { 'application/problem+json': infer Body } } ? Body : never
}[keyof Responses<Op>]

/** The union of the problem `code`s an operation declares. */
export type ProblemCode<Op extends OperationId> =
  ProblemBody<Op> extends infer Body ? (Body extends { code: infer Code } ? Code : never) : never

/** The error statuses (those with a problem document) an operation declares. */
export type ErrorStatus<Op extends OperationId> = {
  [Status in keyof Responses<Op>]: Responses<Op>[Status] extends { content: { 'application/problem+json': unknown } } ? Status : never
}[keyof Responses<Op>]

/** The request body of an operation, whatever media type the document declares it in. */
export type RequestBody<Op extends OperationId> =
  NonNullable<operations[Op]['requestBody']> extends { content: infer Content } ? Content[keyof Content] : never

/** The body of an operation's response with this status. */
export type ResponseBody<Op extends OperationId, Status extends keyof Responses<Op>> = Responses<Op>[Status] extends {
  content: infer Content
}
  ? Content[keyof Content]
  : never

type Parameters<Op extends OperationId> = operations[Op]['parameters']

/** The query parameters of an operation. */
export type Query<Op extends OperationId> = NonNullable<Parameters<Op>['query']>

/** The header parameters of an operation. */
export type HeaderParameters<Op extends OperationId> = NonNullable<Parameters<Op>['header']>

export type User = components['schemas']['User']
export type UserCreate = RequestBody<'createUser'>
export type UserReplace = RequestBody<'replaceUser'>
export type UserPatch = RequestBody<'updateUser'>
export type UserList = ResponseBody<'listUsers', 200>
export type ListUsersQuery = Query<'listUsers'>
export type ApiKey = components['schemas']['ApiKey']
export type ApiKeyCreate = RequestBody<'createApiKey'>
export type ApiKeyCreated = ResponseBody<'createApiKey', 201>
export type ApiKeyList = ResponseBody<'listApiKeys', 200>
export type Health = ResponseBody<'getHealth', 200>
export type PasswordVerification = ResponseBody<'verifyUserPassword', 200>
export type UserImport = RequestBody<'importUsers'>
export type UserImportItem = components['schemas']['UserImportItem']
export type UserImportResult = ResponseBody<'importUsers', 200>
export type UserImportOutcome = components['schemas']['UserImportOutcome']
export type Event = components['schemas']['Event']
export type EventType = components['schemas']['EventType']
export type EventList = ResponseBody<'listEvents', 200>
export type ListEventsQuery = Query<'listEvents'>
export type WebhookEndpoint = components['schemas']['WebhookEndpoint']
export type WebhookEndpointCreate = RequestBody<'createWebhookEndpoint'>
export type WebhookEndpointCreated = ResponseBody<'createWebhookEndpoint', 201>
export type WebhookEndpointPatch = RequestBody<'updateWebhookEndpoint'>
export type WebhookEndpointList = ResponseBody<'listWebhookEndpoints', 200>
export type WebhookDelivery = components['schemas']['WebhookDelivery']
export type WebhookDeliveryList = ResponseBody<'listWebhookDeliveries', 200>
export type PageQuery = Query<'listWebhookEndpoints'>
