// The SDK as an integrator gets it: `npm install <repo>/sdk` in a new project outside the
// repository, a TypeScript consumer compiled by tsc against the installed types, and its
// JavaScript run by Node against a real server.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { uuidv7 } from 'uuidv7'
import { build, listening, MASTER_KEY } from '../helpers/app.js'
import { projectRoot } from '../helpers/e2e-server.js'

const run = promisify(execFile)
const sdkDir = join(projectRoot, 'sdk')
const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc')
const STEP_TIMEOUT_MS = 60_000

const consumer = `import { createClient, isProblem, type User } from '@user-management/sdk'

const [baseUrl, apiKey, tag] = (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2) as [string, string, string]
const client = createClient({ baseUrl, apiKey })

const listed: User[] = []
for await (const user of client.users.list({ q: tag, status: 'active' })) listed.push(user)

const ada = await client.users.create({ email: tag + '-ada@example.com', name: 'Ada', password: 'correct horse battery' })
let duplicate: unknown
try {
  await client.users.create({ email: tag + '-ADA@example.com', name: 'Ada again', password: 'correct horse battery' })
} catch (error) {
  if (isProblem(error, 'createUser') && error.code === 'email_taken') {
    duplicate = { code: error.code, status: error.status, existingUserId: (error.problem as Record<string, unknown>).existingUserId }
  } else throw error
}

const updated = await client.users.update(ada.user.id, { name: 'Augusta' }, { ifMatch: ada.etag })
let stale: unknown
try {
  await client.users.update(ada.user.id, { name: 'Lost' }, { ifMatch: ada.etag })
} catch (error) {
  if (isProblem(error, 'updateUser') && error.code === 'precondition_failed') {
    stale = { code: error.code, etag: error.headers.get('etag'), currentEtag: (error.problem as Record<string, unknown>).currentEtag }
  } else throw error
}

console.log(JSON.stringify({ listed: listed.length, unique: new Set(listed.map((u) => u.id)).size, ada: ada.user.id, currentEtag: updated.etag, duplicate, stale }))
`

t.test('npm install <repo>/sdk in a project outside the repository: typed, importable, working', async (t) => {
  const project = await mkdtemp(join(tmpdir(), 'sdk-consumer-'))
  t.teardown(() => rm(project, { recursive: true, force: true }))
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'sdk-consumer', version: '1.0.0', private: true, type: 'module' }))
  // a folder install needs nothing from the registry: the SDK has no run-time dependencies
  await run('npm', ['install', sdkDir, '--offline', '--no-audit', '--no-fund'], { cwd: project, timeout: STEP_TIMEOUT_MS })
  const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'))
  t.match(manifest.dependencies['@user-management/sdk'], /^file:/, 'installed as a dependency of the project')

  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM'],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        outDir: 'out',
      },
      include: ['main.ts'],
    }),
  )
  await writeFile(join(project, 'main.ts'), consumer)
  const compiled = await run(process.execPath, [tsc, '-p', project], { cwd: project, timeout: STEP_TIMEOUT_MS }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }),
  )
  t.notOk('failed' in compiled, 'tsc compiles the consumer against the installed types (strict, exactOptionalPropertyTypes)', {
    output: compiled.stdout,
  })

  const api = await build(t)
  const baseUrl = await listening(api.app)
  // a 250-user table, written straight into the database (hashing 250 passwords through the
  // API is what the end-to-end suite does; here the installed package is what is tested)
  const tag = `consumer-${uuidv7().slice(-8)}`
  const start = Date.now()
  await api.db.prisma.user.createMany({
    data: Array.from({ length: 250 }, (_, i) => ({
      id: uuidv7(),
      email: `${tag}-${i}@example.com`,
      name: `Consumer ${i}`,
      passwordHash: 'not-a-real-hash',
      createdAt: new Date(start + i),
      updatedAt: new Date(start + i),
    })),
  })

  const { stdout } = await run(process.execPath, [join(project, 'out', 'main.js'), baseUrl, MASTER_KEY, tag], {
    cwd: project,
    timeout: STEP_TIMEOUT_MS,
  })
  const result = JSON.parse(stdout)
  t.equal(result.listed, 250, 'iterating all users of the 250-user table yields 250')
  t.equal(result.unique, 250, 'each once')
  t.equal(result.duplicate?.code, 'email_taken', 'a duplicate email is a ProblemError email_taken')
  t.equal(result.duplicate?.status, 409)
  t.equal(result.duplicate?.existingUserId, result.ada, 'with existingUserId')
  t.equal(result.stale?.code, 'precondition_failed', 'a stale ifMatch is a ProblemError precondition_failed')
  t.equal(result.stale?.etag, result.currentEtag, 'with the current ETag')
  t.equal(result.stale?.currentEtag, result.currentEtag, 'and currentEtag')
})

t.test('the package ships its build, types and README, and nothing else', async (t) => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: sdkDir, timeout: STEP_TIMEOUT_MS })
  const [packed] = JSON.parse(stdout) as Array<{ name: string; version: string; files: Array<{ path: string }> }>
  const files = packed!.files.map((file) => file.path).sort()
  t.equal(packed!.name, '@user-management/sdk')
  for (const expected of ['README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/generated/openapi.d.ts']) {
    t.ok(files.includes(expected), `ships ${expected}`)
  }
  t.same(
    files.filter((file) => !file.startsWith('dist/') && !['README.md', 'package.json'].includes(file)),
    [],
    'no sources, scripts or configuration',
  )
  const manifest = JSON.parse(await readFile(join(sdkDir, 'package.json'), 'utf8'))
  t.same(manifest.dependencies ?? {}, {}, 'no run-time dependencies')
})
