// Builds the SDK into dist/ (or another folder): one ES module with openapi-fetch bundled in,
// so the package has no run-time dependencies and works however it is installed (from a
// registry, a tarball, or a folder linked by `npm install <path>/sdk` with nothing installed
// beside it), plus the .d.ts files tsc emits for src/.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const require = createRequire(import.meta.url)
const sdkRoot = fileURLToPath(new URL('../', import.meta.url))

/** Writes the SDK's build into `outDir` (absolute), replacing what was there. */
export async function buildSdk(outDir) {
  rmSync(outDir, { recursive: true, force: true })
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly', '--outDir', outDir],
    { cwd: sdkRoot, encoding: 'utf8' },
  )
  if (tsc.status !== 0) throw new Error(`tsc failed for sdk/:\n${tsc.stdout}${tsc.stderr}`)
  const license = readFileSync(require.resolve('openapi-fetch/LICENSE'), 'utf8').trim()
  await build({
    absWorkingDir: sdkRoot,
    entryPoints: ['src/index.ts'],
    outfile: `${outDir}/index.js`,
    bundle: true,
    format: 'esm',
    // no Node built-ins: the same file runs in Node 20+, browsers and other runtimes
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    banner: {
      js: `/*!\n * Bundles openapi-fetch (https://github.com/openapi-ts/openapi-typescript):\n${license.replace(/^/gm, ' * ')}\n */`,
    },
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSdk(fileURLToPath(new URL('../dist', import.meta.url)))
  console.log('built sdk/dist')
}
