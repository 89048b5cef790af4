// Every ```ts example of sdk/README.md is true: it compiles against the SDK's types (strict,
// exactOptionalPropertyTypes), and it runs, as its own ES module importing the built package,
// against a fresh server.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import ts from 'typescript'
import { build, listening, MASTER_KEY } from '../helpers/app.js'
import { projectRoot } from '../helpers/e2e-server.js'

const run = promisify(execFile)
const RUN_TIMEOUT_MS = 30_000
const PACKAGE = '@user-management/sdk'

// Examples that import nothing use the client the first one creates.
const prelude = `import { createClient } from '${PACKAGE}'
const client = createClient({ baseUrl: process.env.USERS_API_URL ?? 'http://127.0.0.1:3000', apiKey: process.env.USERS_API_KEY })
`

const examples = [...readFileSync(join(projectRoot, 'sdk', 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
  (match) => `${match[1]!.startsWith('import ') ? '' : prelude}${match[1]!}\nexport {}\n`,
)

t.test('sdk/README.md: every example compiles and runs', async (t) => {
  t.ok(examples.length >= 8, `the README has its examples (${examples.length})`)
  const dir = t.testdir()
  const files = examples.map((text, i) => {
    const path = join(dir, `example-${i + 1}.ts`)
    writeFileSync(path, text)
    return path
  })

  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    paths: { [PACKAGE]: [resolve(projectRoot, 'sdk', 'src', 'index.ts')] },
  })
  files.forEach((path, i) => {
    const source = program.getSourceFile(path)!
    const messages = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    )
    t.same(messages, [], `example ${i + 1} compiles`)
  })

  const { app } = await build(t)
  const baseUrl = await listening(app)
  const env = {
    ...process.env,
    USERS_API_URL: baseUrl,
    USERS_API_KEY: MASTER_KEY,
  }
  const bundle = pathToFileURL(join(projectRoot, 'sdk', 'dist', 'index.js')).href
  for (const [i, text] of examples.entries()) {
    const { outputText } = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } })
    const script = join(dir, `example-${i + 1}.mjs`)
    writeFileSync(script, outputText.replaceAll(`'${PACKAGE}'`, JSON.stringify(bundle)))
    const outcome = await run(process.execPath, [script], { env, timeout: RUN_TIMEOUT_MS }).then(
      () => ({ failed: false, stderr: '' }),
      (error: { stderr?: string; message: string }) => ({ failed: true, stderr: error.stderr || error.message }),
    )
    t.notOk(outcome.failed, `example ${i + 1} runs against the server`, { stderr: outcome.stderr })
  }
})
