// @hey-api/openapi-ts generates a client from openapi.yaml with no warning; the client compiles
// under a strict integrator's tsconfig and drives create → list → get → patch → delete → 404
// against the real app over HTTP. Each step runs as a child process, as an integrator's CI would.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import t from 'tap'
import { parse, stringify } from 'yaml'
import { contractViolations } from '../../src/contract/check.js'
import { build, listening } from '../helpers/app.js'
import { uninstrumented } from '../helpers/child-env.js'
import { projectRoot } from '../helpers/e2e-server.js'

const require = createRequire(import.meta.url)
const generatorCli = join(projectRoot, 'node_modules', '@hey-api', 'openapi-ts', 'bin', 'run.js')
const tscCli = require.resolve('typescript/bin/tsc')
const documentPath = join(projectRoot, 'openapi.yaml')

const GENERATE_TIMEOUT_MS = 60_000
const COMPILE_TIMEOUT_MS = 90_000
const PROGRAM_TIMEOUT_MS = 30_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node args…` in `cwd` until it exits (killed after `timeoutMs`); never rejects. */
function runNode(args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  // the child's own warnings are what is under test: nothing may silence or colour them
  const env = uninstrumented({ ...process.env, HEYAPI_DISABLE_WARNINGS: undefined, NO_COLOR: '1', FORCE_COLOR: '0' })
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        const killed = error?.killed ? `\n(killed after ${timeoutMs} ms)` : ''
        resolve({ code, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) + killed })
      },
    )
  })
}

// The integrator's tsconfig: strict, with unchecked index access flagged, ES modules for Node.
// The fetch client needs the DOM library (it names BodyInit). skipLibCheck skips only .d.ts
// files (Node's and the DOM's, half the compile time); the generated .ts files are checked in full.
const integratorTsconfig = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    rootDir: '.',
    outDir: 'dist',
  },
  include: ['client', 'program.ts'],
}

/**
 * The generator configuration: the fetch client (bundled into the output in this version, so the
 * generated code needs no runtime package), types and SDK functions, with the generator's own
 * document validation on.
 */
function generatorConfig(input: string, dir: string) {
  return {
    input,
    output: { path: join(dir, 'client'), tsConfigPath: join(dir, 'tsconfig.json') },
    parser: { validate_EXPERIMENTAL: 'strict' },
    plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
  }
}

// Everything the generator prints on a clean run; any other line (a warning, a validation
// issue, an error) is reported.
const progressLines = [
  /^@hey-api\/openapi-ts v\d+\.\d+\.\d+$/,
  /^\[Job \d+\] ⏳ Generating from 1 input:$/,
  /^\[Job \d+\] \[1\] \S+$/,
  /^\[Job \d+\] ✅ Done! Your output is in \S+$/,
]

async function generate(input: string, dir: string): Promise<Run & { unexpected: string[] }> {
  const configPath = join(dir, 'openapi-ts.config.mjs')
  writeFileSync(configPath, `export default ${JSON.stringify(generatorConfig(input, dir), null, 2)}\n`)
  const run = await runNode([generatorCli, '--file', configPath], dir, GENERATE_TIMEOUT_MS)
  const unexpected = [
    ...run.stdout
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '' && !progressLines.some((pattern) => pattern.test(line))),
    ...run.stderr.split('\n').filter((line) => line.trim() !== ''),
  ]
  return { ...run, unexpected }
}

// The integrator's program. Its types are what the generator produced: a wrong or loose type
// (a missing field, a status that is not a union of the document's values, an untyped error)
// fails the strict compile rather than the run.
const program = `
import { client } from './client/client.gen.js'
import { createUser, deleteUser, getUser, listUsers, updateUser, type User, type UserStatus } from './client/index.js'

const [baseUrl, apiKey, email] = process.argv.slice(2)
if (!baseUrl || !apiKey || !email) throw new Error('usage: program <baseUrl> <apiKey> <email>')
client.setConfig({ baseUrl, auth: apiKey })

// every response the client received, for the contract check of the test that runs this
const exchanges: Array<{ method: string; url: string; status: number; headers: Record<string, string>; body: string }> = []
client.interceptors.response.use(async (response, request) => {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  exchanges.push({ method: request.method, url: request.url, status: response.status, headers, body: await response.clone().text() })
  return response
})

function unexpected(step: string, outcome: { error?: unknown; response: Response }): never {
  throw new Error(\`\${step}: HTTP \${outcome.response.status} \${JSON.stringify(outcome.error)}\`)
}

const created = await createUser({
  body: { email: \`  \${email.toUpperCase()} \`, name: 'Ada Lovelace', password: 'correct horse battery staple' },
})
if (!created.data) unexpected('createUser', created)
const user: User = created.data
const status: UserStatus = user.status

const listed = await listUsers({ query: { email: user.email, limit: 10 } })
if (!listed.data) unexpected('listUsers', listed)
const nextCursor: string | null = listed.data.nextCursor

const got = await getUser({ path: { id: user.id } })
if (!got.data) unexpected('getUser', got)
const etag = got.response.headers.get('etag')
if (etag === null) throw new Error('getUser: no ETag')

const patched = await updateUser({
  path: { id: user.id },
  headers: { 'If-Match': etag },
  body: { name: 'Augusta Ada King', status: 'disabled' },
})
if (!patched.data) unexpected('updateUser', patched)

const deleted = await deleteUser({ path: { id: user.id }, headers: { 'If-Match': patched.response.headers.get('etag') ?? '' } })
if (deleted.error !== undefined) unexpected('deleteUser', deleted)

const missing = await getUser({ path: { id: user.id } })
if (missing.error === undefined) unexpected('getUser after deleteUser', missing)
const code: string = missing.error.code

console.log(JSON.stringify({
  created: { status: created.response.status, user, userStatus: status },
  listed: { status: listed.response.status, ids: listed.data.data.map((each) => each.id), nextCursor },
  got: { status: got.response.status, etag, user: got.data },
  patched: { status: patched.response.status, etag: patched.response.headers.get('etag'), user: patched.data },
  deleted: { status: deleted.response.status },
  missing: { status: missing.response.status, code },
  exchanges,
}))
`

t.test('the generated client compiles under --strict and runs every user operation it covers against the real app', async (t) => {
  const dir = t.testdir({
    'package.json': JSON.stringify({ type: 'module', private: true }),
    'tsconfig.json': JSON.stringify(integratorTsconfig, null, 2),
    'program.ts': program,
    server: {},
  })

  let started = Date.now()
  const generated = await generate(documentPath, dir)
  t.equal(generated.code, 0, `the generator exits 0 (${Date.now() - started} ms)`)
  t.same(generated.unexpected, [], 'the generator prints no warning or error, only its progress')
  if (generated.code !== 0) return t.fail(`generator output:\n${generated.stdout}\n${generated.stderr}`)

  started = Date.now()
  const compiled = await runNode([tscCli, '--project', join(dir, 'tsconfig.json'), '--pretty', 'false'], dir, COMPILE_TIMEOUT_MS)
  t.equal(compiled.code, 0, `tsc --strict --noUncheckedIndexedAccess compiles the client and the program (${Date.now() - started} ms)`)
  if (compiled.code !== 0) return t.fail(`tsc output:\n${compiled.stdout}${compiled.stderr}`)

  const api = await build(t, {}, join(dir, 'server'))
  const baseUrl = await listening(api.app)
  const email = 'ada.sdk@example.com'
  started = Date.now()
  const ran = await runNode([join(dir, 'dist', 'program.js'), baseUrl, api.config.masterKey, email], dir, PROGRAM_TIMEOUT_MS)
  t.equal(ran.code, 0, `the program runs to the end (${Date.now() - started} ms)`)
  if (ran.code !== 0) return t.fail(`program output:\n${ran.stdout}${ran.stderr}`)

  const outcome = JSON.parse(ran.stdout)
  t.equal(outcome.created.status, 201, 'createUser → 201')
  t.match(outcome.created.user, { email, name: 'Ada Lovelace', status: 'active' }, 'the created user, its email trimmed and lower-cased')
  t.equal(outcome.listed.status, 200, 'listUsers → 200')
  t.same(outcome.listed.ids, [outcome.created.user.id], 'the email filter finds exactly that user')
  t.equal(outcome.listed.nextCursor, null, 'on a single page')
  t.equal(outcome.got.status, 200, 'getUser → 200')
  t.same(outcome.got.user, outcome.created.user, 'getUser returns the created user')
  t.equal(outcome.patched.status, 200, 'updateUser (a merge patch with If-Match) → 200')
  t.match(
    outcome.patched.user,
    { id: outcome.created.user.id, name: 'Augusta Ada King', status: 'disabled', email },
    'only the patched fields changed',
  )
  t.not(outcome.patched.etag, outcome.got.etag, 'the ETag changed with the user')
  t.equal(outcome.deleted.status, 204, 'deleteUser → 204')
  t.equal(outcome.missing.status, 404, 'getUser after deleteUser → 404')
  t.equal(outcome.missing.code, 'not_found', 'with the problem code not_found, typed as the document declares')

  t.equal(outcome.exchanges.length, 6, 'the client made six requests')
  for (const exchange of outcome.exchanges) {
    const { pathname, search } = new URL(exchange.url)
    t.same(
      contractViolations(exchange.method, pathname + search, {
        statusCode: exchange.status,
        headers: exchange.headers,
        body: exchange.body,
      }),
      [],
      `${exchange.method} ${pathname} → ${exchange.status} (as the generated client received it) conforms to openapi.yaml`,
    )
  }
  const gone = await api.request({ method: 'GET', url: `/api/users/${outcome.created.user.id}` })
  t.equal(gone.statusCode, 404, 'the server agrees the user is gone')
})

t.test('the output check catches a generator warning', async (t) => {
  // an HTTP auth scheme the SDK plugin does not support makes it warn; the same check must see it
  const dir = t.testdir({ 'tsconfig.json': JSON.stringify(integratorTsconfig) })
  const document = parse(readFileSync(documentPath, 'utf8'))
  document.components.securitySchemes.bearerAuth.scheme = 'digest'
  const input = join(dir, 'openapi.yaml')
  writeFileSync(input, stringify(document))
  const generated = await generate(input, dir)
  t.equal(generated.code, 0, 'the generator still exits 0: only the output shows the warning')
  t.match(generated.unexpected.join('\n'), /warning/i, 'the warning is reported as unexpected output')
  t.comment(`what the generator printed beyond its progress (first lines):\n${generated.unexpected.slice(0, 6).join('\n')}`)
})
