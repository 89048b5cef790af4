// Regenerates every file derived from the contract and the data model:
//   generated/openapi.ts               from openapi.yaml (openapi-typescript), committed
//   sdk/src/generated/openapi.ts       the same types, inside the SDK package, committed
//   sdk/src/generated/operations.ts    what the SDK needs at run time from openapi.yaml, committed
//   sdk/package.json "version"         openapi.yaml's info.version
//   sdk/dist/                          the SDK's build (sdk/scripts/build.mjs), committed so that
//                                      `npm install <path>/sdk` works on a bare checkout
//   prisma/<provider>/schema.prisma    from prisma/models.prisma, committed
//   generated/prisma/<provider>/       the Prisma clients, built here and on npm install
// With --check nothing is written: the command fails when a committed generated file
// differs from what its source produces (CI runs it, so hand edits and drift are caught).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { parse } from 'yaml'
import { deriveSchema, providers, schemaPath } from './lib/prisma-schema.mjs'
import { generateClients, writeDerivedSchemas } from './prisma-generate.mjs'
import { buildSdk } from '../sdk/scripts/build.mjs'

const root = new URL('../', import.meta.url)
const rootPath = fileURLToPath(root)
const at = (relativePath) => fileURLToPath(new URL(relativePath, root))
const check = process.argv.includes('--check')

const specUrl = new URL('openapi.yaml', root)
const document = parse(readFileSync(specUrl, 'utf8'))
const types = astToString(await openapiTS(specUrl))

function deref(node) {
  let value = node
  while (value && typeof value === 'object' && typeof value.$ref === 'string') {
    value = value.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at, segment) => at?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')], document)
    if (value === undefined) throw new Error(`openapi.yaml: unresolved reference ${node.$ref}`)
  }
  return value
}

const intersect = (a, b) => (a === null ? b : b === null ? a : a.filter((code) => b.includes(code)))

// The problem codes a schema allows (`const`, `enum`, through refs, oneOf/anyOf and allOf);
// null when it does not restrict `code`.
function codesOf(schemaOrRef) {
  const schema = deref(schemaOrRef)
  if (!schema || typeof schema !== 'object') return null
  let codes = null
  for (const keyword of ['oneOf', 'anyOf']) {
    if (!schema[keyword]) continue
    const members = schema[keyword].map(codesOf)
    codes = intersect(codes, members.includes(null) ? null : [...new Set(members.flat())])
  }
  for (const member of schema.allOf ?? []) codes = intersect(codes, codesOf(member))
  if (schema.properties?.code) codes = intersect(codes, valuesOf(schema.properties.code))
  return codes
}

function valuesOf(schemaOrRef) {
  const schema = deref(schemaOrRef)
  if ('const' in schema) return [schema.const]
  if (Array.isArray(schema.enum)) return schema.enum
  let values = null
  for (const member of schema.allOf ?? []) values = intersect(values, valuesOf(member))
  return values
}

// Per operation: whether it takes an API key, and each declared error status with the
// problem codes it may carry (null: any code). The SDK turns exactly these into a
// ProblemError; anything else a server (or a proxy) answers is an UnexpectedResponseError.
function sdkOperations() {
  const table = {}
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']) {
      const operation = item[method]
      if (!operation) continue
      const security = operation.security ?? document.security ?? []
      const problems = {}
      for (const [status, responseOrRef] of Object.entries(operation.responses)) {
        if (/^[23]/.test(status)) continue
        const media = deref(responseOrRef).content?.['application/problem+json']
        problems[status] = media ? codesOf(media.schema) : null
      }
      table[operation.operationId] = { authenticated: security.some((requirement) => Object.keys(requirement).length > 0), problems }
    }
  }
  return table
}

// Operations share their lists of codes (a status declared through one shared response):
// each distinct list is written once.
function sdkRuntimeModule() {
  const table = sdkOperations()
  const lists = [
    ...new Set(Object.values(table).flatMap(({ problems }) => Object.values(problems).map((codes) => JSON.stringify(codes)))),
  ].filter((list) => list !== 'null')
  const ref = (codes) => (codes === null ? 'null' : `codes${lists.indexOf(JSON.stringify(codes))}`)
  const operations = Object.entries(table).map(([id, { authenticated, problems }]) => {
    const statuses = Object.entries(problems).map(([status, codes]) => `${status}: ${ref(codes)}`)
    return `  ${id}: { authenticated: ${authenticated}, problems: { ${statuses.join(', ')} } },`
  })
  return `// Generated from openapi.yaml by scripts/generate.mjs; do not edit.

/** The version of the API document this SDK was generated from (its info.version). */
export const apiVersion = ${JSON.stringify(document.info.version)}

${lists.map((list, index) => `const codes${index} = ${list} as const`).join('\n')}

/** Per operation: whether it needs an API key, and each declared error status with its problem codes (null: any). */
export const operationTable = {
${operations.join('\n')}
} as const
`
}
const sdkRuntime = sdkRuntimeModule()

const sdkManifestPath = at('sdk/package.json')
// only the version line changes, so the manifest keeps the formatting Biome gives it
const sdkManifest = readFileSync(sdkManifestPath, 'utf8').replace(
  /^(\s*"version":\s*)"[^"]*"/m,
  (_, prefix) => `${prefix}${JSON.stringify(document.info.version)}`,
)

// written here (the derived Prisma schemas are written by writeDerivedSchemas())
const written = [
  [at('generated/openapi.ts'), types],
  [at('sdk/src/generated/openapi.ts'), types],
  [at('sdk/src/generated/operations.ts'), sdkRuntime],
  [sdkManifestPath, sdkManifest],
]
const sdkDist = at('sdk/dist')

/** Every file under `dir`, as relative path → content. */
function readTree(dir) {
  const files = new Map()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(relative(dir, path), readFileSync(path, 'utf8'))
  }
  return files
}

if (check) {
  const derivedSchemas = providers.map((provider) => [schemaPath(provider), deriveSchema(provider)])
  const stale = [...written, ...derivedSchemas].filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text
    } catch {
      return true
    }
  })
  const scratch = mkdtempSync(join(tmpdir(), 'sdk-dist-'))
  try {
    await buildSdk(scratch)
    const built = readTree(scratch)
    let committed = new Map()
    try {
      committed = readTree(sdkDist)
    } catch {}
    for (const name of new Set([...built.keys(), ...committed.keys()])) {
      if (built.get(name) !== committed.get(name)) stale.push([join(sdkDist, name)])
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  for (const [file] of stale) console.error(`out of date: ${relative(rootPath, file)}`)
  if (stale.length > 0) {
    console.error('run `npm run generate` and commit the result')
    process.exit(1)
  }
  console.log('generated files are up to date')
} else {
  for (const [file, text] of written) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
    console.log(`wrote ${relative(rootPath, file)}`)
  }
  await buildSdk(sdkDist)
  console.log('built sdk/dist')
  writeDerivedSchemas()
  generateClients()
}
