// What the kit needs to know about the API, read from openapi.yaml rather than assumed, so
// that a change to the document changes what is checked.
import { allowedMethods, deref, HTTP_METHODS, listOperations, spec, type BoundOperation, type JsonSchema } from '../../src/contract/spec.js'

export const documentVersion = String(spec.info.version)
export const documentTitle = String(spec.info.title)

export const operations = listOperations()

/** The operation with this id; the kit cannot check an API whose document lacks it. */
export function operation(operationId: string): BoundOperation {
  const found = operations.find((op) => op.operationId === operationId)
  if (!found) throw new Error(`openapi.yaml declares no operation ${operationId}`)
  return found
}

/** The scopes an operation requires (of its first security requirement; none when open). */
export function scopesOf(op: BoundOperation): string[] {
  return Object.values(op.security[0] ?? {}).flat()
}

/** The path of an operation with its path parameters filled in. */
export function pathOf(op: BoundOperation, parameters: Record<string, string> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = parameters[name]
    if (value === undefined) throw new Error(`${op.operationId}: no value for the path parameter ${name}`)
    return encodeURIComponent(value)
  })
}

/** The media types an operation's request body may have, in the document's order. */
export function requestMediaTypes(op: BoundOperation): string[] {
  return Object.keys(op.requestBody?.content ?? {})
}

/** A method the document does not declare for the path (for a 405), if there is one. */
export function undeclaredMethod(path: string): string | undefined {
  const declared = allowedMethods(path)
  return HTTP_METHODS.map((m) => m.toUpperCase()).find((m) => !declared.includes(m))
}

/** The declared default of a query parameter's schema. */
export function queryDefault(op: BoundOperation, name: string): unknown {
  return op.parameters.find((p) => p.in === 'query' && p.name === name)?.schema.default
}

/** Whether the response an operation declares for a status declares this header. */
export function declaresHeader(op: BoundOperation, status: number, header: string): boolean {
  const headers = op.responses[String(status)]?.headers ?? {}
  return Object.keys(headers).some((name) => name.toLowerCase() === header.toLowerCase())
}

/**
 * Whether the body an operation declares for a status can hold a member of this name,
 * looking through references and every branch of allOf/oneOf/anyOf.
 */
export function declaresBodyMember(op: BoundOperation, status: number, member: string): boolean {
  const content = op.responses[String(status)]?.content ?? {}
  return Object.values(content).some((media) => schemaHasProperty(media.schema, member, new Set()))
}

function schemaHasProperty(node: unknown, member: string, seen: Set<unknown>): boolean {
  if (!node || typeof node !== 'object' || seen.has(node)) return false
  seen.add(node)
  const schema = deref(node as JsonSchema)
  if (schema !== node && seen.has(schema)) return false
  seen.add(schema)
  const properties = schema.properties as Record<string, unknown> | undefined
  if (properties && member in properties) return true
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const branches = schema[keyword]
    if (Array.isArray(branches) && branches.some((branch) => schemaHasProperty(branch, member, seen))) return true
  }
  return false
}
