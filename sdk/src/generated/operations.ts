// Generated from openapi.yaml by scripts/generate.mjs; do not edit.

/** The version of the API document this SDK was generated from (its info.version). */
export const apiVersion = "0.4.0"

const codes0 = ["validation_failed"] as const
const codes1 = ["unauthorized"] as const
const codes2 = ["forbidden"] as const
const codes3 = ["rate_limited"] as const
const codes4 = ["internal"] as const
const codes5 = ["unavailable"] as const
const codes6 = ["validation_failed","malformed_json","bad_request"] as const
const codes7 = ["email_taken","external_id_taken","idempotency_key_in_use"] as const
const codes8 = ["payload_too_large"] as const
const codes9 = ["unsupported_media_type"] as const
const codes10 = ["idempotency_key_reused"] as const
const codes11 = ["not_found"] as const
const codes12 = ["email_taken","external_id_taken"] as const
const codes13 = ["precondition_failed"] as const
const codes14 = ["too_many_attempts","rate_limited"] as const
const codes15 = ["idempotency_key_in_use"] as const
const codes16 = ["cursor_expired"] as const
const codes17 = ["delivery_in_flight"] as const

/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export const operationTable = {
  listUsers: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4, 503: codes5 } },
  createUser: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 409: codes7, 413: codes8, 415: codes9, 422: codes10, 429: codes3, 500: codes4, 503: codes5 } },
  getUser: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 429: codes3, 500: codes4, 503: codes5 } },
  replaceUser: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 404: codes11, 409: codes12, 412: codes13, 413: codes8, 415: codes9, 429: codes3, 500: codes4, 503: codes5 } },
  deleteUser: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 412: codes13, 429: codes3, 500: codes4, 503: codes5 } },
  updateUser: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 404: codes11, 409: codes12, 412: codes13, 413: codes8, 415: codes9, 429: codes3, 500: codes4, 503: codes5 } },
  verifyUserPassword: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 404: codes11, 413: codes8, 415: codes9, 429: codes14, 500: codes4, 503: codes5 } },
  importUsers: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 409: codes15, 413: codes8, 415: codes9, 422: codes10, 429: codes3, 500: codes4, 503: codes5 } },
  listEvents: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 410: codes16, 429: codes3, 500: codes4, 503: codes5 } },
  listApiKeys: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4, 503: codes5 } },
  createApiKey: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 413: codes8, 415: codes9, 429: codes3, 500: codes4, 503: codes5 } },
  deleteApiKey: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 429: codes3, 500: codes4, 503: codes5 } },
  listWebhookEndpoints: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 429: codes3, 500: codes4, 503: codes5 } },
  createWebhookEndpoint: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 413: codes8, 415: codes9, 429: codes3, 500: codes4, 503: codes5 } },
  getWebhookEndpoint: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 429: codes3, 500: codes4, 503: codes5 } },
  deleteWebhookEndpoint: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 429: codes3, 500: codes4, 503: codes5 } },
  updateWebhookEndpoint: { authenticated: true, problems: { 400: codes6, 401: codes1, 403: codes2, 404: codes11, 413: codes8, 415: codes9, 429: codes3, 500: codes4, 503: codes5 } },
  listWebhookDeliveries: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 429: codes3, 500: codes4, 503: codes5 } },
  retryWebhookDelivery: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 404: codes11, 409: codes17, 429: codes3, 500: codes4, 503: codes5 } },
  getHealth: { authenticated: false, problems: { 400: codes0, 500: codes4 } },
  getReadiness: { authenticated: false, problems: { 400: codes0, 500: codes4, 503: codes5 } },
  getMetrics: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 500: codes4 } },
} as const
