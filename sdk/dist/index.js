/*!
 * Bundles openapi-fetch (https://github.com/openapi-ts/openapi-typescript):
 * MIT License
 * 
 * Copyright (c) 2023 Drew Powers
 * 
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 * 
 * The above copyright notice and this permission notice shall be included in all
 * copies or substantial portions of the Software.
 * 
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 * SOFTWARE.
 */

// ../node_modules/openapi-fetch/dist/index.mjs
var PATH_PARAM_RE = /\{[^{}]+\}/g;
var supportsRequestInitExt = () => {
  return typeof process === "object" && Number.parseInt(process?.versions?.node?.substring(0, 2)) >= 18 && process.versions.undici;
};
function randomID() {
  return Math.random().toString(36).slice(2, 11);
}
function createClient(clientOptions) {
  let {
    baseUrl = "",
    Request: CustomRequest = globalThis.Request,
    fetch: baseFetch = globalThis.fetch,
    querySerializer: globalQuerySerializer,
    bodySerializer: globalBodySerializer,
    pathSerializer: globalPathSerializer,
    headers: baseHeaders,
    requestInitExt = void 0,
    ...baseOptions
  } = { ...clientOptions };
  requestInitExt = supportsRequestInitExt() ? requestInitExt : void 0;
  baseUrl = removeTrailingSlash(baseUrl);
  const globalMiddlewares = [];
  async function coreFetch(schemaPath, fetchOptions) {
    const {
      baseUrl: localBaseUrl,
      fetch = baseFetch,
      Request = CustomRequest,
      headers,
      params = {},
      parseAs = "json",
      querySerializer: requestQuerySerializer,
      bodySerializer = globalBodySerializer ?? defaultBodySerializer,
      pathSerializer: requestPathSerializer,
      body,
      middleware: requestMiddlewares = [],
      ...init
    } = fetchOptions || {};
    let finalBaseUrl = baseUrl;
    if (localBaseUrl) {
      finalBaseUrl = removeTrailingSlash(localBaseUrl) ?? baseUrl;
    }
    let querySerializer = typeof globalQuerySerializer === "function" ? globalQuerySerializer : createQuerySerializer(globalQuerySerializer);
    if (requestQuerySerializer) {
      querySerializer = typeof requestQuerySerializer === "function" ? requestQuerySerializer : createQuerySerializer({
        ...typeof globalQuerySerializer === "object" ? globalQuerySerializer : {},
        ...requestQuerySerializer
      });
    }
    const pathSerializer = requestPathSerializer || globalPathSerializer || defaultPathSerializer;
    const serializedBody = body === void 0 ? void 0 : bodySerializer(
      body,
      // Note: we declare mergeHeaders() both here and below because it’s a bit of a chicken-or-egg situation:
      // bodySerializer() needs all headers so we aren’t dropping ones set by the user, however,
      // the result of this ALSO sets the lowest-priority content-type header. So we re-merge below,
      // setting the content-type at the very beginning to be overwritten.
      // Lastly, based on the way headers work, it’s not a simple “present-or-not” check becauase null intentionally un-sets headers.
      mergeHeaders(baseHeaders, headers, params.header)
    );
    const finalHeaders = mergeHeaders(
      // with no body, we should not to set Content-Type
      serializedBody === void 0 || // if serialized body is FormData; browser will correctly set Content-Type & boundary expression
      serializedBody instanceof FormData ? {} : {
        "Content-Type": "application/json"
      },
      baseHeaders,
      headers,
      params.header
    );
    const finalMiddlewares = [...globalMiddlewares, ...requestMiddlewares];
    const requestInit = {
      redirect: "follow",
      ...baseOptions,
      ...init,
      body: serializedBody,
      headers: finalHeaders
    };
    let id;
    let options;
    let request = new Request(
      createFinalURL(schemaPath, { baseUrl: finalBaseUrl, params, querySerializer, pathSerializer }),
      requestInit
    );
    let response;
    for (const key in init) {
      if (!(key in request)) {
        request[key] = init[key];
      }
    }
    if (finalMiddlewares.length) {
      id = randomID();
      options = Object.freeze({
        baseUrl: finalBaseUrl,
        fetch,
        parseAs,
        querySerializer,
        bodySerializer,
        pathSerializer
      });
      for (const m of finalMiddlewares) {
        if (m && typeof m === "object" && typeof m.onRequest === "function") {
          const result = await m.onRequest({
            request,
            schemaPath,
            params,
            options,
            id
          });
          if (result) {
            if (result instanceof Request) {
              request = result;
            } else if (result instanceof Response) {
              response = result;
              break;
            } else {
              throw new Error("onRequest: must return new Request() or Response() when modifying the request");
            }
          }
        }
      }
    }
    if (!response) {
      try {
        response = await fetch(request, requestInitExt);
      } catch (error2) {
        let errorAfterMiddleware = error2;
        if (finalMiddlewares.length) {
          for (let i = finalMiddlewares.length - 1; i >= 0; i--) {
            const m = finalMiddlewares[i];
            if (m && typeof m === "object" && typeof m.onError === "function") {
              const result = await m.onError({
                request,
                error: errorAfterMiddleware,
                schemaPath,
                params,
                options,
                id
              });
              if (result) {
                if (result instanceof Response) {
                  errorAfterMiddleware = void 0;
                  response = result;
                  break;
                }
                if (result instanceof Error) {
                  errorAfterMiddleware = result;
                  continue;
                }
                throw new Error("onError: must return new Response() or instance of Error");
              }
            }
          }
        }
        if (errorAfterMiddleware) {
          throw errorAfterMiddleware;
        }
      }
      if (finalMiddlewares.length) {
        for (let i = finalMiddlewares.length - 1; i >= 0; i--) {
          const m = finalMiddlewares[i];
          if (m && typeof m === "object" && typeof m.onResponse === "function") {
            const result = await m.onResponse({
              request,
              response,
              schemaPath,
              params,
              options,
              id
            });
            if (result) {
              if (!(result instanceof Response)) {
                throw new Error("onResponse: must return new Response() when modifying the response");
              }
              response = result;
            }
          }
        }
      }
    }
    const contentLength = response.headers.get("Content-Length");
    if (response.status === 204 || request.method === "HEAD" || contentLength === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked")) {
      return response.ok ? { data: void 0, response } : { error: void 0, response };
    }
    if (response.ok) {
      const getResponseData = async () => {
        if (parseAs === "stream") {
          return response.body;
        }
        if (parseAs === "json" && !contentLength) {
          const raw = await response.text();
          return raw ? JSON.parse(raw) : void 0;
        }
        return await response[parseAs]();
      };
      return { data: await getResponseData(), response };
    }
    let error = await response.text();
    try {
      error = JSON.parse(error);
    } catch {
    }
    return { error, response };
  }
  return {
    request(method, url, init) {
      return coreFetch(url, { ...init, method: method.toUpperCase() });
    },
    /** Call a GET endpoint */
    GET(url, init) {
      return coreFetch(url, { ...init, method: "GET" });
    },
    /** Call a PUT endpoint */
    PUT(url, init) {
      return coreFetch(url, { ...init, method: "PUT" });
    },
    /** Call a POST endpoint */
    POST(url, init) {
      return coreFetch(url, { ...init, method: "POST" });
    },
    /** Call a DELETE endpoint */
    DELETE(url, init) {
      return coreFetch(url, { ...init, method: "DELETE" });
    },
    /** Call a OPTIONS endpoint */
    OPTIONS(url, init) {
      return coreFetch(url, { ...init, method: "OPTIONS" });
    },
    /** Call a HEAD endpoint */
    HEAD(url, init) {
      return coreFetch(url, { ...init, method: "HEAD" });
    },
    /** Call a PATCH endpoint */
    PATCH(url, init) {
      return coreFetch(url, { ...init, method: "PATCH" });
    },
    /** Call a TRACE endpoint */
    TRACE(url, init) {
      return coreFetch(url, { ...init, method: "TRACE" });
    },
    /** Register middleware */
    use(...middleware) {
      for (const m of middleware) {
        if (!m) {
          continue;
        }
        if (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
          throw new Error("Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`");
        }
        globalMiddlewares.push(m);
      }
    },
    /** Unregister middleware */
    eject(...middleware) {
      for (const m of middleware) {
        const i = globalMiddlewares.indexOf(m);
        if (i !== -1) {
          globalMiddlewares.splice(i, 1);
        }
      }
    }
  };
}
function serializePrimitiveParam(name, value, options) {
  if (value === void 0 || value === null) {
    return "";
  }
  if (typeof value === "object") {
    throw new Error(
      "Deeply-nested arrays/objects aren’t supported. Provide your own `querySerializer()` to handle these."
    );
  }
  return `${name}=${options?.allowReserved === true ? value : encodeURIComponent(value)}`;
}
function serializeObjectParam(name, value, options) {
  if (!value || typeof value !== "object") {
    return "";
  }
  const values = [];
  const joiner = {
    simple: ",",
    label: ".",
    matrix: ";"
  }[options.style] || "&";
  if (options.style !== "deepObject" && options.explode === false) {
    for (const k in value) {
      values.push(k, options.allowReserved === true ? value[k] : encodeURIComponent(value[k]));
    }
    const final2 = values.join(",");
    switch (options.style) {
      case "form": {
        return `${name}=${final2}`;
      }
      case "label": {
        return `.${final2}`;
      }
      case "matrix": {
        return `;${name}=${final2}`;
      }
      default: {
        return final2;
      }
    }
  }
  for (const k in value) {
    const finalName = options.style === "deepObject" ? `${name}[${k}]` : k;
    values.push(serializePrimitiveParam(finalName, value[k], options));
  }
  const final = values.join(joiner);
  return options.style === "label" || options.style === "matrix" ? `${joiner}${final}` : final;
}
function serializeArrayParam(name, value, options) {
  if (!Array.isArray(value)) {
    return "";
  }
  if (options.explode === false) {
    const joiner2 = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" }[options.style] || ",";
    const final = (options.allowReserved === true ? value : value.map((v) => encodeURIComponent(v))).join(joiner2);
    switch (options.style) {
      case "simple": {
        return final;
      }
      case "label": {
        return `.${final}`;
      }
      case "matrix": {
        return `;${name}=${final}`;
      }
      // case "spaceDelimited":
      // case "pipeDelimited":
      default: {
        return `${name}=${final}`;
      }
    }
  }
  const joiner = { simple: ",", label: ".", matrix: ";" }[options.style] || "&";
  const values = [];
  for (const v of value) {
    if (options.style === "simple" || options.style === "label") {
      values.push(options.allowReserved === true ? v : encodeURIComponent(v));
    } else {
      values.push(serializePrimitiveParam(name, v, options));
    }
  }
  return options.style === "label" || options.style === "matrix" ? `${joiner}${values.join(joiner)}` : values.join(joiner);
}
function createQuerySerializer(options) {
  return function querySerializer(queryParams) {
    const search = [];
    if (queryParams && typeof queryParams === "object") {
      for (const name in queryParams) {
        const value = queryParams[name];
        if (value === void 0 || value === null) {
          continue;
        }
        if (Array.isArray(value)) {
          if (value.length === 0) {
            continue;
          }
          search.push(
            serializeArrayParam(name, value, {
              style: "form",
              explode: true,
              ...options?.array,
              allowReserved: options?.allowReserved || false
            })
          );
          continue;
        }
        if (typeof value === "object") {
          search.push(
            serializeObjectParam(name, value, {
              style: "deepObject",
              explode: true,
              ...options?.object,
              allowReserved: options?.allowReserved || false
            })
          );
          continue;
        }
        search.push(serializePrimitiveParam(name, value, options));
      }
    }
    return search.join("&");
  };
}
function defaultPathSerializer(pathname, pathParams) {
  let nextURL = pathname;
  for (const match of pathname.match(PATH_PARAM_RE) ?? []) {
    let name = match.substring(1, match.length - 1);
    let explode = false;
    let style = "simple";
    if (name.endsWith("*")) {
      explode = true;
      name = name.substring(0, name.length - 1);
    }
    if (name.startsWith(".")) {
      style = "label";
      name = name.substring(1);
    } else if (name.startsWith(";")) {
      style = "matrix";
      name = name.substring(1);
    }
    if (!pathParams || pathParams[name] === void 0 || pathParams[name] === null) {
      continue;
    }
    const value = pathParams[name];
    if (Array.isArray(value)) {
      nextURL = nextURL.replace(match, serializeArrayParam(name, value, { style, explode }));
      continue;
    }
    if (typeof value === "object") {
      nextURL = nextURL.replace(match, serializeObjectParam(name, value, { style, explode }));
      continue;
    }
    if (style === "matrix") {
      nextURL = nextURL.replace(match, `;${serializePrimitiveParam(name, value)}`);
      continue;
    }
    nextURL = nextURL.replace(match, style === "label" ? `.${encodeURIComponent(value)}` : encodeURIComponent(value));
  }
  return nextURL;
}
function defaultBodySerializer(body, headers) {
  if (body instanceof FormData) {
    return body;
  }
  if (headers) {
    const contentType = headers.get instanceof Function ? headers.get("Content-Type") ?? headers.get("content-type") : headers["Content-Type"] ?? headers["content-type"];
    if (contentType === "application/x-www-form-urlencoded") {
      return new URLSearchParams(body).toString();
    }
  }
  return JSON.stringify(body);
}
function createFinalURL(pathname, options) {
  let finalURL = `${options.baseUrl}${pathname}`;
  if (options.params?.path) {
    finalURL = options.pathSerializer(finalURL, options.params.path);
  }
  let search = options.querySerializer(options.params.query ?? {});
  if (search.startsWith("?")) {
    search = search.substring(1);
  }
  if (search) {
    finalURL += `?${search}`;
  }
  return finalURL;
}
function mergeHeaders(...allHeaders) {
  const finalHeaders = new Headers();
  for (const h of allHeaders) {
    if (!h || typeof h !== "object") {
      continue;
    }
    const iterator = h instanceof Headers ? h.entries() : Object.entries(h);
    for (const [k, v] of iterator) {
      if (v === null) {
        finalHeaders.delete(k);
      } else if (Array.isArray(v)) {
        for (const v2 of v) {
          finalHeaders.append(k, v2);
        }
      } else if (v !== void 0) {
        finalHeaders.set(k, v);
      }
    }
  }
  return finalHeaders;
}
function removeTrailingSlash(url) {
  if (url.endsWith("/")) {
    return url.substring(0, url.length - 1);
  }
  return url;
}

// src/retry-after.ts
function retryAfterMs(value, now = Date.now()) {
  if (value === null) return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return void 0;
  return Math.max(0, date - now);
}

// src/errors.ts
var UserManagementError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "UserManagementError";
  }
};
var ProblemError = class extends UserManagementError {
  /** The operationId of the call that failed. */
  operation;
  status;
  code;
  /** The problem document as the service sent it. */
  problem;
  headers;
  /** Seconds the service asks to wait before retrying (`Retry-After`), when it says. */
  retryAfter;
  /** The request's id, to quote when reporting the problem. */
  requestId;
  constructor(operation, status, problem, headers) {
    const { code, detail, requestId } = problem;
    super(`${operation}: ${status} ${code}${detail ? ` (${detail})` : ""}`);
    this.name = "ProblemError";
    this.operation = operation;
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.headers = headers;
    const delay = retryAfterMs(headers.get("retry-after"));
    this.retryAfter = delay === void 0 ? void 0 : Math.ceil(delay / 1e3);
    this.requestId = requestId;
  }
};
function isProblem(error, operation) {
  return error instanceof ProblemError && (operation === void 0 || error.operation === operation);
}
var UnexpectedResponseError = class extends UserManagementError {
  operation;
  status;
  headers;
  /** The body: parsed JSON when it was JSON, else its text. */
  body;
  constructor(operation, status, headers, body, reason) {
    super(`${operation}: unexpected ${status} response (${reason})`);
    this.name = "UnexpectedResponseError";
    this.operation = operation;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
};
var NetworkError = class extends UserManagementError {
  constructor(message, options) {
    super(message, options);
    this.name = "NetworkError";
  }
};
var TimeoutError = class extends NetworkError {
  timeoutMs;
  constructor(timeoutMs) {
    super(`no response within ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
};

// src/generated/operations.ts
var apiVersion = "0.4.0";
var codes0 = ["validation_failed"];
var codes1 = ["unauthorized"];
var codes2 = ["forbidden"];
var codes3 = ["rate_limited"];
var codes4 = ["internal"];
var codes5 = ["unavailable"];
var codes6 = ["validation_failed", "malformed_json", "bad_request"];
var codes7 = ["email_taken", "external_id_taken", "idempotency_key_in_use"];
var codes8 = ["payload_too_large"];
var codes9 = ["unsupported_media_type"];
var codes10 = ["idempotency_key_reused"];
var codes11 = ["not_found"];
var codes12 = ["email_taken", "external_id_taken"];
var codes13 = ["precondition_failed"];
var codes14 = ["too_many_attempts", "rate_limited"];
var codes15 = ["idempotency_key_in_use"];
var codes16 = ["cursor_expired"];
var codes17 = ["delivery_in_flight"];
var operationTable = {
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
  getMetrics: { authenticated: true, problems: { 400: codes0, 401: codes1, 403: codes2, 500: codes4 } }
};

// src/idempotency-key.ts
function newIdempotencyKey() {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = bytes[6] & 15 | 64;
  bytes[8] = bytes[8] & 63 | 128;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// src/transport.ts
var RETRIED_STATUSES = /* @__PURE__ */ new Set([429, 503]);
var NULL_BODY_STATUSES = /* @__PURE__ */ new Set([101, 103, 204, 205, 304]);
function createTransport(options) {
  const { retry } = options;
  async function attempt(request, body) {
    const caller = request.signal;
    if (caller.aborted) return { error: caller.reason };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const forwardAbort = () => controller.abort(caller.reason);
    caller.addEventListener("abort", forwardAbort, { once: true });
    try {
      const response = await options.fetch(request.url, {
        method: request.method,
        headers: new Headers(request.headers),
        ...body === void 0 ? {} : { body },
        redirect: request.redirect,
        signal: controller.signal
      });
      const payload = NULL_BODY_STATUSES.has(response.status) || request.method === "HEAD" ? null : await response.arrayBuffer();
      return { response: new Response(payload, { status: response.status, statusText: response.statusText, headers: response.headers }) };
    } catch (error) {
      if (caller.aborted) return { error: caller.reason };
      if (timedOut) return { error: new TimeoutError(options.timeoutMs) };
      const message = error instanceof Error ? error.message : String(error);
      return { error: new NetworkError(`${request.method} ${request.url} failed: ${message}`, { cause: error }) };
    } finally {
      clearTimeout(timer);
      caller.removeEventListener("abort", forwardAbort);
    }
  }
  function backoff(retryNumber) {
    return Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryNumber);
  }
  async function retryDelay(response, retryNumber) {
    if (!RETRIED_STATUSES.has(response.status) && !await isKeyInUse(response)) return void 0;
    const asked = retryAfterMs(response.headers.get("retry-after"));
    if (asked === void 0) return backoff(retryNumber);
    if (asked > retry.maxRetryAfterMs) return void 0;
    return asked + Math.random() * retry.baseDelayMs;
  }
  return async (request) => {
    const body = request.body === null ? void 0 : await request.arrayBuffer();
    const repeatable = request.method === "GET" || request.method === "HEAD" || request.headers.has("idempotency-key");
    for (let retryNumber = 0; ; retryNumber++) {
      const outcome = await attempt(request, body);
      const mayRetry = repeatable && retryNumber < retry.retries;
      let delayMs;
      if ("response" in outcome) {
        delayMs = mayRetry ? await retryDelay(outcome.response, retryNumber) : void 0;
        if (delayMs === void 0) return outcome.response;
      } else {
        if (!mayRetry || request.signal.aborted) throw outcome.error;
        delayMs = backoff(retryNumber);
      }
      options.onRetry?.({
        method: request.method,
        url: request.url,
        attempt: retryNumber + 1,
        delayMs,
        reason: "response" in outcome ? outcome.response.status : outcome.error
      });
      await sleep(delayMs, request.signal);
    }
  };
}
async function isKeyInUse(response) {
  if (response.status !== 409) return false;
  try {
    const body = await response.clone().json();
    return body.code === "idempotency_key_in_use";
  } catch {
    return false;
  }
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// src/client.ts
var DEFAULTS = { timeoutMs: 1e4, retries: 2, baseDelayMs: 200, maxDelayMs: 5e3, maxRetryAfterMs: 3e4 };
function createClient2(options) {
  const transport = createTransport({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retry: {
      retries: options.retries ?? DEFAULTS.retries,
      baseDelayMs: options.backoff?.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULTS.maxDelayMs,
      maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs
    },
    onRetry: options.onRetry
  });
  const http = createClient({ baseUrl: options.baseUrl, fetch: transport });
  function headersFor(operation) {
    const headers = {};
    if (operationTable[operation].authenticated && options.apiKey !== void 0) headers.Authorization = `Bearer ${options.apiKey}`;
    if (options.userAgent !== void 0) headers["User-Agent"] = options.userAgent;
    const requestId = options.requestId?.();
    if (requestId !== void 0) headers["X-Request-Id"] = requestId;
    return headers;
  }
  function failure(operation, { response, error }) {
    const problems = operationTable[operation].problems;
    const declared = problems[String(response.status)];
    const isProblemDocument = /^application\/problem\+json\s*(;|$)/i.test(response.headers.get("content-type") ?? "");
    const code = typeof error === "object" && error !== null ? error.code : void 0;
    if (declared !== void 0 && isProblemDocument && typeof code === "string" && (declared === null || declared.includes(code))) {
      return new ProblemError(operation, response.status, error, response.headers);
    }
    const reason = declared === void 0 ? "status not declared for this operation" : !isProblemDocument || typeof code !== "string" ? "not a problem document" : `problem code ${code} not declared for this status`;
    return new UnexpectedResponseError(operation, response.status, response.headers, error, reason);
  }
  function success(operation, outcome) {
    if (!outcome.response.ok) throw failure(operation, outcome);
    return outcome.data;
  }
  function requiredHeader(operation, response, name) {
    const value = response.headers.get(name);
    if (value === null) throw new UnexpectedResponseError(operation, response.status, response.headers, void 0, `no ${name} header`);
    return value;
  }
  function bodyOf(operation, outcome) {
    const data = success(operation, outcome);
    if (data === void 0)
      throw new UnexpectedResponseError(operation, outcome.response.status, outcome.response.headers, void 0, "no body");
    return data;
  }
  async function listPage(query = {}, { signal } = {}) {
    const outcome = await http.GET("/api/users", { params: { query }, headers: headersFor("listUsers"), signal });
    return bodyOf("listUsers", outcome);
  }
  const users = {
    /** One page of users (listUsers): `data` and the `nextCursor` to pass back as `cursor`, null on the last page. */
    listPage,
    /** Every user matching `query`, across all pages (listUsers, following each `nextCursor`). */
    async *list(query = {}, options2 = {}) {
      let cursor = query.cursor;
      do {
        const page = await listPage({ ...query, ...cursor === void 0 ? {} : { cursor } }, options2);
        yield* page.data;
        cursor = page.nextCursor ?? void 0;
      } while (cursor !== void 0);
    },
    /** Reads a user (getUser). With `ifNoneMatch`, a current copy answers `{ notModified: true }`. */
    async get(id, { ifNoneMatch, signal } = {}) {
      const outcome = await http.GET("/api/users/{id}", {
        params: { path: { id }, header: { "If-None-Match": ifNoneMatch } },
        headers: headersFor("getUser"),
        signal
      });
      const etag = () => requiredHeader("getUser", outcome.response, "ETag");
      if (outcome.response.status === 304) return { notModified: true, etag: etag() };
      const user = bodyOf("getUser", outcome);
      return { notModified: false, user, etag: etag() };
    },
    /**
     * Creates a user (createUser) with an Idempotency-Key: `idempotencyKey` if given, else a
     * new random one, sent unchanged on every retry so that a retry never creates twice.
     */
    async create(body, { idempotencyKey, signal } = {}) {
      const key = idempotencyKey ?? newIdempotencyKey();
      const outcome = await http.POST("/api/users", {
        params: { header: { "Idempotency-Key": key } },
        body,
        headers: headersFor("createUser"),
        signal
      });
      const user = bodyOf("createUser", outcome);
      return {
        user,
        etag: requiredHeader("createUser", outcome.response, "ETag"),
        location: requiredHeader("createUser", outcome.response, "Location"),
        replayed: outcome.response.headers.get("Idempotent-Replayed") === "true",
        idempotencyKey: key
      };
    },
    /** Replaces every writable field of a user (replaceUser); an omitted `password` is kept. */
    async replace(id, body, { ifMatch, signal } = {}) {
      const outcome = await http.PUT("/api/users/{id}", {
        params: { path: { id }, header: { "If-Match": ifMatch } },
        body,
        headers: headersFor("replaceUser"),
        signal
      });
      const user = bodyOf("replaceUser", outcome);
      return { user, etag: requiredHeader("replaceUser", outcome.response, "ETag") };
    },
    /** Changes the fields present in `patch` (updateUser, a JSON Merge Patch). */
    async update(id, patch, { ifMatch, signal } = {}) {
      const outcome = await http.PATCH("/api/users/{id}", {
        params: { path: { id }, header: { "If-Match": ifMatch } },
        body: patch,
        headers: { ...headersFor("updateUser"), "Content-Type": "application/merge-patch+json" },
        signal
      });
      const user = bodyOf("updateUser", outcome);
      return { user, etag: requiredHeader("updateUser", outcome.response, "ETag") };
    },
    /**
     * Checks a password (verifyUserPassword; the `users:verify` scope): `true` when it is the
     * user's and the user is active. Too many failures for the user answer a ProblemError
     * `too_many_attempts` with `retryAfter`.
     */
    async verifyPassword(id, password, { signal } = {}) {
      const outcome = await http.POST("/api/users/{id}/password-verification", {
        params: { path: { id } },
        body: { password },
        headers: headersFor("verifyUserPassword"),
        signal
      });
      return bodyOf("verifyUserPassword", outcome).verified;
    },
    /**
     * Creates up to 1 000 users in one request (importUsers), each with `password` or the
     * `passwordHash` another system made. The result has one outcome per item, in order; an
     * Idempotency-Key is generated (or `idempotencyKey` used) and kept across retries.
     */
    async import(users2, { idempotencyKey, signal } = {}) {
      const key = idempotencyKey ?? newIdempotencyKey();
      const outcome = await http.POST("/api/user-imports", {
        params: { header: { "Idempotency-Key": key } },
        body: { users: users2 },
        headers: headersFor("importUsers"),
        signal
      });
      const result = bodyOf("importUsers", outcome);
      return { ...result, replayed: outcome.response.headers.get("Idempotent-Replayed") === "true" };
    },
    /** Deletes a user (deleteUser). */
    async delete(id, { ifMatch, signal } = {}) {
      const outcome = await http.DELETE("/api/users/{id}", {
        params: { path: { id }, header: { "If-Match": ifMatch } },
        headers: headersFor("deleteUser"),
        signal
      });
      success("deleteUser", outcome);
    }
  };
  const keys = {
    /** Every API key, without secrets (listApiKeys; the master key only). */
    async list({ signal } = {}) {
      const outcome = await http.GET("/api/keys", { headers: headersFor("listApiKeys"), signal });
      return bodyOf("listApiKeys", outcome);
    },
    /** Issues a key (createApiKey; the master key only). Its secret `key` is in this response only. */
    async create(body, { signal } = {}) {
      const outcome = await http.POST("/api/keys", { body, headers: headersFor("createApiKey"), signal });
      return bodyOf("createApiKey", outcome);
    },
    /** Revokes a key at once (deleteApiKey; the master key only). */
    async revoke(id, { signal } = {}) {
      const outcome = await http.DELETE("/api/keys/{id}", { params: { path: { id } }, headers: headersFor("deleteApiKey"), signal });
      success("deleteApiKey", outcome);
    }
  };
  async function eventsPage(query = {}, { signal } = {}) {
    const outcome = await http.GET("/api/events", { params: { query }, headers: headersFor("listEvents"), signal });
    return bodyOf("listEvents", outcome);
  }
  const events = {
    /**
     * One page of the change feed (listEvents; the `events:read` scope): `data`, `hasMore`,
     * and the `nextCursor` to pass back as `after`, present on the last page too.
     */
    listPage: eventsPage,
    /**
     * Follows the feed from `query.after` (the oldest event kept without it): yields each page
     * that has events, and once caught up asks again every `intervalMs`, for ever. Store a
     * page's `nextCursor` once you have handled its events, to resume there later. Stop with
     * `break` (or `signal`, whose reason is thrown). A cursor too old for the events kept
     * throws a ProblemError `cursor_expired`.
     */
    async *follow(query = {}, { intervalMs = 1e3, signal } = {}) {
      let after = query.after;
      for (; ; ) {
        const page = await eventsPage({ ...query, ...after === void 0 ? {} : { after } }, { signal });
        after = page.nextCursor;
        if (page.data.length > 0) yield page;
        if (!page.hasMore) await pause(intervalMs, signal);
      }
    }
  };
  const webhookEndpoints = {
    /** One page of webhook endpoints, newest first, without secrets (listWebhookEndpoints; `webhooks:admin`). */
    async listPage(query = {}, { signal } = {}) {
      const outcome = await http.GET("/api/webhook-endpoints", { params: { query }, headers: headersFor("listWebhookEndpoints"), signal });
      return bodyOf("listWebhookEndpoints", outcome);
    },
    /** Registers an endpoint (createWebhookEndpoint). Its signing `secret` is in this response only. */
    async create(body, { signal } = {}) {
      const outcome = await http.POST("/api/webhook-endpoints", { body, headers: headersFor("createWebhookEndpoint"), signal });
      return bodyOf("createWebhookEndpoint", outcome);
    },
    /** One endpoint, with `disabledReason` when it was disabled (getWebhookEndpoint). */
    async get(id, { signal } = {}) {
      const outcome = await http.GET("/api/webhook-endpoints/{id}", {
        params: { path: { id } },
        headers: headersFor("getWebhookEndpoint"),
        signal
      });
      return bodyOf("getWebhookEndpoint", outcome);
    },
    /** Enables or disables an endpoint (updateWebhookEndpoint); enabling resumes its pending deliveries. */
    async update(id, patch, { signal } = {}) {
      const outcome = await http.PATCH("/api/webhook-endpoints/{id}", {
        params: { path: { id } },
        body: patch,
        headers: { ...headersFor("updateWebhookEndpoint"), "Content-Type": "application/merge-patch+json" },
        signal
      });
      return bodyOf("updateWebhookEndpoint", outcome);
    },
    /** Deletes an endpoint with its deliveries (deleteWebhookEndpoint). */
    async delete(id, { signal } = {}) {
      const outcome = await http.DELETE("/api/webhook-endpoints/{id}", {
        params: { path: { id } },
        headers: headersFor("deleteWebhookEndpoint"),
        signal
      });
      success("deleteWebhookEndpoint", outcome);
    },
    /** One page of an endpoint's deliveries, newest event first, each with its attempts (listWebhookDeliveries). */
    async deliveries(id, query = {}, { signal } = {}) {
      const outcome = await http.GET("/api/webhook-endpoints/{id}/deliveries", {
        params: { path: { id }, query },
        headers: headersFor("listWebhookDeliveries"),
        signal
      });
      return bodyOf("listWebhookDeliveries", outcome);
    },
    /**
     * Makes a delivery due now (retryWebhookDelivery); a ProblemError `delivery_in_flight`
     * (409, with `retryAfter`) while an attempt of it is in progress.
     */
    async retryDelivery(id, deliveryId, { signal } = {}) {
      const outcome = await http.POST("/api/webhook-endpoints/{id}/deliveries/{deliveryId}/retry", {
        params: { path: { id, deliveryId } },
        headers: headersFor("retryWebhookDelivery"),
        signal
      });
      return bodyOf("retryWebhookDelivery", outcome);
    }
  };
  return {
    users,
    keys,
    events,
    webhookEndpoints,
    /** The liveness probe (getHealth; no API key needed). */
    async health({ signal } = {}) {
      return bodyOf("getHealth", await http.GET("/healthz", { headers: headersFor("getHealth"), signal }));
    },
    /**
     * The service's metrics in the Prometheus text format (getMetrics; a key with the
     * `metrics:read` scope). Meant for a scraper or a quick look, not for parsing by hand.
     */
    async metrics({ signal } = {}) {
      return bodyOf("getMetrics", await http.GET("/metrics", { headers: headersFor("getMetrics"), signal, parseAs: "text" }));
    },
    /**
     * The readiness probe (getReadiness): a ProblemError `unavailable` (503) while the
     * database is unreachable or the service is over capacity.
     */
    async ready({ signal } = {}) {
      return bodyOf("getReadiness", await http.GET("/readyz", { headers: headersFor("getReadiness"), signal }));
    }
  };
}
function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
export {
  NetworkError,
  ProblemError,
  TimeoutError,
  UnexpectedResponseError,
  UserManagementError,
  apiVersion,
  createClient2 as createClient,
  isProblem
};
