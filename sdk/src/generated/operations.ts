// Generated from openapi.yaml by scripts/generate.mjs; do not edit.

/** The version of the API document this SDK was generated from (its info.version). */
export const apiVersion = "0.1.0"

const codes0 = ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"] as const

/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export const operationTable = {
  listUsers: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 429: codes0, 500: codes0 } },
  createUser: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 409: codes0, 413: codes0, 415: codes0, 422: codes0, 429: codes0, 500: codes0 } },
  getUser: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 404: codes0, 429: codes0, 500: codes0 } },
  replaceUser: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 404: codes0, 409: codes0, 412: codes0, 413: codes0, 415: codes0, 429: codes0, 500: codes0 } },
  deleteUser: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 404: codes0, 412: codes0, 429: codes0, 500: codes0 } },
  updateUser: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 404: codes0, 409: codes0, 412: codes0, 413: codes0, 415: codes0, 429: codes0, 500: codes0 } },
  listApiKeys: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 429: codes0, 500: codes0 } },
  createApiKey: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 413: codes0, 415: codes0, 429: codes0, 500: codes0 } },
  deleteApiKey: { authenticated: true, problems: { 400: codes0, 401: codes0, 403: codes0, 404: codes0, 429: codes0, 500: codes0 } },
  getHealth: { authenticated: false, problems: { 400: codes0, 500: codes0 } },
  getReadiness: { authenticated: false, problems: { 400: codes0, 500: codes0, 503: codes0 } },
} as const
