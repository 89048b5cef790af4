#!/usr/bin/env node
// The breaking-change gate: compares openapi.yaml with an earlier version of itself and fails
// on a change that can break a client generated from, or tested against, the earlier one,
// unless info.version's major number was raised. It also fails when CHANGELOG.md has no
// entry for the current info.version.
//
//   node scripts/breaking-changes.mjs [--base <git-ref> | --base-file <file>] [--spec openapi.yaml]
//                                     [--changelog CHANGELOG.md] [--json]
//
// The base is --base, else $BREAKING_BASE, else the merge base with origin/main when HEAD is not
// on origin/main, else HEAD when the working tree's document differs from it, else the last
// commit of the previous info.version (so a clean clone of main compares this version with the
// previous release as a whole), else the document before the last commit that changed it.
//
// What breaks a client. A request must still be accepted wherever it was (the new document
// accepts at least what the old one did); a response must still be understood (the new
// document returns nothing the old one ruled out):
// - operations: removing one; adding a required parameter or making one required; removing a
//   parameter (the service answers 400 to a query parameter it does not know, and ignores a
//   header it no longer reads); changing a parameter's style or explode; making the request
//   body required; removing a request media type; asking for more than the old security did.
// - request schemas (bodies and parameters): a type dropped from the type list, an enum or
//   const losing a value, a new or lowered maximum/maxLength/maxItems/maxProperties, a new or
//   raised minimum/minLength/minItems/minProperties, a new or stricter multipleOf, a new
//   uniqueItems, a new or changed pattern or format, a new required property, an optional
//   property made required, unknown properties newly rejected, and a removed property where
//   unknown properties are rejected (a client that still sends it gets 400).
// - responses: removing a status, a media type, a property, or a header that was required;
//   a property or header that was required becoming optional; a type added to the type list
//   (a property that becomes nullable); a format changed or removed; an enum or const gaining
//   a value, or losing its enum. Widening an enum in a response is breaking on purpose: clients
//   generated with exhaustive unions or switches reject the new value. The exception is a new
//   problem `code` (and its `type` and `title`) in an application/problem+json body: problem
//   types are extensible by design, and the document tells clients to handle unknown codes.
//   An enum the document marks `x-extensible-enum: true` may gain values too: its description
//   tells clients that new values come (and the rule is Zalando's "open-ended list of values"). Other widening in a
//   response (a larger maxLength or maximum, a changed pattern) is reported as compatible:
//   clients do not validate those bounds.
// - $ref, allOf (merged), oneOf/anyOf (a union of branches): in a request every old branch must
//   still be accepted by some new branch, so losing a branch is breaking; in a response every
//   new branch must fit some old branch, so gaining one is breaking. readOnly properties are
//   ignored in requests and writeOnly ones in responses; descriptions and examples never count.
//
// Why this is written here rather than taken from a tool (each was tried on this document):
// @useoptic/optic 1.0.9 (installs only with its ajv deduplicated, then runs offline with
// OPTIC_TELEMETRY_LEVEL=off) passes a removed parameter, a removed request property, a removed
// required response header and every narrowed bound, pattern or format. api-smart-diff 1.0.6
// judges string -> [string, null] as breaking in a request and compatible in a response, a changed
// const or format in a response as compatible, and reuses a shared schema's request-side
// verdict in responses (a field made optional in every error response passed). openapi-diff
// 0.24.1 rejects OpenAPI 3.1; @pb33f/openapi-changes and oasdiff download a Go binary.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']
const MAX_BRANCHES = 256

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Documents and references

function pointer(doc, ref) {
  if (!ref.startsWith('#')) throw new UsageError(`only references inside the document are supported: ${ref}`)
  let node = doc
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (node === null || typeof node !== 'object' || !(key in node)) throw new UsageError(`unresolvable $ref ${ref}`)
    node = node[key]
  }
  return node
}

/** A parameter, request body, response or header object with its $ref chain followed. */
function resolve(doc, node) {
  const seen = new Set()
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new UsageError(`circular $ref ${node.$ref}`)
    seen.add(node.$ref)
    node = pointer(doc, node.$ref)
  }
  return node
}

function operations(doc) {
  const found = new Map()
  for (const [route, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolve(doc, rawItem)
    for (const method of METHODS) {
      if (!item?.[method]) continue
      // a renamed path parameter ({id} -> {userId}) is the same operation
      found.set(`${method} ${route.replace(/\{[^}]*\}/g, '{}')}`, { method, route, item, op: item[method] })
    }
  }
  return found
}

function parameters(doc, { route, item, op }) {
  const pathNames = [...route.matchAll(/\{([^}]*)\}/g)].map((match) => match[1])
  const byKey = new Map()
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = resolve(doc, raw)
    const key =
      param.in === 'path'
        ? `path#${pathNames.indexOf(param.name)}`
        : `${param.in}:${param.in === 'header' ? param.name.toLowerCase() : param.name}`
    byKey.set(key, param) // an operation's parameter overrides the path item's
  }
  return byKey
}

function parameterSchema(param) {
  return param.schema ?? Object.values(param.content ?? {})[0]?.schema
}

const defaultStyle = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' }
function serialization(param) {
  const style = param.style ?? defaultStyle[param.in]
  return `style ${style}, explode ${param.explode ?? style === 'form'}`
}

// ---------------------------------------------------------------------------------------------
// Schemas in a normal form: a union of flat branches, each the merge of its allOf parts

function anything() {
  return {
    types: null, // null: any type
    values: null, // null: any value; else the allowed values as JSON texts
    properties: new Map(), // name -> the schema parts that constrain it
    required: new Set(),
    closed: false, // true when unknown properties are rejected
    items: [],
    bounds: {},
    multipleOf: undefined,
    uniqueItems: false,
    patterns: new Set(),
    formats: new Set(),
    readOnly: false,
    writeOnly: false,
    extensible: false, // x-extensible-enum: the document tells clients to expect new values
  }
}

function intersectTypes(a, b) {
  if (a === null) return b
  if (b === null) return a
  const both = new Set([...a].filter((t) => b.has(t)))
  if ((a.has('integer') && b.has('number')) || (a.has('number') && b.has('integer'))) both.add('integer')
  return both
}

function merge(a, b) {
  const merged = anything()
  merged.types = intersectTypes(a.types, b.types)
  merged.values = a.values === null ? b.values : b.values === null ? a.values : a.values.filter((v) => b.values.includes(v))
  merged.properties = new Map(a.properties)
  for (const [name, parts] of b.properties) merged.properties.set(name, [...(merged.properties.get(name) ?? []), ...parts])
  merged.required = new Set([...a.required, ...b.required])
  merged.closed = a.closed || b.closed
  merged.items = [...a.items, ...b.items]
  for (const key of UPPER_BOUNDS) merged.bounds[key] = tighter(Math.min, a.bounds[key], b.bounds[key])
  for (const key of LOWER_BOUNDS) merged.bounds[key] = tighter(Math.max, a.bounds[key], b.bounds[key])
  merged.multipleOf = tighter(Math.max, a.multipleOf, b.multipleOf)
  merged.uniqueItems = a.uniqueItems || b.uniqueItems
  merged.patterns = new Set([...a.patterns, ...b.patterns])
  merged.formats = new Set([...a.formats, ...b.formats])
  merged.readOnly = a.readOnly || b.readOnly
  merged.extensible = a.extensible || b.extensible
  merged.writeOnly = a.writeOnly || b.writeOnly
  return merged
}

function tighter(pick, a, b) {
  if (a === undefined) return b
  if (b === undefined) return a
  return pick(a, b)
}

function ownKeywords(schema) {
  const flat = anything()
  if (schema.type !== undefined) flat.types = new Set([schema.type].flat())
  if (schema.nullable === true && flat.types) flat.types.add('null') // OpenAPI 3.0 spelling
  if (Array.isArray(schema.enum)) flat.values = schema.enum.map((v) => JSON.stringify(v))
  if ('const' in schema) {
    const value = JSON.stringify(schema.const)
    flat.values = flat.values === null ? [value] : flat.values.filter((v) => v === value)
  }
  for (const [name, part] of Object.entries(schema.properties ?? {})) flat.properties.set(name, [part])
  flat.required = new Set(schema.required ?? [])
  flat.closed = schema.additionalProperties === false || schema.unevaluatedProperties === false
  if (schema.items !== undefined) flat.items = [schema.items]
  for (const key of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) if (typeof schema[key] === 'number') flat.bounds[key] = schema[key]
  if (typeof schema.multipleOf === 'number') flat.multipleOf = schema.multipleOf
  flat.uniqueItems = schema.uniqueItems === true
  if (typeof schema.pattern === 'string') flat.patterns.add(schema.pattern)
  if (typeof schema.format === 'string') flat.formats.add(schema.format)
  flat.readOnly = schema.readOnly === true
  flat.writeOnly = schema.writeOnly === true
  flat.extensible = schema['x-extensible-enum'] === true
  return flat
}

function cross(lefts, rights) {
  const out = []
  for (const left of lefts) for (const right of rights) out.push(merge(left, right))
  if (out.length > MAX_BRANCHES) throw new UsageError(`a schema expands to more than ${MAX_BRANCHES} oneOf/anyOf branches`)
  return out
}

function branches(doc, schema, refs = new Set()) {
  if (schema === undefined || schema === true) return [anything()]
  if (schema === false) return []
  if (typeof schema.$ref === 'string') {
    // a $ref that reaches itself without passing through a property or item constrains nothing
    if (refs.has(schema.$ref)) return [anything()]
    const { $ref, ...siblings } = schema // OpenAPI 3.1 allows keywords beside $ref
    return cross(branches(doc, pointer(doc, $ref), new Set([...refs, $ref])), branches(doc, siblings, refs))
  }
  let result = [ownKeywords(schema)]
  for (const part of schema.allOf ?? []) result = cross(result, branches(doc, part, refs))
  for (const union of [schema.oneOf, schema.anyOf]) {
    if (!Array.isArray(union)) continue
    result = cross(
      result,
      union.flatMap((part) => branches(doc, part, refs)),
    )
  }
  return result
}

/** The schema that the parts of a merged property or item list stand for (the parts themselves keep the memo useful). */
function oneSchema(parts) {
  if (parts.length === 0) return undefined
  return parts.length === 1 ? parts[0] : { allOf: parts }
}

function effectiveTypes(flat) {
  if (flat.values === null) return flat.types
  const ofValues = new Set(flat.values.map((v) => jsonType(JSON.parse(v))))
  return flat.types === null ? ofValues : intersectTypes(flat.types, ofValues)
}

function jsonType(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (Number.isInteger(value)) return 'integer'
  return typeof value
}

function typesWithin(inner, outer) {
  if (outer === null) return true
  if (inner === null) return false
  return [...inner].every((t) => outer.has(t) || (t === 'integer' && outer.has('number')))
}

function mayBe(types, type) {
  return types === null || types.has(type) || (type === 'number' && types.has('integer'))
}

// ---------------------------------------------------------------------------------------------
// Comparing schemas. A finding is { breaking, at, message }; `at` is relative to the schema.

const describeTypes = (types) => (types === null ? 'any' : types.size === 1 ? [...types][0] : `[${[...types].join(', ')}]`)

function listValues(values) {
  const shown = values.slice(0, 5).join(', ')
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown
}

class SchemaComparer {
  constructor(baseDoc, headDoc) {
    this.baseDoc = baseDoc
    this.headDoc = headDoc
    this.memo = new Map() // direction -> base schema -> head schema -> findings
  }

  compare(base, head, direction) {
    const memoable = base && typeof base === 'object' && head && typeof head === 'object'
    if (memoable) {
      if (!this.memo.has(direction)) this.memo.set(direction, new WeakMap())
      const byBase = this.memo.get(direction)
      if (!byBase.has(base)) byBase.set(base, new WeakMap())
      const known = byBase.get(base).get(head)
      if (known) return known // compared already, or being compared further up (a recursive schema)
      byBase.get(base).set(head, [])
    }
    const findings = this.compareUnions(branches(this.baseDoc, base), branches(this.headDoc, head), direction)
    if (memoable) this.memo.get(direction).get(base).set(head, findings)
    return findings
  }

  compareUnions(baseBranches, headBranches, direction) {
    const findings = []
    // a request branch must still be accepted by some new branch; a response branch must fit some old one
    const [mustFit, into] = direction === 'request' ? [baseBranches, headBranches] : [headBranches, baseBranches]
    const nothing = direction === 'request' ? 'no value is accepted any more' : 'the old document allowed no value here'
    for (const [index, branch] of mustFit.entries()) {
      const at = mustFit.length > 1 ? `.oneOf[${index}]` : ''
      if (into.length === 0) {
        findings.push({ breaking: true, at, message: nothing })
        continue
      }
      let best
      for (const other of into) {
        const [base, head] = direction === 'request' ? [branch, other] : [other, branch]
        const result = this.compareFlat(base, head, direction)
        const cost = [result.filter((f) => f.breaking).length, result.length]
        if (!best || cost[0] < best.cost[0] || (cost[0] === best.cost[0] && cost[1] < best.cost[1])) best = { cost, result }
      }
      // when no branch fits, the compatible differences to the nearest one are noise
      const union = mustFit.length > 1 || into.length > 1
      const kept = union && best.cost[0] ? best.result.filter((f) => f.breaking) : best.result
      for (const finding of kept) findings.push({ ...finding, at: at + finding.at })
    }
    if (headBranches.length !== baseBranches.length && (baseBranches.length > 1 || headBranches.length > 1)) {
      findings.push({ breaking: false, at: '', message: `alternatives: ${baseBranches.length} → ${headBranches.length}` })
    }
    return findings
  }

  compareFlat(base, head, direction) {
    const request = direction === 'request'
    const findings = []
    const add = (breaking, message, at = '') => findings.push({ breaking, at, message })

    const baseTypes = effectiveTypes(base)
    const headTypes = effectiveTypes(head)
    if (headTypes?.size === 0 && baseTypes?.size !== 0) {
      add(true, 'allows no value: its constraints contradict each other')
      return findings
    }
    const typesNarrowed = !typesWithin(baseTypes, headTypes)
    const typesWidened = !typesWithin(headTypes, baseTypes)
    if (typesNarrowed || typesWidened) {
      const change = `${describeTypes(baseTypes)} → ${describeTypes(headTypes)}`
      const nullable = !request && typesWidened && headTypes?.has('null') && !mayBe(baseTypes, 'null')
      if (nullable) add(true, `became nullable (type ${change})`)
      else if (request ? typesNarrowed : typesWidened) add(true, `type ${request ? 'narrowed' : 'widened'}: ${change}`)
      else add(false, `type ${request ? 'widened' : 'narrowed'}: ${change}`)
    }

    this.compareValues(base.values, head.values, request, add, head.extensible)
    this.compareBounds(base, head, request, add)
    this.compareStringRules(base, head, request, add)

    if (mayBe(baseTypes, 'object') && mayBe(headTypes, 'object')) this.compareObjects(base, head, direction, findings)
    if (mayBe(baseTypes, 'array') && mayBe(headTypes, 'array') && (base.items.length || head.items.length)) {
      for (const finding of this.compare(oneSchema(base.items), oneSchema(head.items), direction))
        findings.push({ ...finding, at: `[]${finding.at}` })
    }
    return findings
  }

  compareValues(baseValues, headValues, request, add, extensible = false) {
    if (baseValues === null && headValues === null) return
    if (request) {
      if (headValues !== null && baseValues === null) add(true, `now restricted to ${listValues(headValues)}`)
      else if (headValues === null) add(false, 'any value accepted (enum removed)')
      else {
        const lost = baseValues.filter((v) => !headValues.includes(v))
        const gained = headValues.filter((v) => !baseValues.includes(v))
        if (lost.length) add(true, `no longer accepts ${listValues(lost)}`)
        if (gained.length) add(false, `also accepts ${listValues(gained)}`)
      }
      return
    }
    if (headValues === null) add(true, 'any value may be returned (enum removed)')
    else if (baseValues === null) add(false, `now returns only ${listValues(headValues)}`)
    else {
      const gained = headValues.filter((v) => !baseValues.includes(v))
      const lost = baseValues.filter((v) => !headValues.includes(v))
      if (gained.length && extensible) add(false, `may now return ${listValues(gained)} (an extensible enum: clients expect new values)`)
      else if (gained.length) add(true, `may now return ${listValues(gained)}`)
      if (lost.length) add(false, `no longer returns ${listValues(lost)}`)
    }
  }

  compareBounds(base, head, request, add) {
    const show = (v) => (v === undefined ? 'none' : v)
    for (const key of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
      const [before, after] = [base.bounds[key], head.bounds[key]]
      if (before === after) continue
      const upper = UPPER_BOUNDS.includes(key)
      const tightened = after !== undefined && (before === undefined || (upper ? after < before : after > before))
      const verb = before === undefined ? 'added' : after === undefined ? 'removed' : upper === tightened ? 'lowered' : 'raised'
      // only a request is refused by a tighter bound; clients do not check bounds on responses
      add(request && tightened, `${key} ${verb}: ${show(before)} → ${show(after)}`)
    }
    if (base.multipleOf !== head.multipleOf) {
      const stricter = head.multipleOf !== undefined && (base.multipleOf === undefined || base.multipleOf % head.multipleOf !== 0)
      add(request && stricter, `multipleOf: ${base.multipleOf ?? 'none'} → ${head.multipleOf ?? 'none'}`)
    }
    if (base.uniqueItems !== head.uniqueItems) add(request && head.uniqueItems, `uniqueItems: ${base.uniqueItems} → ${head.uniqueItems}`)
  }

  compareStringRules(base, head, request, add) {
    const added = (from, to) => [...to].filter((x) => !from.has(x))
    const newPatterns = added(base.patterns, head.patterns)
    const oldPatterns = added(head.patterns, base.patterns)
    if (newPatterns.length || oldPatterns.length) {
      const change = `${[...base.patterns].join(' & ') || 'none'} → ${[...head.patterns].join(' & ') || 'none'}`
      add(request && newPatterns.length > 0, `pattern changed: ${change}`)
    }
    const newFormats = added(base.formats, head.formats)
    const oldFormats = added(head.formats, base.formats)
    if (newFormats.length || oldFormats.length) {
      const change = `${[...base.formats].join(' & ') || 'none'} → ${[...head.formats].join(' & ') || 'none'}`
      // a request is refused by a new format; a client parses a response by the format it knew
      add(request ? newFormats.length > 0 : oldFormats.length > 0, `format changed: ${change}`)
    }
  }

  compareObjects(base, head, direction, findings) {
    const request = direction === 'request'
    const add = (breaking, at, message) => findings.push({ breaking, at, message })
    const visible = (flat, doc, name) => {
      const parts = flat.properties.get(name)
      const hidden = parts && branches(doc, oneSchema(parts)).every((b) => (request ? b.readOnly : b.writeOnly))
      return hidden ? undefined : parts
    }
    const names = new Set([...base.properties.keys(), ...head.properties.keys()])
    for (const name of names) {
      const at = `.${name}`
      const [before, after] = [visible(base, this.baseDoc, name), visible(head, this.headDoc, name)]
      if (!before && !after) continue
      const [wasRequired, isRequired] = [base.required.has(name), head.required.has(name)]
      if (!after) {
        if (!request) add(true, at, 'removed')
        else if (head.closed) add(true, at, 'removed (a client that sends it is refused)')
        else add(false, at, 'removed (ignored when sent)')
        continue
      }
      if (!before) {
        if (request) add(isRequired, at, isRequired ? 'new required property' : 'new optional property')
        else add(false, at, isRequired ? 'new property (always present)' : 'new optional property')
        continue
      }
      if (wasRequired !== isRequired) {
        if (request) add(isRequired, at, isRequired ? 'now required' : 'now optional')
        else add(!isRequired, at, isRequired ? 'now always present' : 'now optional (it was always present)')
      }
      const result = this.compare(oneSchema(before), oneSchema(after), direction)
      for (const finding of result) findings.push({ ...finding, at: at + finding.at })
    }
    const [rejectedBefore, rejectedNow] = [base.closed, head.closed]
    if (rejectedBefore !== rejectedNow) {
      if (request) add(rejectedNow, '', rejectedNow ? 'unknown properties are now refused' : 'unknown properties are now accepted')
      else add(false, '', rejectedNow ? 'no other properties will be returned' : 'other properties may be returned')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing documents

function securityAlternatives(doc, op) {
  const requirements = op.security ?? doc.security ?? []
  return requirements.map((req) => Object.entries(req).map(([scheme, scopes]) => ({ scheme, scopes: new Set(scopes) })))
}

function describeSecurity(alternatives) {
  if (alternatives.length === 0 || alternatives.some((alt) => alt.length === 0)) return 'none'
  return alternatives.map((alt) => alt.map(({ scheme, scopes }) => `${scheme}[${[...scopes].join(', ')}]`).join(' + ')).join(' | ')
}

/** Whether every caller who met one of the old requirements meets one of the new ones. */
function securityKept(before, after) {
  if (after.length === 0 || after.some((alt) => alt.length === 0)) return true
  if (before.length === 0) return false
  return before.every((oldAlt) =>
    after.some((newAlt) =>
      newAlt.every(({ scheme, scopes }) => {
        const held = oldAlt.find((o) => o.scheme === scheme)
        return held && [...scopes].every((s) => held.scopes.has(s))
      }),
    ),
  )
}

function mediaTypes(content) {
  const byType = new Map()
  for (const [type, media] of Object.entries(content ?? {})) byType.set(type.split(';')[0].trim().toLowerCase(), media)
  return byType
}

function compareDocuments(baseDoc, headDoc) {
  const schemas = new SchemaComparer(baseDoc, headDoc)
  const findings = []
  const baseOps = operations(baseDoc)
  const headOps = operations(headDoc)

  for (const [key, baseOp] of baseOps) {
    const headOp = headOps.get(key)
    const where = `${baseOp.method.toUpperCase()} ${(headOp ?? baseOp).route}`
    const add = (breaking, at, message) => findings.push({ breaking, where, at, message })
    const addAll = (prefix, result) => {
      for (const finding of result) findings.push({ where, ...finding, at: prefix + finding.at })
    }
    if (!headOp) {
      add(true, '', 'operation removed')
      continue
    }

    const [secBefore, secAfter] = [securityAlternatives(baseDoc, baseOp.op), securityAlternatives(headDoc, headOp.op)]
    if (describeSecurity(secBefore) !== describeSecurity(secAfter)) {
      add(!securityKept(secBefore, secAfter), 'security', `${describeSecurity(secBefore)} → ${describeSecurity(secAfter)}`)
    }

    const [paramsBefore, paramsAfter] = [parameters(baseDoc, baseOp), parameters(headDoc, headOp)]
    for (const [paramKey, before] of paramsBefore) {
      const after = paramsAfter.get(paramKey)
      const at = `${before.in}.${(after ?? before).name}`
      if (!after) {
        add(true, at, 'parameter removed')
        continue
      }
      const [wasRequired, isRequired] = [before.required === true || before.in === 'path', after.required === true || after.in === 'path']
      if (wasRequired !== isRequired) add(isRequired, at, isRequired ? 'now required' : 'now optional')
      if (serialization(before) !== serialization(after))
        add(true, at, `serialization changed: ${serialization(before)} → ${serialization(after)}`)
      addAll(at, schemas.compare(parameterSchema(before), parameterSchema(after), 'request'))
    }
    for (const [paramKey, after] of paramsAfter) {
      if (paramsBefore.has(paramKey)) continue
      const required = after.required === true || after.in === 'path'
      add(required, `${after.in}.${after.name}`, required ? 'new required parameter' : 'new optional parameter')
    }

    const [bodyBefore, bodyAfter] = [resolve(baseDoc, baseOp.op.requestBody), resolve(headDoc, headOp.op.requestBody)]
    if (bodyBefore && !bodyAfter) add(true, 'body', 'request body removed')
    if (!bodyBefore && bodyAfter)
      add(bodyAfter.required === true, 'body', bodyAfter.required ? 'new required request body' : 'new optional request body')
    if (bodyBefore && bodyAfter) {
      if (!bodyBefore.required && bodyAfter.required) add(true, 'body', 'request body now required')
      if (bodyBefore.required && !bodyAfter.required) add(false, 'body', 'request body now optional')
      compareContent(schemas, bodyBefore.content, bodyAfter.content, 'request', 'body', add, addAll)
    }

    const [responsesBefore, responsesAfter] = [baseOp.op.responses ?? {}, headOp.op.responses ?? {}]
    for (const [status, rawBefore] of Object.entries(responsesBefore)) {
      if (!(status in responsesAfter)) {
        add(true, status, 'response status removed')
        continue
      }
      const [before, after] = [resolve(baseDoc, rawBefore), resolve(headDoc, responsesAfter[status])]
      compareResponseHeaders(schemas, baseDoc, headDoc, status, before.headers ?? {}, after.headers ?? {}, add, addAll)
      compareContent(schemas, before.content, after.content, 'response', `${status} body`, add, addAll)
    }
    for (const status of Object.keys(responsesAfter)) {
      if (!(status in responsesBefore)) add(false, status, 'new response status')
    }
  }
  for (const [key, headOp] of headOps) {
    if (!baseOps.has(key))
      findings.push({ breaking: false, where: `${headOp.method.toUpperCase()} ${headOp.route}`, at: '', message: 'new operation' })
  }
  return findings
}

// Problem documents are extensible by design (RFC 9457 §3.1: a client treats a problem type it
// does not know by its status), and the document promises it: an operation may gain a problem
// `code` (with its `type` and `title`). Any other change to a problem's shape still counts.
const PROBLEM_MEDIA_TYPE = 'application/problem+json'
const PROBLEM_TYPE_MEMBERS = /\.(code|type|title)$/

function newProblemTypesAllowed(finding) {
  if (!finding.breaking || !PROBLEM_TYPE_MEMBERS.test(finding.at) || !finding.message.startsWith('may now return')) return finding
  return { ...finding, message: `${finding.message} (a new problem type: clients handle unknown codes by status)`, breaking: false }
}

function compareContent(schemas, contentBefore, contentAfter, direction, at, add, addAll) {
  const [before, after] = [mediaTypes(contentBefore), mediaTypes(contentAfter)]
  const several = before.size > 1 || after.size > 1
  for (const [type, media] of before) {
    const label = several ? `${at}[${type}]` : at
    if (!after.has(type)) {
      add(true, label, `media type ${type} removed`)
      continue
    }
    const findings = schemas.compare(media.schema, after.get(type).schema, direction)
    addAll(label, direction === 'response' && type === PROBLEM_MEDIA_TYPE ? findings.map(newProblemTypesAllowed) : findings)
  }
  for (const type of after.keys()) {
    if (!before.has(type)) add(false, several ? `${at}[${type}]` : at, `new media type ${type}`)
  }
}

function compareResponseHeaders(schemas, baseDoc, headDoc, status, headersBefore, headersAfter, add, addAll) {
  const byName = (headers, doc) =>
    new Map(
      Object.entries(headers)
        .filter(([name]) => name.toLowerCase() !== 'content-type')
        .map(([name, header]) => [name.toLowerCase(), { name, header: resolve(doc, header) }]),
    )
  const [before, after] = [byName(headersBefore, baseDoc), byName(headersAfter, headDoc)]
  for (const [key, { name, header }] of before) {
    const at = `${status} header.${name}`
    const now = after.get(key)
    if (!now) {
      add(header.required === true, at, header.required ? 'removed (it was always sent)' : 'removed (it was optional)')
      continue
    }
    if (header.required && !now.header.required) add(true, at, 'now optional (it was always sent)')
    if (!header.required && now.header.required) add(false, at, 'now always sent')
    addAll(at, schemas.compare(parameterSchema(header), parameterSchema(now.header), 'response'))
  }
  for (const [key, { name, header }] of after) {
    if (!before.has(key)) add(false, `${status} header.${name}`, header.required ? 'new header (always sent)' : 'new optional header')
  }
}

function formatFinding({ where, at, message }) {
  return `${where}${at ? ` ${at}` : ''}: ${message}`
}

// ---------------------------------------------------------------------------------------------
// Versions, the changelog, git

function parseVersion(doc, label) {
  const version = doc?.info?.version
  const match = typeof version === 'string' && /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version)
  if (!match) throw new UsageError(`${label}: info.version must be MAJOR.MINOR.PATCH, not ${JSON.stringify(version)}`)
  return { text: version, major: Number(match[1]) }
}

function changelogHas(changelogPath, version) {
  if (!existsSync(changelogPath)) return false
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`, 'm').test(readFileSync(changelogPath, 'utf8'))
}

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  } catch (error) {
    const detail = String(error.stderr ?? error.message).trim()
    throw new UsageError(`git ${args.join(' ')} failed: ${detail}`)
  }
}

function gitSucceeds(args) {
  try {
    execFileSync('git', args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const short = (rev) => git(['rev-parse', '--short', rev])

/** The git revision to compare with, and why it was chosen; undefined when there is none. */
function chooseBase(spec, explicit, currentVersion) {
  if (!gitSucceeds(['rev-parse', '--git-dir'])) throw new UsageError('not in a git repository: pass --base-file <file>')
  if (explicit) {
    if (!gitSucceeds(['rev-parse', '--verify', '-q', `${explicit}^{commit}`])) throw new UsageError(`no such git revision: ${explicit}`)
    return { rev: explicit, why: 'given as the base' }
  }
  if (
    gitSucceeds(['rev-parse', '--verify', '-q', 'origin/main^{commit}']) &&
    !gitSucceeds(['merge-base', '--is-ancestor', 'HEAD', 'origin/main'])
  ) {
    return { rev: git(['merge-base', 'HEAD', 'origin/main']), why: 'the merge base of HEAD and origin/main' }
  }
  const tracked = git(['ls-files', '--', spec]) !== ''
  if (tracked && !gitSucceeds(['diff', '--quiet', 'HEAD', '--', spec]))
    return { rev: 'HEAD', why: `HEAD (${spec} has uncommitted changes)` }
  // the previous version of the document as it was last released: the newest commit whose
  // document has another info.version than the one checked now, so a run on main compares
  // release with release, however many commits the current version took
  for (const rev of git(['log', '--format=%H', '--', spec]).split('\n').filter(Boolean)) {
    const text = readAt(rev, spec)
    const version = text === undefined ? undefined : versionOf(text)
    if (version !== undefined && version !== currentVersion) {
      return { rev, why: `the last commit of version ${version} (${short(rev)} "${git(['log', '-1', '--format=%s', rev])}")` }
    }
  }
  const last = git(['log', '-1', '--format=%H', '--', spec])
  if (!last) return undefined
  if (!gitSucceeds(['rev-parse', '--verify', '-q', `${last}^`])) {
    if (git(['rev-parse', '--is-shallow-repository']) === 'true') {
      throw new UsageError(`the commit before ${short(last)} is missing from this shallow clone: fetch the history or pass --base`)
    }
    return undefined // the document was added in the root commit
  }
  const subject = git(['log', '-1', '--format=%s', last])
  return { rev: `${last}^`, why: `the version before ${short(last)} "${subject}", the last commit that changed ${spec}` }
}

/** info.version of a document's text (undefined when it is not an OpenAPI document). */
function versionOf(text) {
  try {
    return parseDocument(text, 'the document').info?.version
  } catch {
    return undefined
  }
}

function readAt(rev, spec) {
  const location = `${rev}:./${spec.split(path.sep).join('/')}`
  if (!gitSucceeds(['cat-file', '-e', location])) return undefined
  return git(['show', location])
}

function parseDocument(text, label) {
  let doc
  try {
    // JSON is YAML too, but JSON.parse reads it many times faster
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new UsageError(`${label} is not valid JSON or YAML: ${error.message}`)
  }
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string') throw new UsageError(`${label} is not an OpenAPI document`)
  return doc
}

// ---------------------------------------------------------------------------------------------
// The command

function run(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      'base-file': { type: 'string' },
      spec: { type: 'string', default: 'openapi.yaml' },
      changelog: { type: 'string', default: 'CHANGELOG.md' },
      json: { type: 'boolean', default: false },
    },
  })
  const spec = path.normalize(values.spec)
  if (!existsSync(spec)) throw new UsageError(`${spec} not found`)
  const head = parseDocument(readFileSync(spec, 'utf8'), spec)
  const headVersion = parseVersion(head, spec)

  let baseText
  let baseLabel
  if (values['base-file']) {
    baseText = readFileSync(values['base-file'], 'utf8')
    baseLabel = values['base-file']
  } else {
    const base = chooseBase(spec, values.base ?? process.env.BREAKING_BASE, headVersion.text)
    if (!base) baseLabel = `none: no earlier version of ${spec} in the history`
    else {
      baseText = readAt(base.rev, spec)
      baseLabel =
        baseText === undefined ? `none: ${short(base.rev)} (${base.why}) has no ${spec}` : `${spec} at ${short(base.rev)}, ${base.why}`
    }
  }

  const report = { spec, headVersion: headVersion.text, base: baseLabel, baseVersion: null, breaking: [], compatible: [], problems: [] }
  if (baseText !== undefined) {
    const base = parseDocument(baseText, baseLabel)
    const baseVersion = parseVersion(base, baseLabel)
    report.baseVersion = baseVersion.text
    for (const finding of compareDocuments(base, head))
      (finding.breaking ? report.breaking : report.compatible).push(formatFinding(finding))
    report.majorRaised = headVersion.major > baseVersion.major
    if (report.breaking.length && !report.majorRaised) {
      report.problems.push(
        `${report.breaking.length} breaking change${report.breaking.length === 1 ? '' : 's'} while info.version went ${baseVersion.text} → ${headVersion.text}: ` +
          `raise the major number (to ${baseVersion.major + 1}.0.0) and describe the change in ${values.changelog}, or make the change compatible`,
      )
    }
  }
  if (!changelogHas(values.changelog, headVersion.text)) {
    report.problems.push(`${values.changelog} has no entry for ${headVersion.text} (a "## [${headVersion.text}] - YYYY-MM-DD" section)`)
  }
  return { report, json: values.json }
}

function print(report) {
  const lines = [
    `Base: ${report.base}${report.baseVersion ? ` (version ${report.baseVersion})` : ''}`,
    `Head: ${report.spec} as it is now (version ${report.headVersion})`,
  ]
  lines.push('', `Breaking changes: ${report.breaking.length}`, ...report.breaking.map((l) => `  ${l}`))
  lines.push('', `Compatible changes: ${report.compatible.length}`, ...report.compatible.map((l) => `  ${l}`))
  if (report.breaking.length && report.majorRaised)
    lines.push('', `Allowed: the major version was raised (${report.baseVersion} → ${report.headVersion}).`)
  lines.push('', ...(report.problems.length ? report.problems.map((p) => `FAILED: ${p}`) : ['OK']))
  return lines.join('\n')
}

try {
  const { report, json } = run(process.argv.slice(2))
  console.log(json ? JSON.stringify(report, null, 2) : print(report))
  process.exitCode = report.problems.length ? 1 : 0
} catch (error) {
  console.error(`check:breaking: ${error instanceof UsageError || error.code?.startsWith('ERR_PARSE_ARGS') ? error.message : error.stack}`)
  process.exitCode = 2
}
