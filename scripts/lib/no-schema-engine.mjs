#!/usr/bin/env node
// PRISMA_SCHEMA_ENGINE_BINARY points here. `prisma generate` only checks that the file
// exists (instead of downloading a native engine, which these machines cannot do); it
// never runs it. Anything that does try to run it is told where migrations live instead.
console.error(
  'The native Prisma schema engine is not installed in this project. ' +
    'Migrations run on the WebAssembly engine: npm run migrate:create -- <name> | npm run migrate:check',
)
process.exit(1)
