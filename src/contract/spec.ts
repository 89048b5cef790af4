import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

// The contract is read once, from the file integrators also read. It lives at the project
// root; this module runs from src/ (tsx, tests) and from dist/src/ (compiled), so look upwards.
const candidates = ['../../openapi.yaml', '../../../openapi.yaml']

export type JsonSchema = Record<string, unknown>

export interface OpenApiParameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  description?: string
  style?: string
  explode?: boolean
  schema: JsonSchema
}

export interface OpenApiResponse {
  description: string
  headers?: Record<string, { required?: boolean; schema: JsonSchema; $ref?: string }>
  content?: Record<string, { schema: JsonSchema }>
}

export type SecurityRequirement = Record<string, string[]>

export interface OpenApiOperation {
  operationId: string
  security?: SecurityRequirement[]
  parameters?: Array<OpenApiParameter | { $ref: string }>
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }
  responses: Record<string, OpenApiResponse | { $ref: string }>
  /** body arrays whose items the handler validates one by one (a bad item fails alone) */
  'x-validate-items-separately'?: string[]
}

export interface OpenApiDocument {
  openapi: string
  info: Record<string, unknown>
  security?: SecurityRequirement[]
  paths: Record<string, Record<string, unknown> & { parameters?: Array<OpenApiParameter | { $ref: string }> }>
  components: {
    schemas: Record<string, JsonSchema>
    parameters?: Record<string, OpenApiParameter>
    responses?: Record<string, OpenApiResponse>
    headers?: Record<string, { required?: boolean; schema: JsonSchema }>
  }
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

function locate(): string {
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url))
    try {
      readFileSync(path)
      return path
    } catch {
      // try the next layout
    }
  }
  throw new Error('openapi.yaml not found next to the project root')
}

export const specPath = locate()
export const specText = readFileSync(specPath, 'utf8')
export const spec = parse(specText) as OpenApiDocument

/** Follows a local `#/components/...` reference; anything else is returned as is. */
export function deref<T>(value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    const path = value.$ref.replace(/^#\//, '').split('/')
    let node: unknown = spec
    for (const segment of path) node = (node as Record<string, unknown>)[segment]
    if (node === undefined) throw new Error(`openapi.yaml: unresolved reference ${value.$ref}`)
    return deref(node as T | { $ref: string })
  }
  return value as T
}

export interface BoundOperation {
  operationId: string
  method: HttpMethod
  /** the OpenAPI path template, e.g. /api/users/{id} */
  path: string
  /** the same path in Fastify's syntax, e.g. /api/users/:id */
  routePath: string
  parameters: OpenApiParameter[]
  requestBody?: OpenApiOperation['requestBody']
  responses: Record<string, OpenApiResponse>
  /** the operation's security requirements, or the document's when it declares none */
  security: SecurityRequirement[]
  validateItemsSeparately: string[]
}

function bindAll(doc: OpenApiDocument): readonly BoundOperation[] {
  const operations: BoundOperation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []).map((p) => deref(p))
    for (const method of HTTP_METHODS) {
      const op = item[method] as OpenApiOperation | undefined
      if (!op) continue
      const own = (op.parameters ?? []).map((p) => deref(p))
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own]
      const responses: Record<string, OpenApiResponse> = {}
      for (const [status, response] of Object.entries(op.responses)) responses[status] = deref(response)
      operations.push({
        operationId: op.operationId,
        method,
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        parameters,
        requestBody: op.requestBody,
        responses,
        security: op.security ?? doc.security ?? [],
        validateItemsSeparately: op['x-validate-items-separately'] ?? [],
      })
    }
  }
  return operations
}

// The spec never changes while the process runs: its operations are resolved once.
const boundOperations = bindAll(spec)

/** Every operation the document declares, with path-level parameters merged in. */
export function listOperations(): readonly BoundOperation[] {
  return boundOperations
}

const templates = Object.keys(spec.paths).map((path) => ({
  path,
  regex: new RegExp('^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
}))

/** The declared path template a concrete request path belongs to, if any. */
export function matchPath(urlPath: string): string | undefined {
  return templates.find((t) => t.regex.test(urlPath))?.path
}

/** The methods a declared path supports, as an `Allow` header lists them. */
export function allowedMethods(path: string): string[] {
  const item = spec.paths[path] ?? {}
  const methods = HTTP_METHODS.filter((m) => item[m]).map((m) => m.toUpperCase())
  if (methods.includes('GET')) methods.push('HEAD')
  return methods
}
