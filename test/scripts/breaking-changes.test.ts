import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { parse, stringify } from 'yaml'

// The breaking-change gate, run as the real command on copies of the real openapi.yaml, each
// changed in one way. Targets are looked up in the document by operationId rather than named,
// so that the tests follow the document as it evolves.
const root = fileURLToPath(new URL('../..', import.meta.url))
const script = path.join(root, 'scripts', 'breaking-changes.mjs')
const specText = readFileSync(path.join(root, 'openapi.yaml'), 'utf8')

type Report = {
  base: string
  baseVersion: string | null
  headVersion: string
  breaking: string[]
  compatible: string[]
  problems: string[]
  majorRaised?: boolean
}
type Run = { code: number; stdout: string; stderr: string }

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd, timeout: 30_000, env: { ...process.env, BREAKING_BASE: undefined, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}

const spec = (): any => parse(specText)
const changelog = (...versions: string[]) => `# Changelog\n\n${versions.map((v) => `## [${v}] - 2026-12-02\n\n- a change\n`).join('\n')}`

/** Compares two documents with --base-file (as JSON, which the command parses fastest); the changelog lists both versions. */
async function compare(t: Test, base: any, head: any) {
  const dir = t.testdir({
    'base.json': JSON.stringify(base),
    'openapi.json': JSON.stringify(head),
    'CHANGELOG.md': changelog(base.info.version, head.info.version),
  })
  const result = await run(['--base-file', 'base.json', '--spec', 'openapi.json', '--json'], dir)
  t.equal(result.stderr, '', 'no error output')
  return { code: result.code, report: JSON.parse(result.stdout) as Report }
}

function resolve(doc: any, node: any): any {
  while (node?.$ref)
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce((at: any, key: string) => at[key], doc)
  return node
}

function operation(doc: any, operationId: string) {
  for (const [route, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (op?.operationId === operationId) return { op, where: `${method.toUpperCase()} ${route}` }
    }
  }
  throw new Error(`no operation ${operationId}`)
}

function successResponse(doc: any, operationId: string) {
  const { op, where } = operation(doc, operationId)
  const status = Object.keys(op.responses).find((s) => s.startsWith('2'))!
  const schema = resolve(doc, resolve(doc, op.responses[status]).content['application/json'].schema)
  return { where, status, schema }
}

function requestSchema(doc: any, operationId: string) {
  const { op, where } = operation(doc, operationId)
  return { where, schema: resolve(doc, resolve(doc, op.requestBody).content['application/json'].schema) }
}

const raiseMajor = (version: string) => `${Number(version.split('.')[0]) + 1}.0.0`

t.test('the real document compared with itself has no finding', async (t) => {
  const { code, report } = await compare(t, spec(), spec())
  t.equal(code, 0)
  t.same(report.breaking, [])
  t.same(report.compatible, [])
  t.same(report.problems, [])
})

t.test('a removed response field is rejected', async (t) => {
  const head = spec()
  const { where, status, schema } = successResponse(head, 'getUser')
  const field = schema.required[0]
  delete schema.properties[field]
  schema.required = schema.required.filter((name: string) => name !== field)
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.ok(report.breaking.includes(`${where} ${status} body.${field}: removed`), report.breaking.join('\n'))
  t.match(report.problems, [/breaking change/])
})

t.test('a response field that becomes optional or nullable is rejected', async (t) => {
  const head = spec()
  const { where, status, schema } = successResponse(head, 'getUser')
  const [optional, nullable] = schema.required
  schema.required = schema.required.filter((name: string) => name !== optional)
  const property = resolve(head, schema.properties[nullable])
  property.type = [property.type, 'null'].flat()
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.ok(report.breaking.includes(`${where} ${status} body.${optional}: now optional (it was always present)`), report.breaking.join('\n'))
  t.ok(report.breaking.some((line) => line.startsWith(`${where} ${status} body.${nullable}: became nullable`)))
})

t.test('an added optional response field and an added optional request field are accepted', async (t) => {
  const head = spec()
  const response = successResponse(head, 'getUser')
  response.schema.properties.nickname = { type: 'string', maxLength: 100 }
  const request = requestSchema(head, 'createUser')
  request.schema.properties.nickname = { type: 'string', maxLength: 100 }
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 0)
  t.same(report.breaking, [])
  t.ok(
    report.compatible.includes(`${response.where} ${response.status} body.nickname: new optional property`),
    report.compatible.join('\n'),
  )
  t.ok(report.compatible.includes(`${request.where} body.nickname: new optional property`), report.compatible.join('\n'))
})

t.test('a removed operation is rejected, a new one accepted', async (t) => {
  const head = spec()
  const removed = operation(head, 'deleteUser')
  const route = removed.where.split(' ')[1]!
  delete head.paths[route].delete
  head.paths['/api/users/{id}/disable'] = { post: { ...structuredClone(removed.op), operationId: 'disableUser' } }
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.same(report.breaking, [`${removed.where}: operation removed`])
  t.same(report.compatible, ['POST /api/users/{id}/disable: new operation'])
})

t.test('a removed parameter is rejected', async (t) => {
  const head = spec()
  const { op, where } = operation(head, 'listUsers')
  const param = resolve(head, op.parameters.pop())
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.same(report.breaking, [`${where} ${param.in}.${param.name}: parameter removed`])
})

t.test('a new required request property is rejected', async (t) => {
  const head = spec()
  const { where, schema } = requestSchema(head, 'createUser')
  schema.properties.locale = { type: 'string', maxLength: 35 }
  schema.required.push('locale')
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.same(report.breaking, [`${where} body.locale: new required property`])
})

t.test('a narrowed enum in a request is rejected', async (t) => {
  const head = spec()
  const { op, where } = operation(head, 'listUsers')
  const param = op.parameters.map((p: any) => resolve(head, p)).find((p: any) => Array.isArray(resolve(head, p.schema).enum))
  const values = resolve(head, param.schema).enum
  const dropped = values.pop()
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.ok(
    report.breaking.includes(`${where} ${param.in}.${param.name}: no longer accepts ${JSON.stringify(dropped)}`),
    report.breaking.join('\n'),
  )
})

t.test('a narrowed bound or type in a request is rejected', async (t) => {
  const head = spec()
  const { where, schema } = requestSchema(head, 'createUser')
  const field = Object.keys(schema.properties).find((name) => typeof resolve(head, schema.properties[name]).maxLength === 'number')!
  const property = resolve(head, schema.properties[field])
  const before = property.maxLength
  property.maxLength = before - 1
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.ok(report.breaking.includes(`${where} body.${field}: maxLength lowered: ${before} → ${before - 1}`), report.breaking.join('\n'))
})

t.test('a removed status is rejected', async (t) => {
  const head = spec()
  const { op, where } = operation(head, 'getUser')
  const status = Object.keys(op.responses).find((s) => s.startsWith('4'))!
  delete op.responses[status]
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.same(report.breaking, [`${where} ${status}: response status removed`])
})

t.test('a widened enum in a response is rejected', async (t) => {
  const head = spec()
  const { where, status, schema } = successResponse(head, 'getUser')
  const field = Object.keys(schema.properties).find((name) => Array.isArray(resolve(head, schema.properties[name]).enum))!
  resolve(head, schema.properties[field]).enum.push('archived')
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 1)
  t.ok(report.breaking.includes(`${where} ${status} body.${field}: may now return "archived"`), report.breaking.join('\n'))
})

t.test('a new problem code is compatible; any other change to a problem body still counts', async (t) => {
  // an operation gains a problem type in one of its statuses: a new branch with its own code
  const head = spec()
  const { op, where } = operation(head, 'getUser')
  const notFound = resolve(head, op.responses['404'])
  const schema = notFound.content['application/problem+json'].schema
  const newProblem = structuredClone(resolve(head, schema))
  newProblem.allOf[1].properties.code.const = 'user_archived'
  newProblem.allOf[1].properties.type.const = 'urn:problem:user-management:user_archived'
  head.components.schemas.UserArchivedProblem = newProblem
  head.components.schemas.ProblemCode.enum.push('user_archived')
  op.responses['404'] = {
    ...notFound,
    content: { 'application/problem+json': { schema: { oneOf: [schema, { $ref: '#/components/schemas/UserArchivedProblem' }] } } },
  }
  const added = await compare(t, spec(), head)
  t.equal(added.code, 0, added.report.breaking.join('\n'))
  t.ok(added.report.compatible.some((line) => line.startsWith(`${where} 404 body`) && line.includes('user_archived')))

  // a problem member that was always present becoming optional is still breaking
  const weaker = spec()
  resolve(weaker, weaker.components.schemas.Problem).required = ['type', 'title', 'status', 'code']
  const removed = await compare(t, spec(), weaker)
  t.equal(removed.code, 1)
  t.ok(
    removed.report.breaking.some((line) => line.includes('body.requestId')),
    removed.report.breaking.join('\n'),
  )
})

t.test('an enum marked x-extensible-enum may gain a value in a response', async (t) => {
  const head = spec()
  const { where, status, schema } = successResponse(head, 'getUser')
  const field = Object.keys(schema.properties).find((name) => Array.isArray(resolve(head, schema.properties[name]).enum))!
  const target = resolve(head, schema.properties[field])
  target.enum.push('archived')
  target['x-extensible-enum'] = true
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 0, report.breaking.join('\n'))
  t.ok(report.compatible.some((line) => line.startsWith(`${where} ${status} body.${field}: may now return "archived"`)))
})

t.test('a breaking change is accepted when the major version is raised', async (t) => {
  const head = spec()
  const { schema } = successResponse(head, 'getUser')
  delete schema.properties[schema.required[0]]
  schema.required = schema.required.slice(1)
  head.info.version = raiseMajor(head.info.version)
  const { code, report } = await compare(t, spec(), head)
  t.equal(code, 0)
  t.equal(report.majorRaised, true)
  t.not(report.breaking.length, 0, 'the breaking changes are still listed')
  t.same(report.problems, [])
})

t.test('a version missing from CHANGELOG.md is rejected', async (t) => {
  const head = spec()
  head.info.version = raiseMajor(head.info.version)
  const dir = t.testdir({ 'base.yaml': specText, 'openapi.yaml': stringify(head), 'CHANGELOG.md': changelog(spec().info.version) })
  const result = await run(['--base-file', 'base.yaml'], dir)
  t.equal(result.code, 1)
  t.match(result.stdout, `FAILED: CHANGELOG.md has no entry for ${head.info.version}`)
})

t.test('in a git repository, the base is chosen from the history', async (t) => {
  const dir = t.testdir({ 'openapi.yaml': specText, 'CHANGELOG.md': changelog(spec().info.version) })
  const git = async (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false']
      execFile('git', [...identity, ...args], { cwd: dir, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr)) : resolve(stdout.trim()),
      )
    })
  await git('init', '-q', '-b', 'main')
  await git('add', '.')
  await git('commit', '-q', '-m', 'The first contract')

  const first = await run([], dir)
  t.equal(first.code, 0, 'a document with no earlier version passes')
  t.match(first.stdout, 'Base: none: no earlier version of openapi.yaml')

  const head = spec()
  const { where, status, schema } = successResponse(head, 'getUser')
  const field = schema.required[0]
  delete schema.properties[field]
  schema.required = schema.required.slice(1)
  writeFileSync(path.join(dir, 'openapi.yaml'), stringify(head))
  const uncommitted = await run([], dir)
  t.equal(uncommitted.code, 1, 'an uncommitted change is compared with HEAD')
  t.match(uncommitted.stdout, 'uncommitted changes')
  t.match(uncommitted.stdout, `  ${where} ${status} body.${field}: removed`)

  await git('commit', '-q', '-am', 'Drop a field')
  writeFileSync(path.join(dir, 'README.md'), 'unrelated\n')
  await git('add', 'README.md')
  await git('commit', '-q', '-m', 'Unrelated')
  const committed = await run([], dir)
  t.equal(committed.code, 1, 'a clean checkout compares the last change to the document')
  t.match(committed.stdout, /the version before [0-9a-f]+ "Drop a field", the last commit that changed openapi.yaml/)
  t.match(committed.stdout, /FAILED: \d+ breaking changes? while info.version went/)

  const explicit = await run(['--base', 'HEAD'], dir)
  t.equal(explicit.code, 0, '--base names the base')
  const fromEnv = await run([], dir, { BREAKING_BASE: 'HEAD~1' })
  t.equal(fromEnv.code, 0, 'BREAKING_BASE names the base')

  // a branch ahead of origin/main compares with the merge base, across all of its commits
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD~2')
  await git('checkout', '-q', '-b', 'feature')
  writeFileSync(path.join(dir, 'notes.txt'), 'x\n')
  await git('add', 'notes.txt')
  await git('commit', '-q', '-m', 'More work')
  const branch = await run([], dir)
  t.equal(branch.code, 1)
  t.match(branch.stdout, 'the merge base of HEAD and origin/main')

  const missing = await run(['--base', 'no-such-ref'], dir)
  t.equal(missing.code, 2)
  t.match(missing.stderr, 'no such git revision: no-such-ref')

  // on main, a new version is compared with the last document of the previous one, whichever
  // of its commits made a change: here the field dropped two commits before the new version
  await git('checkout', '-q', 'main')
  await git('update-ref', '-d', 'refs/remotes/origin/main')
  const bumped = stringify({ ...head, info: { ...head.info, version: '9.1.0' } })
  writeFileSync(path.join(dir, 'openapi.yaml'), bumped)
  writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog(spec().info.version, '9.1.0'))
  await git('commit', '-q', '-am', 'Version 9.1.0')
  const released = await run([], dir)
  t.match(released.stdout, new RegExp(`the last commit of version ${spec().info.version.replaceAll('.', '\\.')}`))
  t.equal(released.code, 0, 'the version before it had already dropped the field: nothing new breaks')
})

t.test('the rules beyond what the real document uses today', async (t) => {
  const json = (schema: object) => ({ 'application/json': { schema } })
  const base: any = {
    openapi: '3.1.0',
    info: { title: 'rules', version: '1.0.0' },
    security: [{ key: [] }],
    paths: {
      '/items/{itemId}': {
        parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          parameters: [
            { name: 'session', in: 'cookie', schema: { type: 'string' } },
            { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
            { name: 'X-Trace', in: 'header', content: json({ type: 'object' }) },
          ],
          responses: {
            200: {
              description: 'ok',
              headers: { 'X-Count': { schema: { type: 'integer' } }, 'X-Kind': { required: true, schema: { type: 'string' } } },
              content: json({ $ref: '#/components/schemas/Item' }),
            },
          },
        },
        put: {
          security: [],
          requestBody: { content: { ...json({ $ref: '#/components/schemas/ItemWrite' }), 'text/plain': { schema: { type: 'string' } } } },
          responses: { 204: { description: 'done' } },
        },
        post: { requestBody: { required: true, content: json({ type: 'object' }) }, responses: { 204: { description: 'done' } } },
      },
    },
    components: {
      schemas: {
        Item: {
          type: 'object',
          required: ['id', 'size'],
          properties: {
            id: { type: 'string', readOnly: true },
            size: { type: 'number', multipleOf: 0.5 },
            secret: { type: 'string', writeOnly: true },
            kind: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
            label: { type: 'string', nullable: false },
            note: { type: 'string', format: 'email' },
            parent: { $ref: '#/components/schemas/Item' },
          },
        },
        ItemWrite: {
          type: 'object',
          additionalProperties: false,
          properties: {
            id: { type: 'string', readOnly: true },
            size: { type: 'number', multipleOf: 0.5, minimum: 0 },
            tags: { type: 'array', items: { type: 'string' } },
            mode: { const: 'a' },
            count: { type: 'integer', maximum: 10 },
          },
        },
      },
    },
  }
  const head = structuredClone(base)
  const item = head.paths['/items/{itemId}']
  item.get.parameters[0].schema.minLength = 2
  item.get.parameters[1].style = 'pipeDelimited'
  item.get.parameters[1].schema.uniqueItems = true
  item.get.security = []
  delete item.get.responses[200].headers['X-Count']
  item.get.responses[200].headers['X-Kind'].required = false
  item.get.responses[200].headers['X-New'] = { required: true, schema: { type: 'string' } }
  item.put.requestBody.required = true
  delete item.put.requestBody.content['text/plain']
  item.put.security = [{ key: [] }]
  delete item.post.requestBody
  item.patch = { responses: { 204: { description: 'done' } } }
  const { Item, ItemWrite } = head.components.schemas
  Item.properties.size.multipleOf = 0.25
  Item.properties.kind = { anyOf: [{ type: 'string' }] }
  Item.properties.label = { type: 'string', nullable: true }
  delete Item.properties.note.format
  delete Item.properties.secret
  Item.properties.id.maxLength = 5
  ItemWrite.properties.size.multipleOf = 0.3
  ItemWrite.properties.size.minimum = 1
  ItemWrite.properties.tags.items = { type: 'string', enum: ['x'] }
  ItemWrite.properties.mode = false
  ItemWrite.properties.count = { type: 'number' }
  delete ItemWrite.properties.id

  const { code, report } = await compare(t, base, head)
  t.equal(code, 1)
  const at = (line: string) => `/items/{itemId} ${line}`
  t.same(report.breaking, [
    `GET ${at('cookie.session: minLength added: none → 2')}`,
    `GET ${at('query.tags: serialization changed: style form, explode true → style pipeDelimited, explode false')}`,
    `GET ${at('query.tags: uniqueItems: false → true')}`,
    `GET ${at('200 header.X-Kind: now optional (it was always sent)')}`,
    `GET ${at('200 body.label: became nullable (type string → [string, null])')}`,
    `GET ${at('200 body.note: format changed: email → none')}`,
    `GET ${at('200 body.parent.label: became nullable (type string → [string, null])')}`,
    `GET ${at('200 body.parent.note: format changed: email → none')}`,
    `PUT ${at('security: none → key[]')}`,
    `PUT ${at('body: request body now required')}`,
    `PUT ${at('body[application/json].size: minimum raised: 0 → 1')}`,
    `PUT ${at('body[application/json].size: multipleOf: 0.5 → 0.3')}`,
    `PUT ${at('body[application/json].tags[]: now restricted to "x"')}`,
    `PUT ${at('body[application/json].mode: removed (a client that sends it is refused)')}`,
    `PUT ${at('body[text/plain]: media type text/plain removed')}`,
    `POST ${at('body: request body removed')}`,
  ])
  t.same(report.compatible, [
    `GET ${at('security: key[] → none')}`,
    `GET ${at('200 header.X-Count: removed (it was optional)')}`,
    `GET ${at('200 header.X-New: new header (always sent)')}`,
    `GET ${at('200 body.id: maxLength added: none → 5')}`,
    `GET ${at('200 body.size: multipleOf: 0.5 → 0.25')}`,
    `GET ${at('200 body.kind: alternatives: 2 → 1')}`,
    `GET ${at('200 body.parent.id: maxLength added: none → 5')}`,
    `GET ${at('200 body.parent.size: multipleOf: 0.5 → 0.25')}`,
    `GET ${at('200 body.parent.kind: alternatives: 2 → 1')}`,
    `PUT ${at('body[application/json].count: type widened: integer → number')}`,
    `PUT ${at('body[application/json].count: maximum removed: 10 → none')}`,
    'PATCH /items/{itemId}: new operation',
  ])
})
