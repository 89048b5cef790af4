// The Prisma schema engine as WebAssembly: native engines cannot be downloaded on the
// machines this project runs on. Everything that needs the engine (migrate() at start-up,
// scripts/migrate.mjs) goes through withSchemaEngine().
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { override } from './adapters.js'
import type { Provider } from './url.js'

export type SchemaEngine = bg.SchemaEngine
export type MigrationList = bg.MigrationList

export const NO_FILTERS: bg.SchemaFilter = { externalTables: [], externalEnums: [] }

const require = createRequire(import.meta.url)

// The project's lib (ES2023, no DOM) does not declare the WebAssembly global; Node has it.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>
  RuntimeError: new (message?: string) => Error
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
let wasmReady: Promise<void> | undefined
let panicMessage = ''

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // Without this registry a Rust panic aborts with a bare "unreachable" and no message.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      get: () => panicMessage,
      set_message: (message: string) => {
        panicMessage = message
      },
    }
    // The package's main entry imports the .wasm file as a module, which Node cannot do;
    // instantiate the binary by hand and hand it to the JS glue instead.
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm')
    const { instance } = await Wasm.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bg,
    })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
  })()
  return wasmReady
}

export interface SchemaEngineOptions {
  schema: string
  adapterFactory: SqlMigrationAwareDriverAdapterFactory
  log?: (msg: string) => void
}

// Opens an engine on the schema text, runs fn, and always releases the engine and every
// connection it opened (the engine itself does not close them).
export async function withSchemaEngine<T>(options: SchemaEngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm()
  const opened: SqlDriverAdapter[] = []
  const track = (connect: () => Promise<SqlDriverAdapter>) => async () => {
    const adapter = await connect()
    let disposed: Promise<void> | undefined
    const tracked = override(adapter, { dispose: () => (disposed ??= adapter.dispose()) })
    opened.push(tracked)
    return tracked
  }
  const factory = options.adapterFactory
  const bound = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: track(() => factory.connect()),
    connectToShadowDb: track(() => factory.connectToShadowDb()),
  })
  const onLog = (line: string) => options.log?.(line)
  let engine: SchemaEngine | undefined
  try {
    engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', options.schema]] }, onLog, bound)
    return await fn(engine)
  } catch (error) {
    throw explain(error, bound.errorRegistry)
  } finally {
    engine?.free()
    await Promise.allSettled(opened.map(async (a) => await a.dispose()))
  }
}

// Errors raised inside an adapter reach us as "External error id#N"; the real error is kept
// in the bound factory's registry.
function explain(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): unknown {
  if (error instanceof Wasm.RuntimeError) {
    // A panic leaves the instance unusable; the next engine gets a fresh one.
    wasmReady = undefined
    return new Error(`Prisma schema engine panicked: ${panicMessage || error.message}`, { cause: error })
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error)
  const id = /External error id#(\d+)/.exec(message)?.[1]
  const record = id === undefined ? undefined : registry.consumeError(Number(id))
  if (record !== undefined) {
    const inner = record.error as { message?: string; originalMessage?: string; cause?: { originalMessage?: string } }
    const detail = inner?.cause?.originalMessage ?? inner?.originalMessage ?? inner?.message ?? JSON.stringify(inner)
    return new Error(`${message.replace(/External error id#\d+/, detail)}`, { cause: record.error })
  }
  return error instanceof Error ? error : new Error(message)
}

// The project root holds package.json and prisma/. This module runs both from src/db (tsx,
// tests) and from dist/src/db (compiled; dist/ has no package.json), so walk up.
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no project root (package.json + prisma/) above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

export function providerDir(provider: Provider, root = projectRoot()): string {
  return join(root, 'prisma', provider)
}

export async function readSchema(provider: Provider, root = projectRoot()): Promise<string> {
  return await readFile(join(providerDir(provider, root), 'schema.prisma'), 'utf8')
}

// The committed migrations in the shape the engine wants; a missing folder is an empty history.
export async function readMigrations(provider: Provider, root = projectRoot()): Promise<MigrationList> {
  const baseDir = join(providerDir(provider, root), 'migrations')
  let names: string[] = []
  try {
    const entries = await readdir(baseDir, { withFileTypes: true })
    names = entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  let lockfile: string | null = null
  try {
    lockfile = await readFile(join(baseDir, 'migration_lock.toml'), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      let content: bg.JsResult<string, string>
      try {
        content = { tag: 'ok', value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') }
      } catch (error) {
        content = { tag: 'error', value: (error as Error).message }
      }
      return { path: name, migrationFile: { path: 'migration.sql', content } }
    }),
  )
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    migrationDirectories,
    shadowDbInitScript: '',
  }
}
