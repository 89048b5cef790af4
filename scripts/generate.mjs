// Regenerates every file derived from the contract and the data model:
//   generated/openapi.ts      from openapi.yaml (openapi-typescript), committed
//   prisma/<provider>/...     and the Prisma clients, from prisma/models.prisma
// With --check, nothing is written: the command fails when a committed generated file
// differs from what the sources produce (CI runs this so hand edits and drift are caught).
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
import openapiTS, { astToString } from 'openapi-typescript'

const root = new URL('../', import.meta.url)
const check = process.argv.includes('--check')

const target = new URL('generated/openapi.ts', root)
const ast = await openapiTS(new URL('openapi.yaml', root))
const fresh = astToString(ast)

if (check) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== fresh) {
    console.error('generated/openapi.ts is out of date with openapi.yaml: run `npm run generate` and commit the result')
    process.exit(1)
  }
  execFileSync(process.execPath, [new URL('scripts/prisma-generate.mjs', root).pathname, '--check'], { stdio: 'inherit' })
  console.log('generated files are up to date')
} else {
  await mkdir(new URL('generated/', root), { recursive: true })
  await writeFile(target, fresh)
  console.log('wrote generated/openapi.ts')
  execFileSync(process.execPath, [new URL('scripts/prisma-generate.mjs', root).pathname], { stdio: 'inherit' })
}
