// Generated from openapi.yaml by scripts/generate.mjs; do not edit.

/** The version of the API document this SDK was generated from (its info.version). */
export const apiVersion = "0.1.0"

/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export const operationTable = {
  listUsers: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  createUser: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      409: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      413: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      415: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      422: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  getUser: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      404: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  replaceUser: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      404: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      409: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      412: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      413: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      415: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  deleteUser: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      404: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      412: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  updateUser: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      404: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      409: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      412: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      413: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      415: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  listApiKeys: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  createApiKey: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      413: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      415: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  deleteApiKey: {
    authenticated: true,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      401: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      403: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      404: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      429: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  getHealth: {
    authenticated: false,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
  getReadiness: {
    authenticated: false,
    problems: {
      400: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      500: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
      503: ["validation_failed","malformed_json","bad_request","unauthorized","forbidden","not_found","method_not_allowed","request_timeout","email_taken","idempotency_key_in_use","precondition_failed","idempotency_key_reused","payload_too_large","unsupported_media_type","headers_too_large","rate_limited","unavailable","internal"],
    },
  },
} as const
