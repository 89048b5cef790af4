// Derives prisma/<provider>/schema.prisma from prisma/models.prisma and generates a Prisma
// client for each provider into generated/prisma/<provider>. Runs on `npm install`
// (postinstall), so it must work offline apart from the npm registry.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deriveSchema, projectRoot, providers, schemaPath } from './lib/prisma-schema.mjs'

export { deriveSchema }

const require = createRequire(import.meta.url)

export function writeDerivedSchemas() {
  for (const provider of providers) {
    const file = schemaPath(provider)
    const text = deriveSchema(provider)
    let current = null
    try {
      current = readFileSync(file, 'utf8')
    } catch {}
    // Rewriting an unchanged file would still bump its mtime and confuse watchers.
    if (current !== text) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
    }
  }
}

export function generateClients() {
  const cli = require.resolve('prisma/build/index.js')
  for (const provider of providers) {
    const result = spawnSync(process.execPath, [cli, 'generate', '--schema', relative(projectRoot, schemaPath(provider))], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        // The CLI wants a schema engine before it generates anything and would download a
        // native one otherwise; generate never runs it, an existing file is enough.
        PRISMA_SCHEMA_ENGINE_BINARY: join(projectRoot, 'scripts', 'lib', 'no-schema-engine.mjs'),
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    })
    if (result.status !== 0) {
      throw new Error(`prisma generate failed for ${provider} (exit ${result.status ?? result.signal})`)
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeDerivedSchemas()
  generateClients()
}
