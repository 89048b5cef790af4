// Regenerates every file derived from the contract and the data model:
//   generated/openapi.ts               from openapi.yaml (openapi-typescript), committed
//   prisma/<provider>/schema.prisma    from prisma/models.prisma, committed
//   generated/prisma/<provider>/       the Prisma clients, built here and on npm install
// With --check nothing is written: the command fails when a committed generated file
// differs from what its source produces (CI runs it, so hand edits and drift are caught).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'
import { deriveSchema, providers, schemaPath } from './lib/prisma-schema.mjs'
import { generateClients, writeDerivedSchemas } from './prisma-generate.mjs'

const root = new URL('../', import.meta.url)
const check = process.argv.includes('--check')

const openapiTarget = new URL('generated/openapi.ts', root)
const expected = [
  [openapiTarget.pathname, astToString(await openapiTS(new URL('openapi.yaml', root)))],
  ...providers.map((provider) => [schemaPath(provider), deriveSchema(provider)]),
]

if (check) {
  const stale = expected.filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text
    } catch {
      return true
    }
  })
  for (const [file] of stale) console.error(`out of date: ${file.replace(root.pathname, '')}`)
  if (stale.length > 0) {
    console.error('run `npm run generate` and commit the result')
    process.exit(1)
  }
  console.log('generated files are up to date')
} else {
  mkdirSync(new URL('generated/', root), { recursive: true })
  writeFileSync(openapiTarget, expected[0][1])
  console.log('wrote generated/openapi.ts')
  writeDerivedSchemas()
  generateClients()
}
