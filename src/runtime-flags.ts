// Imported first by server.ts, before Prisma Client compiles its WebAssembly query compiler.
import { setFlagsFromString } from 'node:v8'

// V8 compiles WebAssembly twice by default, quickly (Liftoff) and then optimised
// (TurboFan) for the functions that run often; the second compilation of Prisma's query
// compiler left about 60 MB more resident for the life of the process (a getUser load peaked
// at 267 MB with it, 190 MB without). The hot reads do not use the query compiler
// (db/select.ts), so the rest of the queries keep the baseline code.
setFlagsFromString('--liftoff-only')
setFlagsFromString('--no-wasm-tier-up')
