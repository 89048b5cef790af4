// Generated from openapi.yaml by scripts/generate.mjs; do not edit.

/** The version of the API document this SDK was generated from (its info.version). */
export const apiVersion = "0.4.0"

const codes0 = ["validation_failed"] as const
const codes1 = ["unauthorized"] as const
const codes2 = ["forbidden"] as const
const codes3 = ["rate_limited"] as const
const codes4 = ["internal"] as const
const codes5 = ["validation_failed","malformed_json","bad_request"] as const
const codes6 = ["email_taken","external_id_taken","idempotency_key_in_use"] as const
const codes7 = ["payload_too_large"] as const
const codes8 = ["unsupported_media_type"] as const
const codes9 = ["idempotency_key_reused"] as const
const codes10 = ["not_found"] as const
const codes11 = ["email_taken","external_id_taken"] as const
const codes12 = ["precondition_failed"] as const
const codes13 = ["too_many_attempts","rate_limited"] as const
const codes14 = ["idempotency_key_in_use"] as const
const codes15 = ["cursor_expired"] as const
const codes16 = ["delivery_in_flight"] as const
const codes17 = ["unavailable"] as const

/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export const operationTable = {
  listUsers: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4 } },
  createUser: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 409: codes6, 413: codes7, 415: codes8, 422: codes9, 429: codes3, 500: codes4 } },
  getUser: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 429: codes3, 500: codes4 } },
  replaceUser: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 404: codes10, 409: codes11, 412: codes12, 413: codes7, 415: codes8, 429: codes3, 500: codes4 } },
  deleteUser: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 412: codes12, 429: codes3, 500: codes4 } },
  updateUser: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 404: codes10, 409: codes11, 412: codes12, 413: codes7, 415: codes8, 429: codes3, 500: codes4 } },
  verifyUserPassword: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 404: codes10, 413: codes7, 415: codes8, 429: codes13, 500: codes4 } },
  importUsers: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 409: codes14, 413: codes7, 415: codes8, 422: codes9, 429: codes3, 500: codes4 } },
  listEvents: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 410: codes15, 429: codes3, 500: codes4 } },
  listApiKeys: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4 } },
  createApiKey: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 413: codes7, 415: codes8, 429: codes3, 500: codes4 } },
  deleteApiKey: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 429: codes3, 500: codes4 } },
  listWebhookEndpoints: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4 } },
  createWebhookEndpoint: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 413: codes7, 415: codes8, 429: codes3, 500: codes4 } },
  getWebhookEndpoint: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 429: codes3, 500: codes4 } },
  deleteWebhookEndpoint: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 429: codes3, 500: codes4 } },
  updateWebhookEndpoint: { authenticated: true, problems: { 400: codes5, 401: codes1, 403: codes2, 404: codes10, 413: codes7, 415: codes8, 429: codes3, 500: codes4 } },
  listWebhookDeliveries: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 429: codes3, 500: codes4 } },
  retryWebhookDelivery: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes10, 409: codes16, 429: codes3, 500: codes4 } },
  getHealth: { authenticated: false, problems: { 400: codes0, 500: codes4 } },
  getReadiness: { authenticated: false, problems: { 400: codes0, 500: codes4, 503: codes17 } },
} as const
