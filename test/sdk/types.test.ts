// Compile-time guarantees of the SDK, checked by compiling snippets with the TypeScript
// compiler: correct calls compile, and each wrong parameter or body is an error on its own line.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import t from 'tap'
import ts from 'typescript'
import { operationTable } from '../../sdk/src/generated/operations.js'
import { projectRoot } from '../helpers/e2e-server.js'

const sdkEntry = resolve(projectRoot, 'sdk', 'src', 'index.ts')

const header = `import { createClient, isProblem, type User } from '@user-management/sdk'
const client = createClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'key' })
declare const id: string
declare const error: unknown
`

// Calls that compile: the baseline, so that an error below is the marked line's own.
const valid = `${header}
export async function valid(): Promise<User[]> {
  const users: User[] = []
  for await (const user of client.users.list({ status: 'active', sort: '-createdAt', limit: 50, q: 'ada' })) users.push(user)
  const page = await client.users.listPage({ cursor: 'abc', createdAfter: '2026-01-01T00:00:00Z' })
  users.push(...page.data)
  const created = await client.users.create({ email: 'a@example.com', name: 'A', password: 'correct horse', status: 'disabled' }, { idempotencyKey: 'k' })
  const read = await client.users.get(created.user.id, { ifNoneMatch: created.etag })
  if (!read.notModified) users.push(read.user)
  await client.users.replace(id, { email: 'a@example.com', name: 'A' }, { ifMatch: read.etag })
  await client.users.update(id, { status: 'disabled' }, { ifMatch: '"2"', signal: AbortSignal.timeout(1000) })
  await client.users.delete(id, { ifMatch: '*' })
  const key = await client.keys.create({ name: 'k', scopes: ['users:read'], expiresAt: '2030-01-01T00:00:00Z' })
  await client.keys.revoke(key.id)
  const status: 'ok' = (await client.health()).status
  void status
  if (isProblem(error, 'createUser')) {
    switch (error.code) {
      case 'email_taken':
      case 'validation_failed':
        return users
    }
  }
  return users
}
`

// Each entry: one line that must not compile (appended to the header, inside an async function).
const invalid: Array<[string, string]> = [
  ['an unknown status filter', `await client.users.list({ status: 'archived' })`],
  ['a limit that is not a number', `await client.users.listPage({ limit: '10' })`],
  ['an unknown query parameter', `await client.users.listPage({ role: 'admin' })`],
  ['a create without its password', `await client.users.create({ email: 'a@example.com', name: 'A' })`],
  ['a create with an unknown property', `await client.users.create({ email: 'a@example.com', name: 'A', password: 'p', role: 'admin' })`],
  ['a patch with an unknown status', `await client.users.update(id, { status: 'gone' })`],
  ['a patch of a read-only field', `await client.users.update(id, { createdAt: '2026-01-01T00:00:00Z' })`],
  ['a replace without its email', `await client.users.replace(id, { name: 'A' })`],
  ['an option the call does not take', `await client.users.update(id, { name: 'A' }, { ifNoneMatch: '"1"' })`],
  ['an id that is not a string', `await client.users.get(42)`],
  ['a key with an unknown scope', `await client.keys.create({ name: 'k', scopes: ['admin'] })`],
  ['a revoke without the id', `await client.keys.revoke()`],
  ['a client without its baseUrl', `createClient({ apiKey: 'k' })`],
  ['retries that are not a number', `createClient({ baseUrl: 'http://x', retries: 'two' })`],
  ['the user of a 304, unchecked', `void (await client.users.get(id)).user`],
  ['a password read back', `void ((await client.users.get(id)) as { user: User }).user.password`],
  ['an operation the document does not have', `void isProblem(error, 'deleteEverything')`],
  ['a code no operation declares', `if (isProblem(error, 'createUser')) switch (error.code) { case 'no_such_code': break }`],
]

// Codes are declared per operation: a code another operation has (and createUser does not) is
// an error in a switch on createUser's codes too.
const createUserCodes = new Set<string>(Object.values(operationTable.createUser.problems).flatMap((codes) => (codes === null ? [] : codes)))
const foreignCode = [...new Set(Object.values(operationTable).flatMap(({ problems }) => Object.values(problems).flat()))].find(
  (code) => typeof code === 'string' && !createUserCodes.has(code),
)
if (!foreignCode) throw new Error('every operation declares only createUser codes: the per-operation check has nothing to try')
invalid.push([
  `a code of another operation (${foreignCode})`,
  `if (isProblem(error, 'createUser')) switch (error.code) { case '${foreignCode}': break }`,
])

t.test('the SDK types reject wrong calls and accept right ones', async (t) => {
  const dir = t.testdir()
  const files: Array<{ name: string; path: string; errorLine?: number }> = []
  const write = (name: string, text: string, errorLine?: number) => {
    const path = join(dir, `${files.length}.ts`)
    writeFileSync(path, text)
    files.push({ name, path, ...(errorLine === undefined ? {} : { errorLine }) })
  }
  write('calls that are right', valid)
  for (const [name, line] of invalid) {
    const text = `${header}export async function wrong() {\n${line}\n}\n`
    write(name, text, text.split('\n').indexOf(line))
  }
  const program = ts.createProgram(
    files.map((file) => file.path),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      skipLibCheck: true,
      paths: { '@user-management/sdk': [sdkEntry] },
      allowImportingTsExtensions: true,
    },
  )
  for (const file of files) {
    const source = program.getSourceFile(file.path)!
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
    const lines = diagnostics.map((d) => (d.start === undefined ? -1 : source.getLineAndCharacterOfPosition(d.start).line))
    const messages = diagnostics.map((d, i) => `line ${lines[i]}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    if (file.errorLine === undefined) {
      t.same(messages, [], `${file.name}: compiles`)
    } else {
      t.ok(lines.includes(file.errorLine), `${file.name}: a compile error on its line`)
      t.same(
        messages.filter((_, i) => lines[i] !== file.errorLine),
        [],
        `${file.name}: and nowhere else`,
      )
    }
  }
})
