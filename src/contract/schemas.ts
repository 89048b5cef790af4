import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Options as AjvOptions, ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { spec, type JsonSchema } from './spec.js'

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** The id under which the spec's component schemas are registered with ajv and Fastify. */
export const SHARED_SCHEMA_ID = 'openapi'

// OpenAPI annotations that are not JSON Schema keywords; ajv's strict mode must know them.
const openApiKeywords = ['example', 'xml', 'externalDocs', 'discriminator', 'x-extensible-enum']

/** Rewrites `#/components/schemas/X` into a reference to the shared schema. */
export function toSharedRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n) => toSharedRefs(n)) as T
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === '$ref' && typeof value === 'string'
          ? value.replace('#/components/schemas/', `${SHARED_SCHEMA_ID}#/$defs/`)
          : toSharedRefs(value)
    }
    return out as T
  }
  return node
}

/**
 * The spec's component schemas as one schema document. Its root must not carry a
 * `components` key (ajv and fast-json-stringify reject it), so they move under `$defs`.
 */
export const sharedSchema: JsonSchema = {
  $id: SHARED_SCHEMA_ID,
  $defs: toSharedRefs(spec.components.schemas),
}

// RFC 3339 as the service can store and return it: JavaScript dates have no leap second
// and no offsets without minutes, and serialize years 0000–9999 only. ajv-formats accepts
// `23:59:60`, `+05` and far-future instants that would then fail to parse or to print.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/
const LATEST = Date.parse('9999-12-31T23:59:59.999Z')
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z')

export function isStorableDateTime(value: string): boolean {
  if (!RFC3339.test(value)) return false
  const time = Date.parse(value)
  return Number.isFinite(time) && time >= EARLIEST && time <= LATEST
}

export function createAjv(options: AjvOptions): Ajv2020 {
  // verbose: each error keeps its data, so that an error on an object can name the key at fault
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, keywords: openApiKeywords, ...options })
  addFormats(ajv)
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime })
  ajv.addSchema(sharedSchema)
  return ajv
}

/**
 * Request validation. Bodies are validated exactly as sent: no coercion (a number is not
 * a string), no defaults injected, and unknown properties fail rather than being dropped.
 * Path, query and header values arrive as strings, so those are coerced to the declared
 * type and get their declared defaults.
 */
const bodyAjv = createAjv({ coerceTypes: false, useDefaults: false, removeAdditional: false })
// 'array': a parameter declared as a list may be given once (`?id=a`), which the query
// parser hands over as a plain string
const parameterAjv = createAjv({ coerceTypes: 'array', useDefaults: true, removeAdditional: false })

export function compileRequestValidator(schema: JsonSchema, httpPart: string | undefined): ValidateFunction {
  return (httpPart === 'body' ? bodyAjv : parameterAjv).compile(schema)
}

/** A validator of request bodies (or parts of them) for one of the spec's component schemas. */
export function componentValidator(name: string): ValidateFunction {
  return bodyAjv.compile({ $ref: `${SHARED_SCHEMA_ID}#/$defs/${name}` })
}
