// The examples of openapi.yaml as integrators meet them: copied into a client, shown as a
// sample, or sent by Swagger UI's "Try it out". Every example validates against the schema it
// illustrates, and every request Try it out builds from an operation's examples, sent to a
// real server over HTTP, gets a declared 2xx answer. Everything is read from the document.
import t from 'tap'
import { compileRequestValidator, createAjv, toSharedRefs } from '../../src/contract/schemas.js'
import {
  deref,
  HTTP_METHODS,
  listOperations,
  spec,
  type BoundOperation,
  type JsonSchema,
  type OpenApiParameter,
} from '../../src/contract/spec.js'
import { build, type TestApp } from '../helpers/app.js'
import { createSender } from '../../src/webhooks/sender.js'
import { createWebhookWorker } from '../../src/webhooks/worker.js'

type Node = Record<string, unknown>
type Ref = { $ref: string }

/** An example's value and where it sits in the document (a JSON Pointer). */
interface Example {
  where: string
  name: string
  value: unknown
}

type Kind = 'request body' | 'parameter' | 'header' | 'response' | 'schema'

/** An example together with the schema it illustrates. */
interface Site extends Example {
  kind: Kind
  schema: JsonSchema
}

const pointerSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')
const isRef = (value: unknown): value is Ref => typeof value === 'object' && value !== null && '$ref' in value
const entries = (value: unknown) => Object.entries((value ?? {}) as Record<string, unknown>)

/** Examples the test cannot read; each one fails it. */
const unreadable: string[] = []

/** The `example` and `examples` of a media type, parameter or header object. */
function examplesOf(holder: Node, where: string): Example[] {
  const found: Example[] = []
  if ('example' in holder) found.push({ where: `${where}/example`, name: 'example', value: holder.example })
  for (const [name, entry] of entries(holder.examples)) {
    const example = deref(entry as Node | Ref) as Node
    if ('value' in example) found.push({ where: `${where}/examples/${pointerSegment(name)}`, name, value: example.value })
    else unreadable.push(`${where}/examples/${pointerSegment(name)} has no inline value (externalValue is not checked)`)
  }
  return found
}

// JSON Schema 2020-12 keywords whose values are subschemas, by shape
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas']
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems']
const SUBSCHEMA = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]

/** Schema `examples` (JSON Schema) and `example` (OpenAPI), in this schema and every subschema. */
function collectSchema(schema: unknown, where: string, sites: Site[]) {
  if (typeof schema !== 'object' || schema === null) return
  const node = schema as Node
  if (Array.isArray(node.examples)) {
    for (const [i, value] of node.examples.entries()) {
      sites.push({ kind: 'schema', where: `${where}/examples/${i}`, name: String(i), value, schema: node })
    }
  }
  if ('example' in node) sites.push({ kind: 'schema', where: `${where}/example`, name: 'example', value: node.example, schema: node })
  for (const key of SUBSCHEMA_MAPS)
    for (const [name, sub] of entries(node[key])) collectSchema(sub, `${where}/${key}/${pointerSegment(name)}`, sites)
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key]
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) collectSchema(sub, `${where}/${key}/${i}`, sites)
  }
  for (const key of SUBSCHEMA) collectSchema(node[key], `${where}/${key}`, sites)
}

function collectContent(content: unknown, where: string, kind: Kind, sites: Site[]) {
  for (const [mediaType, media] of entries(content)) {
    const at = `${where}/content/${pointerSegment(mediaType)}`
    const { schema } = media as { schema: JsonSchema }
    for (const example of examplesOf(media as Node, at)) sites.push({ ...example, kind, schema })
    collectSchema(schema, `${at}/schema`, sites)
  }
}

/** A parameter or header: its own examples illustrate its schema (or its content's). */
function collectParameter(parameter: Node, where: string, kind: Kind, sites: Site[]) {
  const schema = parameter.schema as JsonSchema | undefined
  if (schema) {
    for (const example of examplesOf(parameter, where)) sites.push({ ...example, kind, schema })
    collectSchema(schema, `${where}/schema`, sites)
  }
  collectContent(parameter.content, where, kind, sites)
}

function collectResponse(response: Node, where: string, sites: Site[]) {
  for (const [name, header] of entries(response.headers)) {
    if (!isRef(header)) collectParameter(header as Node, `${where}/headers/${pointerSegment(name)}`, 'header', sites)
  }
  collectContent(response.content, where, 'response', sites)
}

/**
 * Every example of the document, each once, where it is written: a component is collected
 * under components, and a reference to it is not followed a second time.
 */
function collectSites(): Site[] {
  const sites: Site[] = []
  const components = spec.components as Node
  for (const [name, schema] of entries(components.schemas)) collectSchema(schema, `/components/schemas/${pointerSegment(name)}`, sites)
  for (const [name, parameter] of entries(components.parameters)) {
    collectParameter(parameter as Node, `/components/parameters/${pointerSegment(name)}`, 'parameter', sites)
  }
  for (const [name, header] of entries(components.headers))
    collectParameter(header as Node, `/components/headers/${pointerSegment(name)}`, 'header', sites)
  for (const [name, body] of entries(components.requestBodies)) {
    collectContent((body as Node).content, `/components/requestBodies/${pointerSegment(name)}`, 'request body', sites)
  }
  for (const [name, response] of entries(components.responses))
    collectResponse(response as Node, `/components/responses/${pointerSegment(name)}`, sites)
  for (const [path, item] of Object.entries(spec.paths)) {
    const at = `/paths/${pointerSegment(path)}`
    const inline = (list: unknown, where: string) => {
      for (const [i, p] of (Array.isArray(list) ? list : []).entries()) {
        if (!isRef(p)) collectParameter(p as Node, `${where}/parameters/${i}`, 'parameter', sites)
      }
    }
    inline(item.parameters, at)
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Node | undefined
      if (!operation) continue
      inline(operation.parameters, `${at}/${method}`)
      if (operation.requestBody && !isRef(operation.requestBody)) {
        collectContent((operation.requestBody as Node).content, `${at}/${method}/requestBody`, 'request body', sites)
      }
      for (const [status, response] of entries(operation.responses)) {
        if (!isRef(response)) collectResponse(response as Node, `${at}/${method}/responses/${status}`, sites)
      }
    }
  }
  return sites
}

// Request bodies are validated as the service validates them (src/contract/schemas.ts: no
// coercion, no defaults, unknown properties rejected); every other example is a value as a
// client sends or receives it, checked as the contract check reads responses, uncoerced.
const valueAjv = createAjv({ strict: false })
const validatorFor = (site: Site) =>
  site.kind === 'request body' ? compileRequestValidator(toSharedRefs(site.schema), 'body') : valueAjv.compile(toSharedRefs(site.schema))

const sites = collectSites()

t.test('every example validates against the schema it illustrates', async (t) => {
  t.same(unreadable, [], 'every example has an inline value')
  const kinds = new Set(sites.map((s) => s.kind))
  for (const kind of ['request body', 'parameter', 'response', 'schema'] as const)
    t.ok(kinds.has(kind), `the document has ${kind} examples`)
  for (const site of sites) {
    const validate = validatorFor(site)
    t.ok(validate(site.value), `${site.where} (${site.kind})${validate.errors ? `: ${valueAjv.errorsText(validate.errors)}` : ''}`)
  }
  // the check can fail: a request body example with one property too many is refused
  const body = sites.find((s) => s.kind === 'request body' && typeof s.value === 'object' && s.value !== null)
  t.ok(body, 'there is an object request body example')
  if (body)
    t.notOk(validatorFor(body)({ ...(body.value as Node), unknownProperty: true }), `${body.where} plus an unknown property is refused`)
})

// ── Swagger UI's "Try it out" ──────────────────────────────────────────────────────────────

type Parameter = OpenApiParameter & { example?: unknown; examples?: Record<string, Node | Ref> }

const firstMedia = (content: Record<string, unknown> | undefined) => Object.entries(content ?? {})[0] as [string, Node] | undefined

/**
 * The value Try it out puts in a parameter's field, as swagger-ui 5 fills it
 * (ParameterRow.setDefaultValue): the selected entry of `examples` (the first unless another
 * is chosen), else `example`, else the schema's `example`, else its `default`. An empty field
 * is not sent.
 */
function tryItOutValue(parameter: Parameter, selected?: string): unknown {
  const schema = deref(parameter.schema ?? {}) as Node
  const examples = entries(parameter.examples)
  const chosen = examples.find(([name]) => name === selected) ?? examples[0]
  const value = chosen ? (deref(chosen[1] as Node | Ref) as Node).value : (parameter.example ?? schema.example ?? schema.default)
  return value
}

/** A query parameter as Swagger UI serializes it: `style: form` lists repeat the name, `deepObject` objects are `name[key]=value`. */
function addToQuery(query: URLSearchParams, parameter: Parameter, value: unknown) {
  if (Array.isArray(value)) for (const item of value) query.append(parameter.name, String(item))
  else if (value && typeof value === 'object' && parameter.style === 'deepObject')
    for (const [key, member] of Object.entries(value)) query.append(`${parameter.name}[${key}]`, String(member))
  else query.set(parameter.name, typeof value === 'string' ? value : JSON.stringify(value))
}

/** One "Execute": a body example (if the operation takes one) and the parameter examples chosen. */
interface TryOut {
  name: string
  body?: { mediaType: string; example: Example }
  selected: Record<string, string>
}

/**
 * Every body example with the parameters as they start out, and every further example of a
 * parameter that has several, with the default body.
 */
function tryOuts(op: BoundOperation): TryOut[] {
  const media = firstMedia(op.requestBody?.content)
  const bodies = media ? examplesOf(media[1], `${op.operationId} ${media[0]}`) : []
  const runs: TryOut[] = bodies.length
    ? bodies.map((example) => ({ name: `body example ${example.name}`, body: { mediaType: media![0], example }, selected: {} }))
    : [{ name: 'as it starts out', selected: {} }]
  for (const parameter of op.parameters as Parameter[]) {
    for (const [name] of entries(parameter.examples).slice(1)) {
      runs.push({ ...runs[0]!, name: `${parameter.name} example ${name}`, selected: { [parameter.name]: name } })
    }
  }
  return runs
}

/**
 * A path parameter Try it out leaves empty names an existing resource: it is created first
 * through the create operation of its collection (`POST /api/users` for `/api/users/{id}`),
 * with that operation's first body example, and the parameter is taken from the 201 body.
 * A resource no operation creates is made the way it comes about (see `arise`).
 */
async function createParent(api: TestApp, op: BoundOperation, path: string, name: string): Promise<string> {
  const collection = path.slice(0, path.indexOf(`/{${name}}`))
  const arising = arise[name]
  if (arising) return arising(api, collection)
  const create = listOperations().find((o) => o.method === 'post' && o.path === collection)
  const media = firstMedia(create?.requestBody?.content)
  const example = media ? examplesOf(media[1], collection)[0] : undefined
  if (!media || !example) throw new Error(`${op.operationId}: no create operation with an example on ${collection} to set up {${name}}`)
  const res = await api.fetch(collection, {
    method: 'POST',
    headers: { 'content-type': media[0] },
    body: JSON.stringify(example.value),
  })
  if (res.status !== 201) throw new Error(`setting up ${op.operationId}: POST ${collection} → ${res.status} ${res.body}`)
  return String(res.json()[name])
}

/** Resources that no operation creates, by path parameter. */
const arise: Record<string, (api: TestApp, collection: string) => Promise<string>> = {
  // a delivery comes from an event: a user is created, and one worker round fans it out
  // to the endpoint (and attempts it: the example's host is not reached from a test)
  async deliveryId(api, collection) {
    const user = await api.fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'delivery@example.com', name: 'Delivery', password: 'correct horse battery' }),
    })
    if (user.status !== 201) throw new Error(`setting up a delivery: POST /api/users → ${user.status}`)
    const worker = createWebhookWorker({
      db: api.db,
      config: api.config.webhooks,
      sender: createSender({ allowPrivate: false, timeoutMs: 5_000, maxResponseBytes: 65_536 }),
      log: { warn: () => {}, error: () => {} },
    })
    await worker.runOnce()
    await worker.stop()
    const list = await api.fetch(collection)
    const id = list.json().data[0]?.id
    if (!id) throw new Error(`setting up a delivery: GET ${collection} → ${list.status} ${list.body}`)
    return String(id)
  },
}

const needsKey = (op: BoundOperation) => op.security.some((requirement) => Object.keys(requirement).length > 0)

t.test('every operation that takes a body has a request example; every 2xx body has one', async (t) => {
  for (const op of listOperations()) {
    const media = firstMedia(op.requestBody?.content)
    if (media) t.ok(examplesOf(media[1], '').length > 0, `${op.operationId}: ${media[0]} request body has an example`)
    for (const [status, response] of Object.entries(op.responses)) {
      if (!/^2/.test(status)) continue
      for (const [mediaType, content] of entries(response.content)) {
        t.ok(examplesOf(content as Node, '').length > 0, `${op.operationId}: ${status} ${mediaType} has an example`)
      }
    }
  }
})

t.test('each request Try it out makes from the examples gets a declared 2xx answer', async (t) => {
  for (const op of listOperations()) {
    for (const run of tryOuts(op)) {
      // each on a fresh service, the state the example is written for: nothing but what it needs
      await t.test(`${op.operationId}: ${run.name}`, async (t) => {
        const api = await build(t)
        const query = new URLSearchParams()
        const headers: Record<string, string> = {}
        let path = op.path
        for (const parameter of op.parameters as Parameter[]) {
          const value = tryItOutValue(parameter, run.selected[parameter.name])
          if (parameter.in === 'path') {
            const filled = (value as string | undefined) ?? (await createParent(api, op, path, parameter.name))
            path = path.replace(`{${parameter.name}}`, encodeURIComponent(filled))
          } else if (value === undefined) continue
          else if (parameter.in === 'query') addToQuery(query, parameter, value)
          else if (parameter.in === 'header') headers[parameter.name] = String(value)
        }
        // what the Swagger UI of /docs sends whatever the operation answers
        headers.accept = '*/*'
        if (run.body) headers['content-type'] = run.body.mediaType
        const url = query.size > 0 ? `${path}?${query}` : path
        const res = await api.fetch(url, {
          method: op.method.toUpperCase(),
          headers,
          ...(run.body ? { body: JSON.stringify(run.body.example.value, null, 2) } : {}),
          // Swagger UI sends the key (once authorized) only to operations that require one
          ...(needsKey(op) ? {} : { as: null }),
        })
        const declared = Object.keys(op.responses).filter((status) => /^2/.test(status))
        t.ok(declared.includes(String(res.status)), `${op.method.toUpperCase()} ${url} → ${res.status}, one of ${declared.join(', ')}`, {
          body: res.body,
          ...(run.body ? { sent: run.body.example.where } : {}),
        })
      })
    }
  }
})
