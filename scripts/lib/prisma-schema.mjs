// One place that knows how prisma/models.prisma becomes a schema per database provider.
// Both scripts/prisma-generate.mjs (writes the files) and scripts/migrate.mjs (checks them)
// use it, so the derived files cannot silently drift from the models.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

// Adding a database is one entry here plus its adapter in src/db.
export const providers = ['sqlite', 'postgresql']

export const modelsPath = join(projectRoot, 'prisma', 'models.prisma')

export function schemaPath(provider) {
  return join(projectRoot, 'prisma', provider, 'schema.prisma')
}

export function migrationsDir(provider) {
  return join(projectRoot, 'prisma', provider, 'migrations')
}

export function readModels() {
  return readFileSync(modelsPath, 'utf8')
}

export function deriveSchema(provider, models = readModels()) {
  if (!providers.includes(provider)) throw new Error(`unknown provider ${provider}`)
  // SQLite numbers rows itself only through an INTEGER PRIMARY KEY, which Prisma writes for an
  // Int id and not for a BigInt one; SQLite's INTEGER holds 64 bits either way.
  const modelsFor = provider === 'sqlite' ? models.replace(/\bBigInt(\s+@id\s+@default\(autoincrement\(\)\))/g, 'Int$1') : models
  // No url in the datasource: Prisma 7 takes connections from driver adapters at run time.
  // importFileExtension "js" makes the generated TypeScript import siblings as `./x.js`,
  // which is what `tsc` with module NodeNext requires. compilerBuild "small": the query
  // compiler built for size. The service's hot reads and writes do not go through it, the
  // rest ran as fast with it (a filtered listUsers: 1 771–1 825 against 1 679–1 845 req/s,
  // pairs on a 2-core machine), and the process held 8–10 MiB less (idle 156–161 MiB
  // against 164–171): its wasm, kept in the heap as base64 twice (the module's source and
  // its string), is half the size.
  return `// derived from ../models.prisma by scripts/prisma-generate.mjs — do not edit

datasource db {
  provider = "${provider}"
}

generator client {
  provider            = "prisma-client"
  output              = "../../generated/prisma/${provider}"
  moduleFormat        = "esm"
  runtime             = "nodejs"
  importFileExtension = "js"
  compilerBuild       = "small"
}

${modelsFor.trimEnd()}
`
}
