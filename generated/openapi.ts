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
         * @description Returns users in creation order, oldest first, a page at a time. Walk the pages
         *     by passing `nextCursor` back as `cursor` until it is `null`.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Creates a user. The email is trimmed and lower-cased before it is stored and must
         *     be unique regardless of case. The password is hashed (Argon2id) and never returned.
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
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /** Get a user */
        get: operations["getUser"];
        /**
         * Replace a user
         * @description Replaces every writable field. An omitted `status` returns to its default
         *     (`active`); an omitted `password` leaves the password unchanged. A replacement
         *     that changes nothing keeps `updatedAt`.
         */
        put: operations["replaceUser"];
        post?: never;
        /** Delete a user */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Update a user
         * @description Applies a JSON Merge Patch (RFC 7396): only the fields present change. An update
         *     that changes nothing keeps `updatedAt`.
         */
        patch: operations["updateUser"];
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
         * @description Answers `200` when the database is reachable and `503` when it is not.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Format: uuid
         * @description Assigned by the service; time-ordered (UUIDv7).
         * @example 01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f
         */
        UserId: string;
        /**
         * @description A `disabled` user is kept but should not be allowed to sign in.
         * @enum {string}
         */
        UserStatus: "active" | "disabled";
        /**
         * @description An email address. Surrounding whitespace is removed and the address is
         *     lower-cased before it is stored; it must be unique regardless of case.
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
         *       "createdAt": "2026-11-26T09:30:00.000Z",
         *       "updatedAt": "2026-11-26T09:30:00.000Z"
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
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When a write last changed the user; a write that changes nothing keeps it.
             */
            updatedAt: string;
        };
        UserCreate: {
            email: components["schemas"]["EmailInput"];
            name: components["schemas"]["NameInput"];
            password: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
        };
        UserReplace: {
            email: components["schemas"]["EmailInput"];
            name: components["schemas"]["NameInput"];
            password?: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
        };
        /** @description A JSON Merge Patch of a user; every property is optional. */
        UserPatch: {
            email?: components["schemas"]["EmailInput"];
            name?: components["schemas"]["NameInput"];
            password?: components["schemas"]["Password"];
            status?: components["schemas"]["UserStatus"];
        };
        UserList: {
            data: components["schemas"]["User"][];
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
        ProblemCode: "validation_failed" | "malformed_json" | "bad_request" | "not_found" | "method_not_allowed" | "email_taken" | "payload_too_large" | "unsupported_media_type" | "unavailable" | "internal";
        /** @description An RFC 9457 problem document. */
        Problem: {
            /**
             * Format: uri-reference
             * @description Identifies the problem type; `urn:problem:user-management:<code>`.
             */
            type: string;
            /** @description The HTTP reason phrase of the status. */
            title: string;
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
            /** @description Present on `400 validation_failed`; one entry a problem. */
            errors?: {
                /** @description A JSON Pointer into the request, rooted at `/body`, `/query`, `/path` or `/header`. */
                pointer: string;
                detail: string;
            }[];
        };
    };
    responses: {
        /**
         * @description The request is malformed: invalid JSON, a parameter or property out of bounds, an
         *     unknown property (`code` `validation_failed`, with `errors[]` pointing at each
         *     problem), a body that is not valid JSON (`malformed_json`), or another malformed
         *     request (`bad_request`).
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No user has this id (`code` `not_found`). */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Another user already has this email, in any letter case (`code` `email_taken`). */
        EmailTaken: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the service accepts (`code` `payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request body is not in a media type this operation accepts
         *     (`code` `unsupported_media_type`).
         */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The service failed unexpectedly (`code` `internal`). The body reveals nothing
         *     internal; quote its `requestId` when reporting the problem.
         */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The database is unreachable (`code` `unavailable`). */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The user's id. */
        UserId: components["schemas"]["UserId"];
        /** @description How many users a page holds at most. */
        Limit: number;
        /** @description The `nextCursor` of the previous page. Opaque: pass it back unchanged. */
        Cursor: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request's id: the `X-Request-Id` you sent if it was well-formed, else one the
         *     service generated. Problem documents repeat it as `requestId`.
         */
        XRequestId: string;
        /** @description The URI of the created user. */
        Location: string;
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
                /** @description The `nextCursor` of the previous page. Opaque: pass it back unchanged. */
                cursor?: components["parameters"]["Cursor"];
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
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description The user was created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["EmailTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    replaceUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserId"];
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
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EmailTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id. */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description The user as updated. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EmailTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
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
            500: components["responses"]["InternalError"];
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
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
}
