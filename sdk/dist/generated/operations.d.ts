/** The version of the API document this SDK was generated from (its info.version). */
export declare const apiVersion = "0.4.0";
/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export declare const operationTable: {
    readonly listUsers: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly createUser: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 409: readonly ["email_taken", "external_id_taken", "idempotency_key_in_use"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 422: readonly ["idempotency_key_reused"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly getUser: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly replaceUser: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 409: readonly ["email_taken", "external_id_taken"];
            readonly 412: readonly ["precondition_failed"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly deleteUser: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 412: readonly ["precondition_failed"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly updateUser: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 409: readonly ["email_taken", "external_id_taken"];
            readonly 412: readonly ["precondition_failed"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly verifyUserPassword: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["too_many_attempts", "rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly importUsers: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 409: readonly ["idempotency_key_in_use"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 422: readonly ["idempotency_key_reused"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly listEvents: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 410: readonly ["cursor_expired"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly listApiKeys: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly createApiKey: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly deleteApiKey: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly listWebhookEndpoints: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly createWebhookEndpoint: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly getWebhookEndpoint: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly deleteWebhookEndpoint: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly updateWebhookEndpoint: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed", "malformed_json", "bad_request"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 413: readonly ["payload_too_large"];
            readonly 415: readonly ["unsupported_media_type"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly listWebhookDeliveries: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly retryWebhookDelivery: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 404: readonly ["not_found"];
            readonly 409: readonly ["delivery_in_flight"];
            readonly 429: readonly ["rate_limited"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly getHealth: {
        readonly authenticated: false;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 500: readonly ["internal"];
        };
    };
    readonly getReadiness: {
        readonly authenticated: false;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 500: readonly ["internal"];
            readonly 503: readonly ["unavailable"];
        };
    };
    readonly getMetrics: {
        readonly authenticated: true;
        readonly problems: {
            readonly 400: readonly ["validation_failed"];
            readonly 401: readonly ["unauthorized"];
            readonly 403: readonly ["forbidden"];
            readonly 500: readonly ["internal"];
        };
    };
};
