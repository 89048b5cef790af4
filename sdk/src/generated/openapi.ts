export interface paths {
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Returns the users that match the filters, a page at a time, in `sort` order (ties
         *     broken by id). Walk the pages by passing `nextCursor` back as `cursor`, with the
         *     same `sort` and filters, until it is `null`. Filters combine: a user must match
         *     every one given. To read known users in one call, give up to 100 `id`s
         *     (`?id=…&id=…`): the answer holds those of them that exist, in `sort` order.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Creates a user. The email is trimmed and lower-cased before it is stored and must
         *     be unique regardless of case. The password is hashed (Argon2id) and never returned.
         *     Send an `Idempotency-Key` to make retrying safe.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get a user
         * @description Send the `ETag` of your copy in `If-None-Match` to get `304 Not Modified`, with no
         *     body, while it is current.
         */
        get: operations["getUser"];
        /**
         * Replace a user
         * @description Replaces every writable field. An omitted `status` returns to its default
         *     (`active`); an omitted `password` leaves the password unchanged. A replacement
         *     that changes nothing keeps `updatedAt` and the `ETag`. Send `If-Match` to replace
         *     only the version you read.
         */
        put: operations["replaceUser"];
        post?: never;
        /**
         * Delete a user
         * @description Send `If-Match` to delete only the version you read.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Update a user
         * @description Applies a JSON Merge Patch (RFC 7396): only the fields present change. The body is
         *     read as a merge patch whether it is sent as `application/merge-patch+json` or as
         *     plain `application/json` (what most generated clients send). An update that changes
         *     nothing keeps `updatedAt` and the `ETag`. Send `If-Match` to update only the version
         *     you read.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/users/{id}/password-verification": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a user's password
         * @description Checks a password against the one stored for the user, without revealing it:
         *     `verified: true` when it matches and the user is `active`; a `disabled` user never
         *     verifies. A success sets the user's `lastVerifiedAt` and, when the stored hash is
         *     weaker than the service's current Argon2id parameters (or was imported from
         *     another algorithm), re-hashes the password with them.
         *
         *     Guessing is stopped per user, whoever asks: after 5 failed attempts within 15
         *     minutes (the defaults; operators may set others), further attempts answer `429
         *     too_many_attempts` with `Retry-After` until that window has passed. Attempts are
         *     counted in the database, so they add up across API keys and service instances. Every
         *     attempt on a `disabled` user counts as a failure; enabling the user again clears them. Since `lastVerifiedAt` is part of
         *     the user, a success gives the user a new `ETag` (`updatedAt` stays). Needs the
         *     `users:verify` scope, which no other scope implies.
         */
        post: operations["verifyUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/user-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import users
         * @description Creates up to 1 000 users in one request, such as when moving an existing user base
         *     in. Each item gives either `password` (hashed here with Argon2id) or
         *     `passwordHash`, the hash your current system stores: a PHC string or modular crypt
         *     string of Argon2id or Argon2i (`$argon2id$…`, `$argon2i$…`), bcrypt (`$2a$`, `$2b$`,
         *     `$2y$`) or scrypt (`$scrypt$ln=…,r=…,p=…$<salt>$<hash>`, base64). An imported hash
         *     is verified with its own algorithm and replaced by an Argon2id one at the user's
         *     first successful password verification.
         *
         *     Items are independent: the answer lists one outcome per item, in order, either
         *     `created` with the user or `failed` with the problem (`validation_failed` with
         *     pointers into the request, `email_taken`, `external_id_taken`, also between items of
         *     the same request), so one bad item does not fail the others. The request as a whole
         *     fails only when it is not a list of at most 1 000 objects. Send an
         *     `Idempotency-Key` to retry safely: a retry replays the first answer.
         */
        post: operations["importUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the change feed
         * @description Every change to a user, in the order the changes were committed: `user.created`,
         *     `user.updated` (with the names of the changed fields) and `user.deleted`, each
         *     carrying the user as this API returns it. The event of a write is stored in the
         *     write's own transaction, so an acknowledged change always has its event and a
         *     refused or rolled-back one never does.
         *
         *     Start without `after` to read from the oldest event kept, then pass `nextCursor`
         *     back as `after`. Unlike other lists, `nextCursor` is never `null`: on the last page
         *     it marks where you stopped, so poll with it to receive the events committed since
         *     (`hasMore` says whether more are waiting now). The feed has no gaps: an event never
         *     appears before one you have already read, even with several instances writing at
         *     once. Events are kept for `EVENT_RETENTION_DAYS` (30 by default); a cursor from
         *     before the oldest kept event answers `410 cursor_expired`: read the users again
         *     (`GET /api/users`) and start the feed afresh. `type` narrows the page to some event
         *     types without changing what the cursor means.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Lists the keys that can still be used or have expired; secrets are never shown again.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue an API key
         * @description Issues a key with the given scopes. The response holds the secret `key`: store it
         *     now, it is shown this once and kept by the service only as a hash.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API key's id. */
                id: components["parameters"]["ApiKeyIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes the key; requests made with it are refused from now on.
         */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description The registered endpoints, newest first, in pages. Their secrets are never shown again.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Registers a URL that receives the events of the chosen types (`*` for all), from
         *     the next event on (earlier events are not sent). The URL must be `https://` and its
         *     host must not be, or resolve to, a private, loopback, link-local, unique-local,
         *     multicast or otherwise non-public address (`400 validation_failed` with the pointer
         *     `/body/url`); the check is repeated on every delivery, against the address actually
         *     connected to. A host that does not resolve at registration is accepted: its
         *     deliveries fail until it does. The response holds the signing `secret`: store it
         *     now, it is shown this once.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description The endpoint, with why it was disabled if it was; never its secret.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Deletes the endpoint with its deliveries; nothing more is sent to it (a delivery already on its way finishes).
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Enable or disable a webhook endpoint
         * @description A JSON Merge Patch of `status`. Enabling a disabled endpoint clears
         *     `disabledReason`; its pending deliveries resume, in order, and the events that
         *     happened while it was disabled are delivered too. Disabling one pauses its
         *     deliveries.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/api/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description One delivery per event sent (or to be sent) to the endpoint, newest event first,
         *     each with its attempts in the order they were made: when, the response status, how
         *     long it took, and what went wrong.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhook-endpoints/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
                /** @description The delivery's id (from `listWebhookDeliveries`). */
                deliveryId: components["parameters"]["WebhookDeliveryIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description Makes the delivery due now, whatever its status (a failed one starts a new round of
         *     retries), and answers `202` with the delivery. The attempt itself is made by a
         *     delivery worker shortly after; the ordering per user still holds (the attempt waits
         *     for that user's earlier deliveries to this endpoint). A delivery whose attempt is
         *     in progress answers `409 delivery_in_flight`; retry after `Retry-After` seconds.
         *     Deliveries of a disabled endpoint wait for it to be enabled.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers `200` while the process is running.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description Answers `200` when the service can take traffic; `503` when the database is
         *     unreachable or the service is over capacity (event-loop delay, memory, or a full
         *     password-hashing queue), with the reason in `detail`, within 2 seconds even when
         *     the database does not answer at all. A load balancer should stop sending requests
         *     while it answers `503`; `/healthz` stays `200` meanwhile.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Metrics for Prometheus
         * @description The service's metrics in the Prometheus text format (version 0.0.4): requests by
         *     operation, method and status (count and latency), database query durations by
         *     model and action, password hashes in flight and waiting, webhook deliveries by
         *     outcome, and the process's own figures (CPU, memory, event-loop delay, garbage
         *     collection). Needs a key with the `metrics:read` scope. Not rate limited and never
         *     shed under load, so that a scraper sees the service when it matters most. An
         *     operator may also serve the same text on a separate port without a key
         *     (`METRICS_PORT`), which is not part of this document.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    userEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A user event, delivered to a webhook endpoint
         * @description What the service sends to each enabled endpoint registered for the event's type: a
         *     `POST` of the event, signed as Standard Webhooks specifies. Verify the signature
         *     over the raw body with the endpoint's `secret` (for instance `new
         *     Webhook(secret).verify(body, headers)` of the `standardwebhooks` package) and
         *     refuse a request whose timestamp is more than 5 minutes away from now. Answer
         *     `2xx` within 10 seconds; anything else (redirects included) is retried. A delivery
         *     may arrive more than once: the `webhook-id` stays the same, deduplicate on it.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description The event's id; the same on every attempt of the delivery. */
                    "webhook-id": string;
                    /** @description When this attempt was signed, in seconds since the Unix epoch. */
                    "webhook-timestamp": string;
                    /**
                     * @description `v1,` and the base64 HMAC-SHA256, keyed with the secret's decoded bytes, of
                     *     `<webhook-id>.<webhook-timestamp>.<body>`.
                     */
                    "webhook-signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            responses: {
                /** @description Any `2xx` acknowledges the delivery; its body is ignored (and at most 64 KiB of it read). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Any other status (a redirect too, which is not followed) fails the attempt; it is retried later. */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * Format: uuid
         * @description Assigned by the service; time-ordered (UUIDv7).
         * @example 01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f
         */
        UserId: string;
        /**
         * @description `active`: the user may sign in; their password verifies. `disabled`: the user is
         *     kept (with `disabledAt`, when it was disabled) but must not sign in: password
         *     verification always answers `verified: false`. Setting `active` again clears
         *     `disabledAt`.
         * @enum {string}
         */
        UserStatus: "active" | "disabled";
        /**
         * @description Your own id for the user (printable ASCII, no surrounding spaces), unique among
         *     users; `null` when unset.
         * @example crm-000042
         */
        ExternalId: string;
        MetadataKey: string;
        /**
         * @description Your own data about the user: up to 50 keys (1–40 characters of `A-Z a-z 0-9 _ - .`),
         *     each with a string value of at most 500 characters. Filter on it with
         *     `metadata[<key>]=<value>`. Never put secrets here.
         * @example {
         *       "plan": "pro",
         *       "crmAccount": "acct_1029"
         *     }
         */
        Metadata: {
            [key: string]: string;
        };
        /**
         * @description An email address (ASCII; write an internationalized domain in its `xn--` form).
         *     Surrounding whitespace is removed and the address is lower-cased before it is
         *     stored; it must be unique regardless of case.
         * @example ada@example.com
         */
        EmailInput: string;
        /**
         * @description The display name; surrounding whitespace is removed.
         * @example Ada Lovelace
         */
        NameInput: string;
        /**
         * @description Stored only as an Argon2id hash; never returned.
         * @example correct horse battery staple
         */
        Password: string;
        /**
         * @example {
         *       "id": "01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f",
         *       "email": "ada@example.com",
         *       "name": "Ada Lovelace",
         *       "status": "active",
         *       "externalId": "crm-000042",
         *       "metadata": {
         *         "plan": "pro"
         *       },
         *       "createdAt": "2026-11-26T09:30:00.000Z",
         *       "updatedAt": "2026-11-26T09:30:00.000Z",
         *       "disabledAt": null,
         *       "lastVerifiedAt": null
         *     }
         */
        User: {
            id: components["schemas"]["UserId"];
            /**
             * Format: email
             * @description Lower-case.
             */
            email: string;
            name: string;
            status: components["schemas"]["UserStatus"];
            externalId: components["schemas"]["ExternalId"] | null;
            metadata: components["schemas"]["Metadata"];
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When a write last changed the user; a write that changes nothing keeps it.
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @description When the user was disabled; `null` while it is `active`.
             */
            disabledAt: string | null;
            /**
             * Format: date-time
             * @description When the user's password last verified; `null` if it never has.
             */
            lastVerifiedAt: string | null;
        };
        UserCreate: {
            email: components["schemas"]["EmailInput"];
            name: components["schemas"]["NameInput"];
            password: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
            externalId?: components["schemas"]["ExternalId"] | null;
            metadata?: components["schemas"]["Metadata"];
        };
        UserReplace: {
            email: components["schemas"]["EmailInput"];
            name: components["schemas"]["NameInput"];
            password?: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
            /** @description Omitted or `null`, the user has no `externalId` afterwards. */
            externalId?: components["schemas"]["ExternalId"] | null;
            /** @description The whole metadata; omitted, the user has none afterwards. */
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description A JSON Merge Patch of a user; every property is optional. */
        UserPatch: {
            email?: components["schemas"]["EmailInput"];
            name?: components["schemas"]["NameInput"];
            password?: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
            /** @description `null` removes it. */
            externalId?: components["schemas"]["ExternalId"] | null;
            /**
             * @description Keys to set (a string) or remove (`null`); keys not named are kept. `null` for the
             *     whole object removes every key. At most 50 keys may remain.
             */
            metadata?: {
                [key: string]: string | null;
            } | null;
        };
        UserList: {
            data: components["schemas"]["User"][];
            /** @description Pass as `cursor` to get the next page; `null` on the last page. */
            nextCursor: string | null;
        };
        /**
         * @description What happened to the user. New types may come in a minor version: a consumer
         *     ignores events of a type it does not know.
         * @enum {string}
         */
        EventType: "user.created" | "user.updated" | "user.deleted";
        /** @description One change to one user. */
        Event: {
            /**
             * Format: uuid
             * @description The event's id (UUIDv7, time-ordered); the same event always has the same id.
             */
            id: string;
            type: components["schemas"]["EventType"];
            /**
             * Format: date-time
             * @description When the change was made.
             */
            occurredAt: string;
            data: components["schemas"]["EventData"];
        };
        EventData: {
            /** @description The user as the change left it; for `user.deleted`, as it was when deleted. */
            user: components["schemas"]["User"];
            /**
             * @description With `user.updated`: the fields the change set to a new value. `password` means a
             *     new password (never shown); `lastVerifiedAt` a successful password verification.
             */
            changedFields?: ("email" | "name" | "status" | "disabledAt" | "externalId" | "metadata" | "password" | "lastVerifiedAt")[];
        };
        EventList: {
            data: components["schemas"]["Event"][];
            /** @description Pass as `after` for the events after this page; present on every page, the last one too. */
            nextCursor: string;
            /** @description `true` when more events were waiting after this page when it was read. */
            hasMore: boolean;
        };
        PasswordVerificationRequest: {
            /** @description The password to check (imported users may have passwords shorter than 8 characters). */
            password: string;
        };
        PasswordVerification: {
            /** @description `true` when the password is the user's and the user is `active`. */
            verified: boolean;
        };
        /**
         * @description A password hash from another system: Argon2id or Argon2i as a PHC string
         *     (`$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`, p 1–16, t 1–64, m at most 1 GiB), bcrypt
         *     (`$2a$`, `$2b$` or `$2y$`, cost 4–16), or scrypt as
         *     `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>` (base64, as passlib writes it; ln 1–20,
         *     r 1–32, p 1–16, at most 1 GiB of memory). Checksums shorter than 16 bytes are refused.
         */
        PasswordHash: string;
        /** @description A user to create, with exactly one of `password` and `passwordHash`. */
        UserImportItem: {
            email: components["schemas"]["EmailInput"];
            name: components["schemas"]["NameInput"];
            status?: components["schemas"]["UserStatus"];
            externalId?: components["schemas"]["ExternalId"];
            metadata?: components["schemas"]["Metadata"];
            password?: components["schemas"]["Password"];
            passwordHash?: components["schemas"]["PasswordHash"];
        };
        UserImport: {
            /**
             * @description The users to create. Each item is checked on its own: one that is not a valid
             *     `UserImportItem` fails alone, with pointers such as `/body/users/3/email`.
             */
            users: components["schemas"]["UserImportItem"][];
        };
        /** @description Why one item was not imported. */
        ImportItemProblem: {
            /** @enum {string} */
            code: "validation_failed" | "email_taken" | "external_id_taken";
            detail: string;
            /** @description With `validation_failed`, one entry a problem, pointing into the request. */
            errors?: components["schemas"]["FieldError"][];
            /** @description With `email_taken` or `external_id_taken`, the user that has the value, when the API key may read users. */
            existingUserId?: components["schemas"]["UserId"];
        };
        /** @description The outcome of one item; `user` when it was `created`, `problem` when it `failed`. */
        UserImportOutcome: {
            /**
             * Format: int32
             * @description The item's position in `users` (from 0).
             */
            index: number;
            /** @enum {string} */
            status: "created" | "failed";
            user?: components["schemas"]["User"];
            problem?: components["schemas"]["ImportItemProblem"];
        };
        UserImportResult: {
            /** Format: int32 */
            created: number;
            /** Format: int32 */
            failed: number;
            results: components["schemas"]["UserImportOutcome"][];
        };
        /**
         * @description `users:read` lists and reads users; `users:write` creates, replaces, updates,
         *     deletes and imports them; `users:verify` checks their passwords (and nothing else);
         *     `events:read` reads the change feed (`GET /api/events`); `webhooks:admin`
         *     registers, lists and deletes webhook endpoints and reads and retries their
         *     deliveries; `metrics:read` reads the service's metrics (`GET /metrics`).
         *     New scopes may come in a minor version, with new operations: a client that lists
         *     keys should show a scope it does not know rather than fail.
         * @enum {string}
         */
        ApiKeyScope: "users:read" | "users:write" | "users:verify" | "events:read" | "webhooks:admin" | "metrics:read";
        /**
         * @example {
         *       "id": "01936d40-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
         *       "name": "crm-sync",
         *       "scopes": [
         *         "users:read",
         *         "users:write"
         *       ],
         *       "prefix": "umk_Zx8q",
         *       "createdAt": "2026-11-26T09:30:00.000Z",
         *       "expiresAt": null
         *     }
         */
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** @description The first characters of the secret, to tell keys apart. */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the key stops working; `null` for never.
             */
            expiresAt: string | null;
        };
        ApiKeyCreate: {
            /** @description What the key is for. */
            name: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @description When the key stops working (in the future); omit for never.
             */
            expiresAt?: string;
        };
        /** @description A new API key, with its secret. */
        ApiKeyCreated: {
            /** Format: uuid */
            id: string;
            name: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** @description The secret to send as `Authorization: Bearer <key>`. Shown this once. */
            key: string;
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
        };
        /**
         * @description An event type, or `*` for every type (including types added later).
         * @enum {string}
         */
        WebhookEventSelector: "user.created" | "user.updated" | "user.deleted" | "*";
        /**
         * @description `enabled` endpoints receive deliveries. An endpoint is `disabled` by a `PATCH`, or
         *     by the service when a delivery to it exhausted its retries (`disabledReason` says
         *     which); its pending deliveries wait until it is enabled again.
         * @enum {string}
         */
        WebhookEndpointStatus: "enabled" | "disabled";
        /**
         * Format: uri
         * @description Where deliveries are POSTed: `https://` (`http://` only when the service runs with
         *     `WEBHOOK_ALLOW_HTTP=true`), without credentials, on a public address.
         */
        WebhookUrl: string;
        /**
         * @example {
         *       "id": "01936d50-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
         *       "url": "https://hooks.example.com/users",
         *       "description": null,
         *       "eventTypes": [
         *         "*"
         *       ],
         *       "status": "enabled",
         *       "disabledReason": null,
         *       "createdAt": "2026-12-01T09:00:00.000Z"
         *     }
         */
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: components["schemas"]["WebhookUrl"];
            description: string | null;
            eventTypes: components["schemas"]["WebhookEventSelector"][];
            status: components["schemas"]["WebhookEndpointStatus"];
            /** @description Why the endpoint is disabled; `null` while it is enabled. */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookEndpointCreate: {
            url: components["schemas"]["WebhookUrl"];
            /** @description The event types to receive; `*` for all. */
            eventTypes: components["schemas"]["WebhookEventSelector"][];
            /** @description What the endpoint is for. */
            description?: string;
        };
        /** @description A new webhook endpoint, with its signing secret. */
        WebhookEndpointCreated: {
            /** Format: uuid */
            id: string;
            url: components["schemas"]["WebhookUrl"];
            description: string | null;
            eventTypes: components["schemas"]["WebhookEventSelector"][];
            status: components["schemas"]["WebhookEndpointStatus"];
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description The Standard Webhooks signing secret (`whsec_` and base64): pass it to a
             *     Standard Webhooks verifier (`new Webhook(secret).verify(body, headers)`). Shown
             *     this once.
             */
            secret: string;
        };
        /** @description A JSON Merge Patch; an empty one changes nothing. */
        WebhookEndpointPatch: {
            status?: components["schemas"]["WebhookEndpointStatus"];
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
            /** @description Pass as `cursor` to get the next page; `null` on the last page. */
            nextCursor: string | null;
        };
        WebhookAttempt: {
            /**
             * Format: int32
             * @description 1 for the first attempt, counting manual retries too.
             */
            number: number;
            /** Format: date-time */
            attemptedAt: string;
            /**
             * @description `succeeded` for a 2xx response; anything else failed, redirects included (they are not followed).
             * @enum {string}
             */
            outcome: "succeeded" | "failed";
            /**
             * Format: int32
             * @description The receiver's status code; `null` when no response came (see `error`).
             */
            responseStatus: number | null;
            /**
             * Format: int32
             * @description From the start of the request to the end of the response (or the failure).
             */
            latencyMs: number;
            /**
             * @description Why no usable response came: `timeout`, `connection refused`, `address not
             *     allowed`, `dns lookup failed`, …; `null` when the receiver answered.
             */
            error: string | null;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The event's id, sent as the `webhook-id` header (the same on every attempt).
             */
            eventId: string;
            eventType: components["schemas"]["EventType"];
            /**
             * Format: uuid
             * @description The user the event is about; deliveries of one user arrive in the order of their events.
             */
            userId: string;
            /**
             * @description `pending` until an attempt succeeds (`succeeded`) or the retries are exhausted (`failed`).
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
            /**
             * Format: date-time
             * @description When the next attempt is due; `null` once the delivery succeeded or failed.
             */
            nextAttemptAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The attempts so far, oldest first (the last 100 when there are more). */
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        WebhookDeliveryList: {
            data: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as `cursor` to get the next page; `null` on the last page. */
            nextCursor: string | null;
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        /**
         * @description A stable machine-readable error code; branch on this, not on `title`.
         * @enum {string}
         */
        ProblemCode: "validation_failed" | "malformed_json" | "bad_request" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "request_timeout" | "email_taken" | "external_id_taken" | "idempotency_key_in_use" | "delivery_in_flight" | "precondition_failed" | "idempotency_key_reused" | "payload_too_large" | "unsupported_media_type" | "headers_too_large" | "rate_limited" | "too_many_attempts" | "cursor_expired" | "unavailable" | "internal";
        /** @description `validation_failed`: A parameter or property is out of bounds, or unknown; `errors[]` points at each. */
        ValidationFailedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:validation_failed";
            /** @constant */
            title?: "Bad Request";
            /** @constant */
            status: 400;
            /** @constant */
            code: "validation_failed";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "validation_failed";
        };
        /** @description `malformed_json`: The body is not valid JSON (or is empty). */
        MalformedJsonProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:malformed_json";
            /** @constant */
            title?: "Bad Request";
            /** @constant */
            status: 400;
            /** @constant */
            code: "malformed_json";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "malformed_json";
        };
        /** @description `bad_request`: The request is malformed in another way, such as a body shorter than its `Content-Length`. */
        BadRequestProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:bad_request";
            /** @constant */
            title?: "Bad Request";
            /** @constant */
            status: 400;
            /** @constant */
            code: "bad_request";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "bad_request";
        };
        /** @description `unauthorized`: No valid API key was sent. */
        UnauthorizedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:unauthorized";
            /** @constant */
            title?: "Unauthorized";
            /** @constant */
            status: 401;
            /** @constant */
            code: "unauthorized";
        };
        /** @description `forbidden`: The API key lacks the scope the operation needs. */
        ForbiddenProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:forbidden";
            /** @constant */
            title?: "Forbidden";
            /** @constant */
            status: 403;
            /** @constant */
            code: "forbidden";
        };
        /** @description `not_found`: Nothing has this id. */
        NotFoundProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:not_found";
            /** @constant */
            title?: "Not Found";
            /** @constant */
            status: 404;
            /** @constant */
            code: "not_found";
        };
        /** @description `email_taken`: Another user already has this email. */
        EmailTakenProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:email_taken";
            /** @constant */
            title?: "Conflict";
            /** @constant */
            status: 409;
            /** @constant */
            code: "email_taken";
            /** @description The user that has the email; present when the API key may read users (`users:read`). */
            existingUserId?: components["schemas"]["UserId"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "email_taken";
        };
        /** @description `external_id_taken`: Another user already has this `externalId`. */
        ExternalIdTakenProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:external_id_taken";
            /** @constant */
            title?: "Conflict";
            /** @constant */
            status: 409;
            /** @constant */
            code: "external_id_taken";
            /** @description The user that has the `externalId`; present when the API key may read users (`users:read`). */
            existingUserId?: components["schemas"]["UserId"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "external_id_taken";
        };
        /** @description `idempotency_key_in_use`: A request with this `Idempotency-Key` is still running. */
        IdempotencyKeyInUseProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:idempotency_key_in_use";
            /** @constant */
            title?: "Conflict";
            /** @constant */
            status: 409;
            /** @constant */
            code: "idempotency_key_in_use";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "idempotency_key_in_use";
        };
        /** @description `delivery_in_flight`: An attempt of this delivery is in progress. */
        DeliveryInFlightProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:delivery_in_flight";
            /** @constant */
            title?: "Conflict";
            /** @constant */
            status: 409;
            /** @constant */
            code: "delivery_in_flight";
        };
        /** @description `precondition_failed`: `If-Match` names none of the user's current `ETag`s. */
        PreconditionFailedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:precondition_failed";
            /** @constant */
            title?: "Precondition Failed";
            /** @constant */
            status: 412;
            /** @constant */
            code: "precondition_failed";
            /** @description The user's current `ETag`, as in the response's `ETag` header. */
            currentEtag: string;
        };
        /** @description `payload_too_large`: The body is larger than the service accepts. */
        PayloadTooLargeProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:payload_too_large";
            /** @constant */
            title?: "Payload Too Large";
            /** @constant */
            status: 413;
            /** @constant */
            code: "payload_too_large";
        };
        /** @description `unsupported_media_type`: The body is in a media type the operation does not accept. */
        UnsupportedMediaTypeProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:unsupported_media_type";
            /** @constant */
            title?: "Unsupported Media Type";
            /** @constant */
            status: 415;
            /** @constant */
            code: "unsupported_media_type";
        };
        /** @description `idempotency_key_reused`: The `Idempotency-Key` was used with another request. */
        IdempotencyKeyReusedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:idempotency_key_reused";
            /** @constant */
            title?: "Unprocessable Entity";
            /** @constant */
            status: 422;
            /** @constant */
            code: "idempotency_key_reused";
        };
        /** @description `rate_limited`: Too many requests in the current window. */
        RateLimitedProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:rate_limited";
            /** @constant */
            title?: "Too Many Requests";
            /** @constant */
            status: 429;
            /** @constant */
            code: "rate_limited";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "rate_limited";
        };
        /** @description `too_many_attempts`: Too many failed password verifications for this user; retry after `Retry-After` seconds. */
        TooManyAttemptsProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:too_many_attempts";
            /** @constant */
            title?: "Too Many Requests";
            /** @constant */
            status: 429;
            /** @constant */
            code: "too_many_attempts";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            code: "too_many_attempts";
        };
        /** @description `cursor_expired`: Events after the cursor are no longer kept; read the users again and restart the feed. */
        CursorExpiredProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:cursor_expired";
            /** @constant */
            title?: "Gone";
            /** @constant */
            status: 410;
            /** @constant */
            code: "cursor_expired";
        };
        /** @description `internal`: The service failed unexpectedly. */
        InternalProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:internal";
            /** @constant */
            title?: "Internal Server Error";
            /** @constant */
            status: 500;
            /** @constant */
            code: "internal";
        };
        /** @description `unavailable`: The service cannot reach its database, or is over capacity; retry after `Retry-After`. */
        UnavailableProblem: components["schemas"]["Problem"] & {
            /** @constant */
            type?: "urn:problem:user-management:unavailable";
            /** @constant */
            title?: "Service Unavailable";
            /** @constant */
            status: 503;
            /** @constant */
            code: "unavailable";
        };
        /**
         * @description An RFC 9457 problem document. Each operation declares, per status, which problems
         *     (and so which `code`s) it answers with; the `<Code>Problem` schemas name each one.
         */
        Problem: {
            /**
             * Format: uri-reference
             * @description Identifies the problem type; `urn:problem:user-management:<code>`.
             */
            type: string;
            /** @description The HTTP reason phrase of the status. */
            title: string;
            /** Format: int32 */
            status: number;
            /** @description What went wrong in this occurrence, for humans. */
            detail?: string;
            /**
             * Format: uri-reference
             * @description The request path.
             */
            instance?: string;
            code: components["schemas"]["ProblemCode"];
            /** @description The request's `X-Request-Id`. */
            requestId: string;
            /** @description Present on `400 validation_failed`; one entry a problem, the first 50 at most. */
            errors?: components["schemas"]["FieldError"][];
        };
        FieldError: {
            /**
             * @description A JSON Pointer into the request, rooted at `/body`, `/query`, `/path` or
             *     `/header` (cut at 1024 characters, as a name in it may be long).
             */
            pointer: string;
            detail: string;
        };
    };
    responses: {
        /**
         * @description The request is malformed: a parameter or property out of bounds or an unknown
         *     property (`code` `validation_failed`, with `errors[]` pointing at each problem), a
         *     body that is not valid JSON (`malformed_json`), or a body that does not match its
         *     `Content-Length` (`bad_request`).
         */
        BadRequest: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ValidationFailedProblem"] | components["schemas"]["MalformedJsonProblem"] | components["schemas"]["BadRequestProblem"];
            };
        };
        /**
         * @description A path, query or header parameter is out of bounds, or the query names a parameter
         *     the operation does not take (`code` `validation_failed`, with `errors[]` pointing at
         *     each problem).
         */
        InvalidParameters: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ValidationFailedProblem"];
            };
        };
        /** @description No resource has this id (`code` `not_found`). */
        NotFound: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["NotFoundProblem"];
            };
        };
        /**
         * @description Another user already has this email, in any letter case (`code` `email_taken`), or
         *     this `externalId` (`code` `external_id_taken`). When the API key may read users
         *     (`users:read`), the problem names that user in `existingUserId` and links it with
         *     `Link: <…>; rel="existing"`.
         */
        UserConflict: {
            headers: {
                /**
                 * @description The user that already has this email or `externalId`, as `</api/users/{id}>; rel="existing"`;
                 *     sent when the API key may read users (`users:read`).
                 */
                Link?: string;
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["EmailTakenProblem"] | components["schemas"]["ExternalIdTakenProblem"];
            };
        };
        /**
         * @description Another user already has this email, in any letter case (`code` `email_taken`), or
         *     this `externalId` (`code` `external_id_taken`) — `existingUserId` and
         *     `Link: <…>; rel="existing"` name that user when the API key may read users; or a
         *     request with this `Idempotency-Key` is still running (`code`
         *     `idempotency_key_in_use`, with `Retry-After`).
         */
        CreateConflict: {
            headers: {
                /** @description Seconds to wait before retrying; sent with `idempotency_key_in_use`. */
                "Retry-After"?: string;
                /**
                 * @description The user that already has this email or `externalId`, as `</api/users/{id}>; rel="existing"`;
                 *     sent when the API key may read users (`users:read`).
                 */
                Link?: string;
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["EmailTakenProblem"] | components["schemas"]["ExternalIdTakenProblem"] | components["schemas"]["IdempotencyKeyInUseProblem"];
            };
        };
        /**
         * @description A request with this `Idempotency-Key` is still running (`code`
         *     `idempotency_key_in_use`); retry after `Retry-After` seconds.
         */
        IdempotencyKeyInUse: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["IdempotencyKeyInUseProblem"];
            };
        };
        /**
         * @description An attempt of this delivery is in progress (`code` `delivery_in_flight`); retry
         *     after `Retry-After` seconds.
         */
        DeliveryInFlight: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["DeliveryInFlightProblem"];
            };
        };
        /**
         * @description Too many failed password verifications for this user within the window (`code`
         *     `too_many_attempts`; 5 in 15 minutes unless the operator set other limits), or too
         *     many requests for this API key (`code` `rate_limited`); wait `Retry-After` seconds.
         */
        TooManyAttempts: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["TooManyAttemptsProblem"] | components["schemas"]["RateLimitedProblem"];
            };
        };
        /**
         * @description This `Idempotency-Key` was used with a different request body (`code`
         *     `idempotency_key_reused`). Use a new key for a new request.
         */
        IdempotencyKeyReused: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["IdempotencyKeyReusedProblem"];
            };
        };
        /**
         * @description The user has changed since you read it: `If-Match` names none of its current
         *     `ETag`s (`code` `precondition_failed`). The response carries the current `ETag`
         *     (also as `currentEtag`): read the user again, reapply your change, and retry with it.
         */
        PreconditionFailed: {
            headers: {
                /** @description The user's current version. */
                ETag: string;
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["PreconditionFailedProblem"];
            };
        };
        /** @description The request body is larger than the service accepts (`code` `payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["PayloadTooLargeProblem"];
            };
        };
        /**
         * @description The request body is not in a media type this operation accepts
         *     (`code` `unsupported_media_type`).
         */
        UnsupportedMediaType: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["UnsupportedMediaTypeProblem"];
            };
        };
        /**
         * @description No valid API key: the `Authorization: Bearer <key>` header is missing, or the key
         *     is unknown, expired or revoked (`code` `unauthorized`).
         */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["UnauthorizedProblem"];
            };
        };
        /**
         * @description The cursor points before the oldest event the service keeps (`code`
         *     `cursor_expired`): events after it have been removed, so the feed cannot continue
         *     from it without a gap. Read the users again and start the feed without `after`.
         */
        CursorExpired: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["CursorExpiredProblem"];
            };
        };
        /** @description The API key lacks the scope this operation needs (`code` `forbidden`). */
        Forbidden: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ForbiddenProblem"];
            };
        };
        /**
         * @description Too many requests in the current window for this API key (or, without one, this
         *     client address); wait `Retry-After` seconds (`code` `rate_limited`).
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["RateLimitedProblem"];
            };
        };
        /**
         * @description The request is malformed, such as a query parameter the probe does not take
         *     (`code` `validation_failed`, with `errors[]`).
         */
        ServiceBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ValidationFailedProblem"];
            };
        };
        /**
         * @description No valid API key (`code` `unauthorized`); service endpoints are not rate limited,
         *     so this answer carries no `RateLimit-*` headers.
         */
        ServiceUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["UnauthorizedProblem"];
            };
        };
        /** @description The API key lacks the scope the endpoint needs (`code` `forbidden`). */
        ServiceForbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ForbiddenProblem"];
            };
        };
        /** @description The service failed unexpectedly (`code` `internal`). */
        ServiceInternalError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["InternalProblem"];
            };
        };
        /**
         * @description The service failed unexpectedly (`code` `internal`). The body reveals nothing
         *     internal; quote its `requestId` when reporting the problem.
         */
        InternalError: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["InternalProblem"];
            };
        };
        /**
         * @description The service cannot serve the request now (`code` `unavailable`): its database is
         *     down, refuses connections, does not answer within the configured timeouts, or cannot
         *     write (disk full); or the service is over capacity (its event loop is delayed, its
         *     memory is past its limit, or too many password hashes are waiting) and sheds load
         *     rather than answering late. Retry after `Retry-After` seconds, preferably on another
         *     instance; the service recovers by itself.
         */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["UnavailableProblem"];
            };
        };
    };
    parameters: {
        /** @description The API key's id. */
        ApiKeyIdPath: string;
        /** @description The webhook endpoint's id. */
        WebhookEndpointIdPath: string;
        /** @description The delivery's id (from `listWebhookDeliveries`). */
        WebhookDeliveryIdPath: string;
        /** @description How many items a page holds at most. */
        WebhookLimit: number;
        /** @description The user's id. */
        UserIdPath: components["schemas"]["UserId"];
        /** @description How many users a page holds at most. */
        Limit: number;
        /**
         * @description The `nextCursor` of the previous page. Opaque and signed: pass it back unchanged,
         *     with the same `sort` and filters; anything else answers `400`.
         */
        Cursor: string;
        /** @description The order of the list; a leading `-` reverses it. Ties are broken by id. */
        Sort: "createdAt" | "-createdAt" | "email" | "-email" | "name" | "-name";
        /**
         * @description Only the user with this email (compared case-insensitively).
         * @example ada@example.com
         */
        EmailFilter: string;
        /** @description Only users with this status. */
        StatusFilter: components["schemas"]["UserStatus"];
        /**
         * @description Only users whose name or email contains this text, ignoring case.
         * @example ada
         */
        Query: string;
        /**
         * @description Only users created strictly after this instant.
         * @example 2026-01-01T00:00:00Z
         */
        CreatedAfter: string;
        /**
         * @description Only users created strictly before this instant.
         * @example 2027-01-01T00:00:00Z
         */
        CreatedBefore: string;
        /**
         * @description Only the user with this `externalId` (exact match).
         * @example crm-000042
         */
        ExternalIdFilter: components["schemas"]["ExternalId"];
        /**
         * @description Only users whose `metadata` holds each of these values exactly, as
         *     `metadata[<key>]=<value>` (up to 3 keys).
         * @example {
         *       "plan": "pro"
         *     }
         */
        MetadataFilter: {
            [key: string]: string;
        };
        /**
         * @description Only the users with these ids (repeat the parameter, up to 100 times); unknown ids are simply absent.
         * @example [
         *       "01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f"
         *     ]
         */
        IdFilter: components["schemas"]["UserId"][];
        /**
         * @description The `ETag` of your copy (or a list of them); `304` while one is current.
         * @example "3"
         */
        IfNoneMatch: string;
        /**
         * @description The `ETag` you read (or `*`): the write happens only while the user still has it,
         *     else `412 precondition_failed`.
         * @example "1"
         */
        IfMatch: string;
        /**
         * @description A key unique to this intended creation: generate a new one (a random UUID is a
         *     good choice) for every user you mean to create, and reuse it only to retry that
         *     request. Retrying with the same key and body within 24 hours returns the first
         *     outcome and creates nothing.
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request's id: the `X-Request-Id` you sent if it was well-formed, else one the
         *     service generated. Problem documents repeat it as `requestId`.
         */
        XRequestId: string;
        /** @description The feed changes with every write; no cache may keep a page of it. */
        FeedNoStore: "no-store";
        /** @description The response holds a secret; no cache may keep it. */
        NoStore: "no-store";
        /** @description The version of the user this response shows; changes whenever the user changes. */
        ETag: string;
        /** @description Caches may keep the response only privately, and must revalidate it. */
        CacheControl: "private, no-cache";
        /** @description `true` when this is the stored response of an earlier request with the same `Idempotency-Key`. */
        IdempotentReplayed: "true";
        /** @description The next page, as `<uri>; rel="next"` (RFC 8288); absent on the last page. */
        LinkNext: string;
        /** @description How many requests the current window allows this caller. */
        RateLimitLimit: string;
        /** @description How many requests are left in the current window. */
        RateLimitRemaining: string;
        /** @description Seconds until the current window ends. */
        RateLimitReset: string;
        /** @description Seconds to wait before retrying. */
        RetryAfter: string;
        /** @description The authentication scheme to use (`Bearer`). */
        WWWAuthenticate: string;
        /** @description The URI of the created user. */
        Location: string;
        /** @description The URI of the registered webhook endpoint. */
        WebhookEndpointLocation: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /** @description How many users a page holds at most. */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description The `nextCursor` of the previous page. Opaque and signed: pass it back unchanged,
                 *     with the same `sort` and filters; anything else answers `400`.
                 */
                cursor?: components["parameters"]["Cursor"];
                /** @description The order of the list; a leading `-` reverses it. Ties are broken by id. */
                sort?: components["parameters"]["Sort"];
                /**
                 * @description Only the user with this email (compared case-insensitively).
                 * @example ada@example.com
                 */
                email?: components["parameters"]["EmailFilter"];
                /** @description Only users with this status. */
                status?: components["parameters"]["StatusFilter"];
                /**
                 * @description Only users whose name or email contains this text, ignoring case.
                 * @example ada
                 */
                q?: components["parameters"]["Query"];
                /**
                 * @description Only users created strictly after this instant.
                 * @example 2026-01-01T00:00:00Z
                 */
                createdAfter?: components["parameters"]["CreatedAfter"];
                /**
                 * @description Only users created strictly before this instant.
                 * @example 2027-01-01T00:00:00Z
                 */
                createdBefore?: components["parameters"]["CreatedBefore"];
                /**
                 * @description Only the user with this `externalId` (exact match).
                 * @example crm-000042
                 */
                externalId?: components["parameters"]["ExternalIdFilter"];
                /**
                 * @description Only users whose `metadata` holds each of these values exactly, as
                 *     `metadata[<key>]=<value>` (up to 3 keys).
                 * @example {
                 *       "plan": "pro"
                 *     }
                 */
                metadata?: components["parameters"]["MetadataFilter"];
                /**
                 * @description Only the users with these ids (repeat the parameter, up to 100 times); unknown ids are simply absent.
                 * @example [
                 *       "01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f"
                 *     ]
                 */
                id?: components["parameters"]["IdFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    Link: components["headers"]["LinkNext"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key unique to this intended creation: generate a new one (a random UUID is a
                 *     good choice) for every user you mean to create, and reuse it only to retry that
                 *     request. Retrying with the same key and body within 24 hours returns the first
                 *     outcome and creates nothing.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /**
             * @description The user was created (or, with `Idempotent-Replayed: true`, this is the stored
             *     response of an earlier request with the same `Idempotency-Key`).
             */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["CreateConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of your copy (or a list of them); `304` while one is current.
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Your copy, named by `If-None-Match`, is current. */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    replaceUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` you read (or `*`): the write happens only while the user still has it,
                 *     else `412 precondition_failed`.
                 * @example "1"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserReplace"];
            };
        };
        responses: {
            /** @description The user as replaced. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["UserConflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` you read (or `*`): the write happens only while the user still has it,
                 *     else `412 precondition_failed`.
                 * @example "1"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was deleted. */
            204: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` you read (or `*`): the write happens only while the user still has it,
                 *     else `412 precondition_failed`.
                 * @example "1"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
                "application/merge-patch+json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description The user as updated. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["UserConflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    verifyUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordVerificationRequest"];
            };
        };
        responses: {
            /** @description Whether the password is the user's. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordVerification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyAttempts"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    importUsers: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key unique to this intended creation: generate a new one (a random UUID is a
                 *     good choice) for every user you mean to create, and reuse it only to retry that
                 *     request. Retrying with the same key and body within 24 hours returns the first
                 *     outcome and creates nothing.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserImport"];
            };
        };
        responses: {
            /** @description One outcome per item, in the order of the request. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserImportResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyKeyInUse"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page; omit it to start at the oldest event kept. */
                after?: string;
                /** @description How many events a page holds at most. */
                limit?: number;
                /** @description Only events of these types (`?type=user.created&type=user.deleted`). */
                type?: components["schemas"]["EventType"][];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["FeedNoStore"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            410: components["responses"]["CursorExpired"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every API key, newest first. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description The key was issued; `key` is its secret, shown this once. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Cache-Control": components["headers"]["NoStore"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API key's id. */
                id: components["parameters"]["ApiKeyIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key was revoked. */
            204: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description How many items a page holds at most. */
                limit?: components["parameters"]["WebhookLimit"];
                /**
                 * @description The `nextCursor` of the previous page. Opaque and signed: pass it back unchanged,
                 *     with the same `sort` and filters; anything else answers `400`.
                 */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhook endpoints, newest first. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointCreate"];
            };
        };
        responses: {
            /** @description The endpoint was registered; `secret` signs its deliveries and is shown this once. */
            201: {
                headers: {
                    Location: components["headers"]["WebhookEndpointLocation"];
                    "Cache-Control": components["headers"]["NoStore"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint was deleted. */
            204: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPatch"];
                "application/merge-patch+json": components["schemas"]["WebhookEndpointPatch"];
            };
        };
        responses: {
            /** @description The endpoint as it is now. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description How many items a page holds at most. */
                limit?: components["parameters"]["WebhookLimit"];
                /**
                 * @description The `nextCursor` of the previous page. Opaque and signed: pass it back unchanged,
                 *     with the same `sort` and filters; anything else answers `400`.
                 */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries, newest event first. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint's id. */
                id: components["parameters"]["WebhookEndpointIdPath"];
                /** @description The delivery's id (from `listWebhookDeliveries`). */
                deliveryId: components["parameters"]["WebhookDeliveryIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery is due now. */
            202: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["DeliveryInFlight"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["ServiceBadRequest"];
            500: components["responses"]["ServiceInternalError"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service can serve requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["ServiceBadRequest"];
            500: components["responses"]["ServiceInternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current value of every metric. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["ServiceBadRequest"];
            401: components["responses"]["ServiceUnauthorized"];
            403: components["responses"]["ServiceForbidden"];
            500: components["responses"]["ServiceInternalError"];
        };
    };
}
