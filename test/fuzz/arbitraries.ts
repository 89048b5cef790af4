// fast-check arbitraries derived from openapi.yaml: a small JSON Schema → arbitrary converter
// for the subset the spec uses, valid requests for every operation built from it, and
// malformed requests made from valid ones by mutation. Nothing here is written for one
// operation; what the schemas cannot say (an opaque cursor, a date that must lie in the
// future) is stated once, in SEMANTICS, next to the words of the spec that say it.

import type { ValidateFunction } from 'ajv'
import fc, { type Arbitrary } from 'fast-check'
import { createAjv, toSharedRefs } from '../../src/contract/schemas.js'
import { routeSchema } from '../../src/contract/routes.js'
import { deref, type BoundOperation, type JsonSchema, type OpenApiParameter } from '../../src/contract/spec.js'

// ─── characters ──────────────────────────────────────────────────────────────────────────

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff

/**
 * Single code points worth trying anywhere text goes: controls and NUL, NEL, NBSP, soft
 * hyphen, a combining accent, Hebrew and Arabic letters (RTL), case-mapping oddities (İ, ß,
 * ﬃ, ǅ), zero-width and bidi controls, line/paragraph separators, BOM, U+FFFD, the
 * non-characters U+FFFE/U+FFFF, emoji and other astral code points, U+10FFFF.
 */
export const SPECIAL_CODE_POINTS = [
  0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x85, 0xa0, 0xad, 0x301, 0x5d0, 0x627, 0x130, 0xdf, 0xfb03, 0x1c5, 0x200b, 0x200d, 0x200e,
  0x200f, 0x202a, 0x202e, 0x2028, 0x2029, 0x2066, 0x2069, 0x3000, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x1f600, 0x1f469, 0x1f3f3, 0x1d54f,
  0xe0001, 0x10ffff,
].map((cp) => String.fromCodePoint(cp))

/** One code point (never half a surrogate pair): ASCII, the specials above, or anything. */
export const unicodeUnit: Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_CODE_POINTS) },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((c) => !isSurrogate(c))
      .map((c) => String.fromCodePoint(c)),
  },
)

/** What an HTTP/1.1 field value can carry (RFC 9110 field-vchar, SP, HTAB, obs-text). */
export const headerUnit: Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t') },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
)

/** Half a surrogate pair: not a character, cannot be encoded as UTF-8. */
export const loneSurrogate: Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))

/** Text with anything in it, including lone surrogates. */
export const anyText = (maxLength = 40) =>
  fc.string({ unit: fc.oneof({ weight: 6, arbitrary: unicodeUnit }, { weight: 1, arbitrary: loneSurrogate }), maxLength })

/** Length as JSON Schema (and ajv) counts it: in code points. */
export const codePoints = (s: string) => [...s].length

/** A long string made by repeating a chunk: `length` code units, up to ~100 KB and beyond. */
export const hugeString = (maxLength = 110_000) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom('a', 'é', '😀', '\u0000', ' ', '"', '\\', '%', '\ud800'),
        anyText(8).filter((s) => s.length > 0),
      ),
      fc.integer({ min: 1_000, max: maxLength }),
    )
    .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length))

// ─── JSON Schema → arbitrary ─────────────────────────────────────────────────────────────

export type Where = 'body' | 'query' | 'path' | 'header'

export interface SchemaContext {
  where: Where
  /** e.g. `createApiKey body/expiresAt`, `listUsers query/limit`: what SEMANTICS are keyed by */
  location: string
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined)

/** The schema itself: `$ref`s to #/components/schemas followed, `allOf` merged. */
export function resolve(schema: JsonSchema): JsonSchema {
  const s = deref(schema as JsonSchema | { $ref: string })
  if (!Array.isArray(s.allOf)) return s
  const { allOf, ...own } = s
  return [own, ...(allOf as JsonSchema[]).map(resolve)].reduce((a, b) => ({
    ...a,
    ...b,
    properties: { ...(a.properties as object), ...(b.properties as object) },
    required: [...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])],
    ...(a.additionalProperties === false || b.additionalProperties === false ? { additionalProperties: false } : {}),
  }))
}

const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object'] as const
type JsonType = (typeof JSON_TYPES)[number]

function typesOf(s: JsonSchema): JsonType[] {
  if (Array.isArray(s.type)) return s.type as JsonType[]
  if (typeof s.type === 'string') return [s.type as JsonType]
  if (s.properties) return ['object']
  if (s.items) return ['array']
  return []
}

const ajv = createAjv({ strict: false, coerceTypes: false, useDefaults: false })
const validators = new WeakMap<object, ValidateFunction>()

/** The spec's own validator for a schema (as the service validates bodies: no coercion). */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = validators.get(schema)
  if (!validate) {
    validate = ajv.compile(toSharedRefs(schema))
    validators.set(schema, validate)
  }
  return validate
}

const two = (n: number) => String(n).padStart(2, '0')
const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`
const fraction = fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined })

const YEAR_0 = new Date(0).setUTCFullYear(0, 0, 1) // 0000-01-01T00:00:00Z
const LAST_LOCAL = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/**
 * An RFC 3339 `date-time` as the service takes it: years 0000–9999 in UTC, `T` or `t`, an
 * optional fraction, `Z`, `z` or a ±hh:mm offset. Leap seconds (`23:59:60`) are RFC 3339
 * but not storable, and the spec's format excludes them (see isStorableDateTime).
 */
export const rfc3339DateTime: Arbitrary<string> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction,
    t: fc.constantFrom('T', 't'),
    zone: fc.oneof(fc.constantFrom('Z', 'z'), fc.integer({ min: -1439, max: 1439 })),
  })
  // an offset can move the instant out of 0000–9999 UTC; computed here from the parts, not
  // with the service's own check, so that a wrong check would be caught rather than echoed
  .filter(({ year, month, day, hour, minute, second, zone }) => {
    const local = new Date(0).setUTCFullYear(year, month - 1, Math.min(day, daysIn(year, month)))
    const instant = local + ((hour * 60 + minute - (typeof zone === 'number' ? zone : 0)) * 60 + second) * 1000
    return instant >= YEAR_0 && instant <= LAST_LOCAL
  })
  .map(({ year, month, day, hour, minute, second, fraction, t, zone }) => {
    const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(Math.min(day, daysIn(year, month)))}`
    const time = `${two(hour)}:${two(minute)}:${two(second)}${fraction ? '.' + fraction : ''}`
    return `${date}${t}${time}${typeof zone === 'number' ? offsetText(zone) : zone}`
  })

const DAY_MS = 24 * 60 * 60 * 1000
/** The last instant the service stores: 9999-12-31T23:59:59.999Z. */
export const LAST_INSTANT = LAST_LOCAL

/** An RFC 3339 date-time for an instant in [min, max], written with a random offset. */
export function rfc3339Between(min: number, max: number): Arbitrary<string> {
  const instant = fc.oneof({ weight: 6, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) })
  const written = fc.tuple(instant, fc.integer({ min: -1439, max: 1439 }), fc.boolean(), fraction).map(([t, offset, utc, frac]) => {
    // the local time must stay within years 0000–9999 to be writable at all
    const lo = Math.ceil((YEAR_0 - t) / 60_000)
    const hi = Math.floor((LAST_LOCAL - t) / 60_000)
    const minutes = utc && lo <= 0 && hi >= 0 ? 0 : Math.max(lo, Math.min(hi, offset))
    const local = new Date(t + minutes * 60_000)
    const date = `${String(local.getUTCFullYear()).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`
    const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`
    const ms = frac ? '.' + String(local.getUTCMilliseconds()).padStart(3, '0') : ''
    return `${date}T${time}${ms}${minutes === 0 && utc ? 'Z' : offsetText(minutes)}`
  })
  return written
}

const formats: Record<string, Arbitrary<string>> = {
  uuid: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) }),
  email: fc.emailAddress(),
  'date-time': rfc3339DateTime,
  'uri-reference': fc.oneof(fc.webPath(), fc.webUrl()),
  uri: fc.webUrl(),
}

/**
 * Strings matching a pattern: fast-check's generator (ASCII), and the same with a few code
 * points swapped for any others (kept only while they still match).
 */
function patternString(pattern: string, unit: Arbitrary<string>): Arbitrary<string> {
  const ascii = fc.stringMatching(new RegExp(pattern))
  const widened = fc.tuple(ascii, fc.array(fc.tuple(fc.nat(), unit), { minLength: 1, maxLength: 4 })).map(([s, edits]) => {
    const cps = [...s]
    for (const [at, c] of edits) if (cps.length > 0) cps[at % cps.length] = c
    return cps.join('')
  })
  return fc.oneof({ weight: 2, arbitrary: ascii }, { weight: 1, arbitrary: widened })
}

function stringArbitrary(s: JsonSchema, ctx: SchemaContext): Arbitrary<string> {
  const min = num(s.minLength) ?? 0
  const max = num(s.maxLength) ?? Math.max(min, 256)
  const pattern = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : undefined
  const unit = ctx.where === 'header' ? headerUnit : unicodeUnit
  const format = typeof s.format === 'string' ? formats[s.format] : undefined
  const base = format
    ? format
    : typeof s.pattern === 'string'
      ? patternString(s.pattern, unit)
      : fc.oneof(
          { weight: 3, arbitrary: fc.string({ unit, minLength: min, maxLength: Math.min(max, min + 24) }) },
          { weight: 1, arbitrary: fc.string({ unit, minLength: min, maxLength: max, size: 'max' }) },
        )
  return base.filter(
    (v) =>
      codePoints(v) >= min &&
      codePoints(v) <= max &&
      (!pattern || pattern.test(v)) &&
      // a header value cannot begin or end with whitespace: HTTP strips it
      (ctx.where !== 'header' || !/^[ \t]|[ \t]$/.test(v)),
  )
}

function integerArbitrary(s: JsonSchema): Arbitrary<number> {
  const int32 = s.format === 'int32'
  let min = num(s.minimum) ?? (int32 ? -(2 ** 31) : Number.MIN_SAFE_INTEGER)
  let max = num(s.maximum) ?? (int32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER)
  if (num(s.exclusiveMinimum) !== undefined) min = Math.max(min, Math.floor(s.exclusiveMinimum as number) + 1)
  if (num(s.exclusiveMaximum) !== undefined) max = Math.min(max, Math.ceil(s.exclusiveMaximum as number) - 1)
  return fc.integer({ min, max })
}

function numberArbitrary(s: JsonSchema): Arbitrary<number> {
  const min = num(s.minimum) ?? num(s.exclusiveMinimum) ?? -1e12
  const max = num(s.maximum) ?? num(s.exclusiveMaximum) ?? 1e12
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter(
      (n) =>
        (s.exclusiveMinimum === undefined || n > (s.exclusiveMinimum as number)) &&
        (s.exclusiveMaximum === undefined || n < (s.exclusiveMaximum as number)),
    )
}

/** Values the schema accepts. */
export function arbitraryFor(schema: JsonSchema, ctx: SchemaContext): Arbitrary<unknown> {
  const overlay = SEMANTICS.generate[ctx.location]
  if (overlay) return overlay()
  const s = resolve(schema)
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  // a value of one of the branches (the spec's unions are of disjoint types, such as a string or null)
  const union = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined
  if (union) return fc.oneof(...union.map((branch) => arbitraryFor(branch, ctx)))
  const types = typesOf(s)
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 })
  return fc.oneof(...types.map((type) => arbitraryForType(s, type, ctx)))
}

function arbitraryForType(s: JsonSchema, type: JsonType, ctx: SchemaContext): Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(s, ctx)
    case 'integer':
      return integerArbitrary(s)
    case 'number':
      return numberArbitrary(s)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = arbitraryFor((s.items as JsonSchema) ?? {}, { ...ctx, location: `${ctx.location}/0` })
      const minLength = num(s.minItems) ?? 0
      const maxLength = num(s.maxItems) ?? minLength + 4
      return s.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength })
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>
      const required = ((s.required ?? []) as string[]).filter((k) => k in properties)
      const model: Record<string, Arbitrary<unknown>> = {}
      for (const [key, sub] of Object.entries(properties)) model[key] = arbitraryFor(sub, { ...ctx, location: `${ctx.location}/${key}` })
      const record = fc.record(model, { requiredKeys: required })
      if (s.additionalProperties === false || s.additionalProperties === undefined) return record
      const extra =
        typeof s.additionalProperties === 'object' ? arbitraryFor(s.additionalProperties as JsonSchema, ctx) : fc.jsonValue({ maxDepth: 1 })
      // keys the schema's propertyNames allow, and no more of them than maxProperties
      const keys = s.propertyNames
        ? (arbitraryFor(s.propertyNames as JsonSchema, { ...ctx, location: `${ctx.location}/*` }) as Arbitrary<string>)
        : fc.string({ minLength: 1, maxLength: 8 })
      const maxKeys = Math.min(2, (num(s.maxProperties) ?? Number.POSITIVE_INFINITY) - Object.keys(properties).length)
      return fc
        .tuple(
          record,
          fc.dictionary(
            keys.filter((k) => !(k in properties)),
            extra,
            { maxKeys: Math.max(0, maxKeys) },
          ),
        )
        .map(([known, more]) => ({ ...more, ...known }))
    }
  }
}

// ─── what the schemas cannot say ─────────────────────────────────────────────────────────

/**
 * The spec's prose, where it constrains a valid request beyond its schemas. Keyed by
 * `<operationId> <where>/<pointer>`.
 */
export const SEMANTICS = {
  generate: {
    // ApiKeyCreate.expiresAt: "When the key stops working (in the future)".
    'createApiKey body/expiresAt': () => rfc3339Between(Date.now() + DAY_MS, LAST_INSTANT),
    // WebhookUrl: "`https://` …, without credentials, on a public address"; a name under
    // example.com, which resolves (if at all) to a public address
    'createWebhookEndpoint body/url': () =>
      fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/))
        .map(([label, path]) => `https://${label}.example.com/${path}`),
  } as Record<string, () => Arbitrary<unknown>>,
  /**
   * Never generated for a valid request. `cursor` (listUsers, listWebhookEndpoints,
   * listWebhookDeliveries): "Opaque and signed: pass it back unchanged … anything else answers
   * 400"; valid cursors come from the service's own pages. listEvents `after` is such a cursor
   * too: "The `nextCursor` of the previous page".
   */
  omit: new Set([
    'listUsers query/cursor',
    'listEvents query/after',
    'listWebhookEndpoints query/cursor',
    'listWebhookDeliveries query/cursor',
  ]),
}

// ─── invalid values ──────────────────────────────────────────────────────────────────────

const NEAR_MISSES: Record<string, string[]> = {
  uuid: [
    '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5g',
    '01936d3c7a2b7c3e9f103b2a1c0d4e5f',
    '{01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f}',
    'urn:uuid:01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
    ' 01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
    '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5',
    '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f\u0000',
    '０1936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
    '00000000-0000-0000-0000-000000000000x',
  ],
  'date-time': [
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:59:61Z',
    '2026-01-01T12:00:60Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+24:00',
    '+002026-01-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '10000-01-01T00:00:00Z',
    '2026-1-1T0:0:0Z',
    '2016-12-31T23:59:60Z',
    '9999-12-31T23:59:59-23:59',
    'now',
    '1764150000',
    '2026-01-01T00:00:00.Z',
    '２026-01-01T00:00:00Z',
  ],
  email: ['a', '@', 'a@', '@b.c', 'a@b', 'a @b.c', 'a@@b.c', 'a@b.c\u0000', 'a@b..c'],
}

/**
 * Forms the service's validator (ajv-formats) accepts although RFC 3339 does not: a space
 * or a tab for `T`, offsets without a colon or without minutes. Any answer but a 5xx is fine.
 */
export const LENIENT_DATE_TIMES = [
  '2026-01-01 00:00:00Z',
  '2026-01-01\t00:00:00Z',
  '2026-01-01\u00a000:00:00Z',
  '2026-06-30T12:00:00+05',
  '2026-06-30T12:00:00+0530',
  '2026-06-30T12:00:00-0000',
  '2026-06-30T12:00:00.123456789123Z',
]

/** Values of every JSON type but the ones the schema allows. */
function wrongType(types: JsonType[]): Arbitrary<unknown> {
  const others: Arbitrary<unknown>[] = []
  if (!types.includes('string')) others.push(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '1', 'true', 'null', '[]', '{}')))
  if (!types.includes('integer') && !types.includes('number')) others.push(fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1e308, -0)))
  if (!types.includes('number')) others.push(fc.double({ noNaN: true, noDefaultInfinity: true, noInteger: true }))
  if (!types.includes('boolean')) others.push(fc.boolean())
  if (!types.includes('null')) others.push(fc.constant(null))
  if (!types.includes('array')) others.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }))
  if (!types.includes('object')) others.push(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }))
  return fc.oneof(...others)
}

/** Nested arrays/objects as a value: deep enough to hurt a recursive walker, JSON-encodable. */
const deepValue = fc.tuple(fc.integer({ min: 20, max: 2_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v }
  return v
})

/** Values the schema (mostly) rejects: wrong types, out of range, wrong formats, huge, odd text. */
export function invalidValueFor(schema: JsonSchema, ctx: SchemaContext): Arbitrary<unknown> {
  const s = resolve(schema)
  const types = typesOf(s)
  const candidates: Arbitrary<unknown>[] = [wrongType(types), anyText(24), deepValue]
  if (Array.isArray(s.enum) || 'const' in s) {
    const allowed = (s.enum as unknown[]) ?? [s.const]
    const near = allowed
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v}\u0000`, v.slice(1), v + v])
    candidates.push(
      fc.constantFrom('', 'ACTIVE', 'null', ...near),
      fc.string().filter((v) => !allowed.includes(v)),
    )
  }
  if (types.includes('string')) {
    const min = num(s.minLength)
    const max = num(s.maxLength)
    if (min && min > 0) candidates.push(fc.string({ unit: unicodeUnit, maxLength: min - 1 }))
    if (max !== undefined) {
      candidates.push(fc.string({ unit: unicodeUnit, minLength: max + 1, maxLength: max + 40 }))
      candidates.push(hugeString())
    }
    if (typeof s.pattern === 'string') {
      const pattern = new RegExp(s.pattern, 'u')
      candidates.push(fc.string({ unit: unicodeUnit, maxLength: 40 }).filter((v) => !pattern.test(v)))
      candidates.push(
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff'), minLength: 1, maxLength: 6 }),
      )
    }
    if (typeof s.format === 'string') {
      candidates.push(fc.constantFrom(...(NEAR_MISSES[s.format] ?? ['x'])))
      if (s.format === 'date-time') candidates.push(fc.constantFrom(...LENIENT_DATE_TIMES))
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    const min = num(s.minimum)
    const max = num(s.maximum)
    candidates.push(fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -(2 ** 53) - 2, 1e21, 1e308, -1e308, 0.5, 2 ** 31, -(2 ** 31) - 1))
    if (min !== undefined) candidates.push(fc.integer({ min: min - 1_000_000, max: min - 1 }), fc.constant(min - 0.5))
    if (max !== undefined) candidates.push(fc.integer({ min: max + 1, max: max + 1_000_000 }), fc.constant(max + 0.5))
    if (types.includes('integer')) candidates.push(fc.double({ noNaN: true, noDefaultInfinity: true, noInteger: true }))
  }
  if (types.includes('array')) {
    const items = (s.items as JsonSchema) ?? {}
    const valid = arbitraryFor(items, { ...ctx, location: `${ctx.location}/0` })
    const min = num(s.minItems)
    const max = num(s.maxItems)
    if (min && min > 0) candidates.push(fc.array(valid, { maxLength: min - 1 }))
    if (max !== undefined) candidates.push(fc.array(valid, { minLength: max + 1, maxLength: max + 4 }))
    if (s.uniqueItems) candidates.push(valid.map((v) => [v, v]))
    candidates.push(fc.array(invalidValueFor(items, { ...ctx, location: `${ctx.location}/0` }), { minLength: 1, maxLength: 3 }))
    // thousands of items, each (in)valid: validators that look at every item pay for it
    candidates.push(fc.tuple(valid, fc.integer({ min: 100, max: 6_000 })).map(([v, n]) => Array.from({ length: n }, () => v)))
  }
  if (types.includes('object')) {
    candidates.push(fc.constant({}), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }))
  }
  return fc.oneof(...candidates)
}

// ─── requests ────────────────────────────────────────────────────────────────────────────

export type HeaderValue = string | string[]

/** One request as light-my-request's inject() takes it (the service's Authorization aside). */
export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, HeaderValue>
  payload?: string | Buffer
  /** what was done to the valid request, for the report */
  mutations: string[]
  /** the body does not conform to the operation's request schema (or is not JSON): never a 2xx */
  invalidBody: boolean
}

/** A request before it is encoded: typed values, still valid or already mutated. */
export interface RequestParts {
  method: string
  path: Record<string, unknown>
  /** query parameters in order, values not yet encoded */
  query: Array<[string, unknown]>
  /** raw text appended to the query string as is */
  rawQuery: string
  /** raw path segments that replace a parameter's encoded value */
  rawPath: Record<string, string>
  /** appended to the path as is */
  pathSuffix: string
  headers: Record<string, HeaderValue>
  /** the media type sent; null sends no Content-Type */
  contentType: HeaderValue | null
  /** the body: a JSON value, or raw text/bytes, or nothing */
  body: { json: unknown } | { raw: string | Buffer } | undefined
  /** raw `"key": value` members spliced into a JSON object body (duplicates, `__proto__`) */
  spliced: Array<[string, unknown]>
  mutations: string[]
}

/** Where the service can find things that exist now: the ids in a collection, current ETags. */
export interface Environment {
  /** values that exist for a path parameter (e.g. the ids of existing users) */
  existing(op: BoundOperation, parameter: OpenApiParameter): readonly string[]
  /** values worth sending in a header besides what its schema allows (ETags, `*`) */
  headerValues(name: string): readonly string[]
  bodyLimit: number
}

/** Percent-encodes anything, lone surrogates included (as the bytes WTF-8 gives them). */
export function percentEncode(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += encodeURIComponent(text.slice(i, i + 2))
        i++
        continue
      }
    }
    if (isSurrogate(unit))
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => '%' + b.toString(16).toUpperCase())
        .join('')
    else out += encodeURIComponent(text[i] as string)
  }
  return out
}

const scalar = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)))

/** The JSON text of a body: spliced members go first, so a later duplicate wins in JSON.parse. */
function bodyText(parts: RequestParts): string | Buffer | undefined {
  if (!parts.body) return undefined
  if ('raw' in parts.body) return parts.body.raw
  const text = JSON.stringify(parts.body.json) ?? 'null'
  if (parts.spliced.length === 0 || !text.startsWith('{')) return text
  const members = parts.spliced.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')
  return text === '{}' ? `{${members}}` : `{${members},${text.slice(1)}`
}

/** Does the service have to refuse this body? Only for operations that take one. */
function bodyIsInvalid(op: BoundOperation, payload: string | Buffer | undefined): boolean {
  const media = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined
  if (!media) return false
  if (payload === undefined || payload.length === 0) return op.requestBody?.required === true
  // items the handler validates one by one fail alone: the request is invalid only as a whole
  const schema = op.validateItemsSeparately.length > 0 ? (routeSchema(op).body as JsonSchema) : media.schema
  // RFC 8259 lets a parser ignore a byte order mark
  const text = (typeof payload === 'string' ? payload : payload.toString('utf8')).replace(/^\ufeff/, '')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return true
  }
  return !validatorFor(schema)(value)
}

/** A query parameter as the spec serializes it: a list repeats the name, a deepObject object is `name[key]=value`. */
function queryPairs(op: BoundOperation, name: string, value: unknown): Array<[string, string]> {
  const parameter = op.parameters.find((p) => p.in === 'query' && p.name === name)
  if (Array.isArray(value) && parameter && resolve(parameter.schema).type === 'array') return value.map((item) => [name, scalar(item)])
  if (value && typeof value === 'object' && !Array.isArray(value) && parameter?.style === 'deepObject') {
    return Object.entries(value).map(([key, member]) => [`${name}[${key}]`, scalar(member)])
  }
  return [[name, scalar(value)]]
}

export function render(op: BoundOperation, parts: RequestParts): FuzzRequest {
  let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => parts.rawPath[name] ?? percentEncode(scalar(parts.path[name])))
  path += parts.pathSuffix
  const query = parts.query
    .flatMap(([k, v]) => queryPairs(op, k, v).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`))
    .join('&')
  const search = [query, parts.rawQuery].filter(Boolean).join('&')
  const headers: Record<string, HeaderValue> = { ...parts.headers }
  if (parts.contentType !== null) headers['content-type'] = parts.contentType
  const payload = bodyText(parts)
  const request: FuzzRequest = {
    method: parts.method,
    url: search ? `${path}?${search}` : path,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    mutations: parts.mutations,
    invalidBody: bodyIsInvalid(op, payload),
  }
  return withSummary(request)
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s)

/** A compact, readable form for fast-check's counterexample report (bodies can be 100 KB). */
export function summarize(r: Pick<FuzzRequest, 'method' | 'url' | 'headers' | 'payload'> & { mutations?: string[] }): string {
  const body =
    r.payload === undefined
      ? ''
      : ` body=${typeof r.payload === 'string' ? clip(JSON.stringify(r.payload), 300) : `<Buffer ${clip(r.payload.toString('hex'), 200)}>`}`
  const mutations = r.mutations?.length ? ` mutations=[${r.mutations.join('; ')}]` : ''
  return `${r.method} ${clip(JSON.stringify(r.url).slice(1, -1), 300)} headers=${clip(JSON.stringify(r.headers), 300)}${body}${mutations}`
}

function withSummary<T extends Pick<FuzzRequest, 'method' | 'url' | 'headers' | 'payload'>>(request: T): T {
  Object.defineProperty(request, fc.toStringMethod, { value: () => summarize(request), enumerable: false })
  return request
}

/** A value from what exists now, else a generated one. */
function existingOr(list: () => readonly string[], generated: Arbitrary<unknown>): Arbitrary<unknown> {
  return fc.tuple(fc.nat(), generated, fc.nat({ max: 3 })).map(([i, value, coin]) => {
    const values = list()
    return values.length > 0 && coin > 0 ? values[i % values.length] : value
  })
}

function parameterArbitrary(op: BoundOperation, p: OpenApiParameter, env: Environment): Arbitrary<unknown> {
  const where: Where = p.in === 'cookie' ? 'header' : p.in
  const ctx = { where, location: `${op.operationId} ${where}/${p.name}` }
  const fromSchema = arbitraryFor(p.schema, ctx)
  if (p.in === 'path') return existingOr(() => env.existing(op, p), fromSchema)
  if (p.in === 'header') {
    const examples = [(p as { example?: unknown }).example, ...(((p.schema as JsonSchema).examples as unknown[]) ?? [])].filter(
      (e): e is string => typeof e === 'string',
    )
    // only those its schema allows: this is for valid requests
    return existingOr(() => [...examples, ...env.headerValues(p.name)].filter((v) => validatorFor(p.schema)(v)), fromSchema)
  }
  return fromSchema
}

/** Typed, valid parts of a request for the operation, from its parameters and body schema. */
export function validParts(op: BoundOperation, env: Environment): Arbitrary<RequestParts> {
  const of = (where: OpenApiParameter['in']) =>
    op.parameters.filter((p) => p.in === where && !SEMANTICS.omit.has(`${op.operationId} ${where}/${p.name}`))
  const record = (params: OpenApiParameter[]) => {
    const model: Record<string, Arbitrary<unknown>> = {}
    for (const p of params) model[p.name] = parameterArbitrary(op, p, env)
    return fc.record(model, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) })
  }
  const media = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined
  const body = media ? arbitraryFor(media[1].schema, { where: 'body', location: `${op.operationId} body` }) : fc.constant(undefined)
  return fc
    .record({ path: record(of('path')), query: record(of('query')), headers: record(of('header')), body })
    .map(({ path, query, headers, body }) => ({
      method: op.method.toUpperCase(),
      path,
      query: Object.entries(query),
      rawQuery: '',
      rawPath: {},
      pathSuffix: '',
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), scalar(v)])),
      contentType: media ? media[0] : null,
      body: media ? { json: body } : undefined,
      spliced: [],
      mutations: [],
    }))
}

export function validRequest(op: BoundOperation, env: Environment): Arbitrary<FuzzRequest> {
  return validParts(op, env).map((parts) => render(op, parts))
}

// ─── mutations ───────────────────────────────────────────────────────────────────────────

/** A mutation is data (printable, shrinkable); `apply` performs it on a copy of the parts. */
export type Mutation =
  | { kind: 'body-value'; path: string[]; value: unknown }
  | { kind: 'body-drop'; key: string }
  | { kind: 'body-member'; key: string; value: unknown }
  | { kind: 'body-replace'; value: unknown }
  | { kind: 'body-raw'; raw: string | Buffer; label: string }
  | { kind: 'body-invalid-utf8'; at: number; bytes: number[] }
  | { kind: 'body-deep'; depth: number; shape: 'array' | 'object' | 'mixed'; inProperty: boolean }
  | { kind: 'body-pump'; path: string[]; seed: string | null; focus: boolean; from: number; to: number; times: number; suffix: string }
  | { kind: 'content-type'; value: HeaderValue | null }
  | { kind: 'path-segment'; name: string; raw: string }
  | { kind: 'path-suffix'; suffix: string }
  | { kind: 'query-value'; name: string; value: unknown }
  | { kind: 'query-raw'; raw: string }
  | { kind: 'query-duplicate'; name: string; value: unknown }
  | { kind: 'header'; name: string; value: HeaderValue | null }
  | { kind: 'method'; method: string }

function setAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path as [string, ...string[]]
  const base = target && typeof target === 'object' ? target : {}
  if (Array.isArray(base)) {
    const copy = [...base]
    copy[Number(head)] = setAt(copy[Number(head)], rest, value)
    return copy
  }
  // defineProperty: `__proto__` becomes an own member, as JSON.parse would make it
  const copy = { ...(base as Record<string, unknown>) }
  Object.defineProperty(copy, head, {
    value: setAt((base as Record<string, unknown>)[head], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

function getAt(target: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    target,
  )
}

function deepText(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  if (shape === 'array') return '['.repeat(depth) + ']'.repeat(depth)
  if (shape === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
  let open = ''
  let close = ''
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"__proto__":'
    close = (i % 2 ? ']' : '}') + close
  }
  return open + 'null' + close
}

export function apply(parts: RequestParts, mutations: Mutation[]): RequestParts {
  const p: RequestParts = {
    ...parts,
    path: { ...parts.path },
    query: [...parts.query],
    rawPath: { ...parts.rawPath },
    headers: { ...parts.headers },
    spliced: [...parts.spliced],
    mutations: [...parts.mutations],
  }
  for (const m of mutations) {
    const json = p.body && 'json' in p.body ? p.body.json : undefined
    switch (m.kind) {
      case 'body-value':
        p.body = { json: setAt(json, m.path, m.value) }
        p.mutations.push(`/${m.path.join('/')} := ${clip(JSON.stringify(m.value) ?? 'undefined', 80)}`)
        break
      case 'body-drop':
        if (json && typeof json === 'object') {
          const { [m.key]: _dropped, ...rest } = json as Record<string, unknown>
          p.body = { json: rest }
        }
        p.mutations.push(`drop /${m.key}`)
        break
      case 'body-member':
        p.spliced.push([m.key, m.value])
        if (!p.body) p.body = { json: {} }
        p.mutations.push(`member ${JSON.stringify(m.key)}: ${clip(JSON.stringify(m.value) ?? 'undefined', 60)}`)
        break
      case 'body-replace':
        p.body = { json: m.value }
        p.spliced = []
        p.mutations.push(`body := ${clip(JSON.stringify(m.value) ?? 'undefined', 80)}`)
        break
      case 'body-raw':
        p.body = { raw: m.raw }
        p.mutations.push(`raw body (${m.label})`)
        break
      case 'body-invalid-utf8': {
        const text = Buffer.from(typeof bodyText(p) === 'string' ? (bodyText(p) as string) : '{}')
        const at = text.length === 0 ? 0 : m.at % text.length
        p.body = { raw: Buffer.concat([text.subarray(0, at), Buffer.from(m.bytes), text.subarray(at)]) }
        p.mutations.push(`invalid UTF-8 ${Buffer.from(m.bytes).toString('hex')} at byte ${at}`)
        break
      }
      case 'body-deep': {
        const deep = deepText(m.depth, m.shape)
        const key = json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json)[0] : undefined
        p.body = { raw: m.inProperty && key ? `{${JSON.stringify(key)}:${deep}}` : deep }
        p.mutations.push(`${m.depth} levels of ${m.shape} nesting${m.inProperty && key ? ` in /${key}` : ''}`)
        break
      }
      case 'body-pump': {
        const value = m.seed ?? getAt(json, m.path)
        if (typeof value !== 'string' || value.length === 0) break
        // a stretch of one to three characters around a punctuation mark (where patterns
        // branch), or any stretch; offsets are taken modulo the value
        const marks = [...value.matchAll(/[^\p{L}\p{N}\s]/gu)].map((match) => match.index)
        let from: number
        let to: number
        if (m.focus && marks.length > 0) {
          const mark = marks[m.from % marks.length] as number
          from = Math.max(0, mark - (m.to % 2))
          to = Math.min(value.length, mark + 1 + (Math.floor(m.to / 2) % 2))
        } else {
          from = m.from % value.length
          to = from + 1 + (m.to % (value.length - from))
        }
        const pumped = value.slice(0, from) + value.slice(from, to).repeat(m.times) + value.slice(to) + m.suffix
        p.body = { json: setAt(json, m.path, pumped) }
        p.mutations.push(
          `/${m.path.join('/')} := ${JSON.stringify(value.slice(0, from))} + ${JSON.stringify(value.slice(from, to))}×${m.times} + ${JSON.stringify(value.slice(to) + m.suffix)}`,
        )
        break
      }
      case 'content-type':
        p.contentType = m.value
        p.mutations.push(`content-type ${JSON.stringify(m.value)}`)
        break
      case 'path-segment':
        p.rawPath[m.name] = m.raw
        p.mutations.push(`path {${m.name}} := ${clip(JSON.stringify(m.raw), 80)}`)
        break
      case 'path-suffix':
        p.pathSuffix += m.suffix
        p.mutations.push(`path + ${JSON.stringify(m.suffix)}`)
        break
      case 'query-value':
        p.query = [...p.query.filter(([k]) => k !== m.name), [m.name, m.value]]
        p.mutations.push(`?${m.name}=${clip(JSON.stringify(m.value) ?? 'undefined', 80)}`)
        break
      case 'query-raw':
        p.rawQuery += (p.rawQuery ? '&' : '') + m.raw
        p.mutations.push(`query + ${clip(JSON.stringify(m.raw), 80)}`)
        break
      case 'query-duplicate':
        p.query = [...p.query, [m.name, m.value], [m.name, m.value]]
        p.mutations.push(`?${m.name} twice`)
        break
      case 'header':
        if (m.value === null) delete p.headers[m.name]
        else p.headers[m.name] = m.value
        p.mutations.push(`header ${m.name}: ${clip(JSON.stringify(m.value), 80)}`)
        break
      case 'method':
        p.method = m.method
        p.mutations.push(`method ${m.method}`)
        break
    }
  }
  return p
}

/** Every `[property, …]` path of an object schema, with the schema found there (depth ≤ 2). */
export function propertyPaths(schema: JsonSchema, depth = 2, prefix: string[] = []): Array<{ path: string[]; schema: JsonSchema }> {
  const s = resolve(schema)
  const out: Array<{ path: string[]; schema: JsonSchema }> = []
  for (const [key, sub] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
    const path = [...prefix, key]
    out.push({ path, schema: sub })
    const r = resolve(sub)
    if (depth > 1 && r.properties) out.push(...propertyPaths(sub, depth - 1, path))
    if (depth > 1 && r.items) out.push({ path: [...path, '0'], schema: r.items as JsonSchema })
  }
  return out
}

const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf']

const unknownKey = fc.oneof(
  fc.constantFrom(
    ...POISON_KEYS,
    '',
    ' ',
    '\u0000',
    'EMAIL',
    'Email',
    'email ',
    'e\u200bmail',
    'é',
    '😀',
    '$ref',
    'id',
    'createdAt',
    'passwordHash',
    'version',
  ),
  anyText(12),
)

export const MEDIA_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'application/merge-patch+json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'text/json',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/',
  '/json',
  'application/json;',
  'application/json; charset',
  ';',
  '*/*',
  'application/*',
  '',
  ' application/json',
  'application/json\t',
  'application/vnd.api+json',
  'application/jsonx',
  'application/json,text/plain',
]

const RAW_BODIES: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace', ' \n\t '],
  ['null', 'null'],
  ['truncated', '{"email":"a@b.co","na'],
  ['unterminated string', '{"name":"x'],
  ['single quotes', "{'name':'x'}"],
  ['trailing comma', '{"name":"x",}'],
  ['comment', '{/* c */"name":"x"}'],
  ['NaN', '{"n":NaN}'],
  ['Infinity', '{"n":Infinity}'],
  ['undefined', 'undefined'],
  ['bare word', 'hello'],
  ['two documents', '{}{}'],
  ['form', 'name=x&email=y'],
  ['xml', '<user><name>x</name></user>'],
  ['bom', '\ufeff{}'],
  ['nul', '\u0000'],
  ['escaped NUL key', '{"\\u0000":1}'],
  ['lone surrogate escape', '{"name":"\\ud800"}'],
  ['bad escape', '{"name":"\\x41"}'],
  ['control char in string', '{"name":"a\u0001b"}'],
  ['big number', '{"n":1e999999}'],
  ['deep proto', '{"a":{"__proto__":{"polluted":1}}}'],
  ['proto', '{"__proto__":{"polluted":true}}'],
  ['constructor', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['duplicate proto', '{"__proto__":1,"__proto__":2}'],
]

function arbitraryBody(): Arbitrary<Mutation> {
  return fc.oneof(
    fc.constantFrom(...RAW_BODIES).map(([label, raw]): Mutation => ({ kind: 'body-raw', raw, label })),
    anyText(60).map((raw): Mutation => ({ kind: 'body-raw', raw, label: 'random text' })),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((bytes): Mutation => ({ kind: 'body-raw', raw: Buffer.from(bytes), label: 'random bytes' })),
  )
}

const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
]

/** Mutations of the body, for operations that take one. */
function bodyMutations(op: BoundOperation, env: Environment): Array<{ weight: number; arbitrary: Arbitrary<Mutation> }> {
  const media = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined
  if (!media) {
    // a body where none is expected (with or without a Content-Type): it must not break anything
    return [
      { weight: 2, arbitrary: arbitraryBody() },
      { weight: 1, arbitrary: fc.constantFrom(...MEDIA_TYPES).map((value): Mutation => ({ kind: 'content-type', value })) },
    ]
  }
  const paths = propertyPaths(media.schema)
  const required = (resolve(media.schema).required ?? []) as string[]
  const stringPaths = paths.filter(({ schema }) => typesOf(resolve(schema)).includes('string'))
  const location = (path: string[]) => ({ where: 'body' as const, location: `${op.operationId} body/${path.join('/')}` })
  const list: Array<{ weight: number; arbitrary: Arbitrary<Mutation> }> = [
    {
      weight: 8,
      arbitrary: fc.oneof(
        ...paths.map(({ path, schema }) =>
          invalidValueFor(schema, location(path)).map((value): Mutation => ({ kind: 'body-value', path, value })),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]): Mutation => ({ kind: 'body-member', key, value })),
    },
    {
      // the same member twice: the valid value first or last
      weight: 1,
      arbitrary: fc.oneof(
        ...paths
          .filter((p) => p.path.length === 1)
          .map(({ path, schema }) =>
            fc
              .oneof(arbitraryFor(schema, location(path)), invalidValueFor(schema, location(path)))
              .map((value): Mutation => ({ kind: 'body-member', key: path[0] as string, value })),
          ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom([], '', 0, true, null, [{}]))
        .map((value): Mutation => ({ kind: 'body-replace', value })),
    },
    { weight: 3, arbitrary: arbitraryBody() },
    {
      weight: 2,
      arbitrary: fc
        .record({ at: fc.nat(), bytes: fc.constantFrom(...INVALID_UTF8) })
        .map((m): Mutation => ({ kind: 'body-invalid-utf8', ...m })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1_000, max: 12_000 })),
          shape: fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed'),
          inProperty: fc.boolean(),
        })
        .map((m): Mutation => ({ kind: 'body-deep', ...m })),
    },
    { weight: 3, arbitrary: fc.constantFrom(...MEDIA_TYPES, null).map((value): Mutation => ({ kind: 'content-type', value })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<HeaderValue>(
          ['application/json', 'text/plain'],
          ['text/plain', 'application/json'],
          ['application/json', 'application/json'],
        )
        .map((value): Mutation => ({ kind: 'content-type', value })),
    },
  ]
  if (required.length > 0)
    list.push({ weight: 2, arbitrary: fc.constantFrom(...required).map((key): Mutation => ({ kind: 'body-drop', key })) })
  if (stringPaths.length > 0) {
    // a string property far beyond its maxLength: below, around and above the body limit
    list.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...stringPaths),
          fc.constantFrom('a', 'é', '😀', '\u0000', '\\', '"', ' '),
          fc.integer({ min: 1_000, max: env.bodyLimit + 40_000 }),
        )
        .map(
          ([{ path }, chunk, length]): Mutation => ({ kind: 'body-value', path, value: chunk.repeat(Math.ceil(length / chunk.length)) }),
        ),
    })
  }
  return list
}

/** Text for a path segment: percent-encoding junk, dot segments, odd characters, very long ones. */
export const junkSegment: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '.',
    '..',
    '%2e%2e',
    '%2E',
    '%2F',
    '%2f..',
    '%',
    '%%',
    '%zz',
    '%f',
    '%ff',
    '%c0%af',
    '%ed%a0%80',
    '%00',
    '%0a',
    '%20',
    '+',
    ';',
    ';x=1',
    ':',
    '@',
    '|',
    '^',
    '[',
    ']',
    '{}',
    '`',
    '"',
    '<script>',
    '\\',
    '*',
    '~',
    '!',
    '$',
    "'",
    '(',
    ')',
    ',',
    '=',
    '&',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'prototype',
    '0',
    '-1',
    '1e3',
    '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f%00',
    'urn:uuid:01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
    '01936D3C-7A2B-7C3E-9F10-3B2A1C0D4E5F',
    'é',
    '😀',
    '%F0%9F%98%80',
    '%E2%80%AE',
  ),
  anyText(20).map(percentEncode),
  anyText(20).filter((s) => !/[\ud800-\udfff]/.test(s)),
  // long, but within what Node's HTTP parser takes in (a request line and headers under 16 KiB)
  fc.tuple(fc.constantFrom('a', '%61', '0', '-', '%ff', 'é'), fc.integer({ min: 37, max: 2_500 })).map(([c, n]) => c.repeat(n)),
  fc.array(fc.constantFrom('a', '%', 'f', 'F', '0', '2', 'e', 'c', '/', '.', '%25', '%2F'), { maxLength: 12 }).map((a) => a.join('')),
)

/** Raw text for a query string: encoding junk, brackets, prototype names, duplicates, huge. */
export const junkQuery: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '&',
    '&&',
    '=',
    '==',
    'a',
    'a=',
    '=a',
    '%',
    '%zz',
    '%ff=1',
    'a=%ff',
    'a=%ed%a0%80',
    'a=%00',
    '__proto__=1',
    '__proto__[x]=1',
    'constructor[prototype][x]=1',
    'a[]=1',
    'a[b]=1',
    'a.b=1',
    '?',
    '??',
    '#',
    'a=1;b=2',
    '+=+',
    'limit[]=1',
    'toString=1',
    'hasOwnProperty=1',
  ),
  fc.tuple(anyText(12), anyText(12)).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
  fc.tuple(fc.constantFrom('a=1&', 'x', '%41'), fc.integer({ min: 100, max: 2_000 })).map(([s, n]) => s.repeat(n)),
)

const HEADER_JUNK: Arbitrary<HeaderValue> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '*',
    '"',
    '""',
    'W/',
    'W/"1"',
    '"1", W/"1"',
    '"1",,"2"',
    ',',
    '"\u00ff"',
    'null',
    '"' + '9'.repeat(20) + '"',
    '*, "1"',
  ),
  fc.string({ unit: headerUnit, maxLength: 40 }),
  fc.tuple(fc.constantFrom('a', '"1",', 'x '), fc.integer({ min: 256, max: 2_000 })).map(([c, n]) => c.repeat(n)),
  fc.array(fc.string({ unit: headerUnit, maxLength: 12 }), { minLength: 2, maxLength: 3 }),
)

/**
 * Headers worth disturbing on any request, besides the operation's own. Not Content-Length
 * or Transfer-Encoding: inject() would deliver framing no HTTP parser lets through.
 */
const COMMON_HEADERS = [
  'x-request-id',
  'accept',
  'accept-encoding',
  'host',
  'origin',
  'x-forwarded-for',
  'cookie',
  'if-match',
  'if-none-match',
  'idempotency-key',
  'x-http-method-override',
  'expect',
  'range',
  'content-encoding',
]

export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'SEARCH',
  'LOCK',
  'MKCOL',
  'COPY',
  'MOVE',
  'PURGE',
  'REPORT',
  'QUERY',
]

/** Mutations of everything but the body: path, query, headers, method. */
function requestMutations(op: BoundOperation): Array<{ weight: number; arbitrary: Arbitrary<Mutation> }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const headerParams = op.parameters.filter((p) => p.in === 'header')
  const ctx = (p: OpenApiParameter) => ({
    where: (p.in === 'cookie' ? 'header' : p.in) as Where,
    location: `${op.operationId} ${p.in}/${p.name}`,
  })
  const list: Array<{ weight: number; arbitrary: Arbitrary<Mutation> }> = [
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('/', '//', '/x', '/.', '/..', '/%2e%2e', ';', ';x', '%00', '%2F', '/%ff', '.json', '~')
        .map((suffix): Mutation => ({ kind: 'path-suffix', suffix })),
    },
    { weight: 3, arbitrary: junkQuery.map((raw): Mutation => ({ kind: 'query-raw', raw })) },
    { weight: 2, arbitrary: fc.tuple(unknownKey, anyText(10)).map(([name, value]): Mutation => ({ kind: 'query-value', name, value })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...COMMON_HEADERS), HEADER_JUNK)
        .map(([name, value]): Mutation => ({ kind: 'header', name, value })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HTTP_METHODS).map((method): Mutation => ({ kind: 'method', method })) },
  ]
  if (pathParams.length > 0) {
    list.push({
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...pathParams), junkSegment)
        .map(([p, raw]): Mutation => ({ kind: 'path-segment', name: p.name, raw })),
    })
    list.push({
      weight: 2,
      arbitrary: fc.oneof(
        ...pathParams.map((p) =>
          invalidValueFor(p.schema, ctx(p)).map((v): Mutation => ({ kind: 'path-segment', name: p.name, raw: percentEncode(scalar(v)) })),
        ),
      ),
    })
  }
  if (queryParams.length > 0) {
    list.push({
      weight: 5,
      arbitrary: fc.oneof(
        ...queryParams.map((p) =>
          invalidValueFor(p.schema, ctx(p)).map((value): Mutation => ({ kind: 'query-value', name: p.name, value })),
        ),
      ),
    })
    list.push({
      weight: 1,
      arbitrary: fc.oneof(
        ...queryParams.map((p) =>
          arbitraryFor(p.schema, ctx(p)).map((value): Mutation => ({ kind: 'query-duplicate', name: p.name, value })),
        ),
      ),
    })
  }
  if (headerParams.length > 0) {
    list.push({
      weight: 3,
      arbitrary: fc.oneof(
        ...headerParams.map((p) => HEADER_JUNK.map((value): Mutation => ({ kind: 'header', name: p.name.toLowerCase(), value }))),
      ),
    })
    list.push({
      weight: 1,
      arbitrary: fc.oneof(
        ...headerParams.map((p) =>
          fc
            .array(arbitraryFor(p.schema, ctx(p)).map(String), { minLength: 2, maxLength: 3 })
            .map((value): Mutation => ({ kind: 'header', name: p.name.toLowerCase(), value })),
        ),
      ),
    })
  }
  return list
}

/** A valid request for the operation with these things done to it. */
export function mutatedRequest(op: BoundOperation, env: Environment, mutation: Arbitrary<Mutation | Mutation[]>): Arbitrary<FuzzRequest> {
  return fc.tuple(validParts(op, env), mutation).map(([parts, m]) => render(op, apply(parts, [m].flat())))
}

/** A request outside any operation's generator: a method, a URL, headers, a body. */
export function plainRequest(
  method: string,
  url: string,
  headers: Record<string, HeaderValue> = {},
  payload?: string | Buffer,
): FuzzRequest {
  return withSummary({ method, url, headers, ...(payload !== undefined ? { payload } : {}), mutations: [], invalidBody: false })
}

/**
 * Could this request reach the service over HTTP at all? Node's parser answers 431 itself when
 * the request line and headers pass 16 KiB, and inject() refuses URLs that do not parse.
 */
export function deliverable(request: Pick<FuzzRequest, 'method' | 'url' | 'headers'>): boolean {
  let target: string
  try {
    const seen = seenUrl(request.url)
    target = seen.pathname + seen.search // percent-encoded, as it is sent
  } catch {
    return false
  }
  const headers = Object.entries(request.headers).flatMap(([k, v]) => [v].flat().map((one) => `${k}: ${one}\r\n`))
  return Buffer.byteLength(`${request.method} ${target} HTTP/1.1\r\n${headers.join('')}`, 'latin1') < 15 * 1024
}

/** The URL as the service sees it: light-my-request resolves it as a browser would. */
export function seenUrl(url: string): URL {
  return url.startsWith('//') ? new URL('http://localhost' + url) : new URL(url, 'http://localhost')
}

/** A valid request for the operation with one to three things wrong with it. */
export function malformedRequest(op: BoundOperation, env: Environment): Arbitrary<FuzzRequest> {
  const mutation = fc.oneof(...bodyMutations(op, env), ...requestMutations(op))
  return fc
    .tuple(validParts(op, env), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([parts, mutations]) => render(op, apply(parts, mutations)))
}

/**
 * Pattern pumping: a string in the request body whose schema has a `pattern` gets a valid
 * value with one stretch of it repeated many times and a tail that may break the match, the
 * body staying below `maxBytes` (so that the pattern is evaluated, not refused as too large).
 * A backtracking pattern takes time quadratic (or worse) in such input. `pumped` holds the
 * patterns already pumped through another operation (one schema, one property).
 */
export function pumpedRequests(
  op: BoundOperation,
  env: Environment,
  pumped: Set<string>,
  maxBytes = env.bodyLimit - 256,
): Arbitrary<FuzzRequest> | undefined {
  const media = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined
  if (!media) return undefined
  const patterned = propertyPaths(media.schema).filter(({ schema }) => {
    const pattern = resolve(schema).pattern
    if (typeof pattern !== 'string' || pumped.has(pattern)) return false
    pumped.add(pattern)
    return true
  })
  if (patterned.length === 0) return undefined
  const pump = fc.oneof(
    ...patterned.map(({ path, schema }) =>
      fc
        .record({
          // the schema's own examples are realistic values to start from
          seed: fc.oneof(
            fc.constant(null),
            ...((resolve(schema).examples as unknown[] | undefined) ?? [])
              .filter((e): e is string => typeof e === 'string')
              .map((e) => fc.constant(e)),
          ),
          focus: fc.boolean(),
          from: fc.nat(),
          to: fc.nat(),
          times: fc.integer({ min: 1, max: maxBytes }),
          suffix: fc.constantFrom('', '!', ' !', ' x', '\u0000', '@', '@@', ' ', '\n!', '-', '.', '.-', '-!'),
        })
        .map((m): Mutation => ({ kind: 'body-pump', path, ...m })),
    ),
  )
  const size = (r: FuzzRequest) => (r.payload === undefined ? 0 : Buffer.byteLength(r.payload))
  return fc.tuple(validParts(op, env), pump).map(([parts, m]) => {
    let request = render(op, apply(parts, [m]))
    if (size(request) > maxBytes && m.kind === 'body-pump' && m.times > 1) {
      const base = size(render(op, apply(parts, [{ ...m, times: 1 }])))
      const each = (size(request) - base) / (m.times - 1)
      request = render(op, apply(parts, [{ ...m, times: Math.max(1, Math.floor((maxBytes - base) / each) + 1) }]))
    }
    return request
  })
}

/** Any path at all, from the spec's own segments and junk; paths the spec does not own are excluded. */
export function anyPath(paths: string[]): Arbitrary<string> {
  const words = [...new Set(paths.flatMap((p) => p.split('/')).filter((s) => s && !s.startsWith('{')))]
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: junkSegment },
  )
  return fc
    .tuple(fc.array(segment, { minLength: 0, maxLength: 5 }), fc.option(junkQuery, { nil: undefined }), fc.boolean())
    .map(([segments, query, slash]) => '/' + segments.join('/') + (slash ? '/' : '') + (query ? '?' + query : ''))
}
