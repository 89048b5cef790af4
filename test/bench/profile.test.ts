// `npm run bench -- --profile` relies on the server writing its CPU profile when it is told
// to stop: `node --cpu-prof` writes it at a clean exit only, so SIGTERM must lead to one.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import { uninstrumented } from '../helpers/child-env.js'
import { locate, nowUs, readProfile, topFrames } from '../../bench/lib/profile.js'
import { ensureBuilt, memoryOf, projectRoot, startServer } from '../../bench/lib/server.js'

t.test('the built server stopped with SIGTERM exits 0 and writes its CPU profile', async (t) => {
  ensureBuilt((line) => t.comment(line))
  const dir = t.testdir()
  const profileDir = join(dir, 'profile')
  mkdirSync(profileDir)
  const server = await startServer({
    databaseUrl: `file:${join(dir, 'bench.db')}`,
    masterKey: randomBytes(32).toString('base64url'),
    logFile: join(dir, 'server.log'),
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir],
    baseEnv: uninstrumented({ ...process.env }),
  })
  t.ok(memoryOf(server.pid).hwm > 0, 'its memory is read from /proc')
  const fromUs = nowUs()
  for (let i = 0; i < 50; i++) await (await fetch(`${server.baseUrl}/healthz`)).arrayBuffer()
  const toUs = nowUs()
  t.equal(await server.stop(), 0, 'SIGTERM: a graceful exit, code 0')

  const profile = readProfile(profileDir)
  t.ok(profile.nodes.length > 0 && (profile.samples?.length ?? 0) > 0, 'the profile has nodes and samples')
  const all = topFrames(profile, projectRoot, 15)
  t.ok(all.length > 0 && all.length <= 15, `the top frames: ${all.length}`)
  const share = all.reduce((sum, frame) => sum + frame.selfPercent, 0)
  t.ok(share > 0 && share <= 100.0001, `their self shares add up to at most 100 % (${share.toFixed(1)})`)
  t.ok(
    all.every((frame, i) => i === 0 || frame.samples <= all[i - 1]!.samples),
    'ordered by self time',
  )
  const during = topFrames(profile, projectRoot, 1000, { fromUs, toUs })
  const total = (frames: typeof all) => frames.reduce((sum, frame) => sum + frame.samples, 0)
  t.ok(total(during) < total(topFrames(profile, projectRoot, 1000)), 'a window keeps only the samples taken within it')
  t.ok(
    profile.nodes.some((node) => locate(node.callFrame, projectRoot).startsWith('dist/src/')),
    'the server’s own frames are named by their place in the project',
  )
})

t.test('frames are located in the project, in a package, or in Node', async (t) => {
  const frame = (url: string, lineNumber = 9) => ({ functionName: 'f', url, lineNumber, columnNumber: 0 })
  t.equal(locate(frame(pathToFileURL(join(projectRoot, 'dist/src/app.js')).href), projectRoot), 'dist/src/app.js:10')
  t.equal(locate(frame(pathToFileURL(join(projectRoot, 'node_modules/fastify/lib/reply.js')).href), projectRoot), 'fastify')
  t.equal(
    locate(frame(pathToFileURL(join(projectRoot, 'node_modules/@prisma/client/runtime/client.js')).href), projectRoot),
    '@prisma/client',
  )
  t.equal(locate(frame('node:internal/streams/writable'), projectRoot), 'node:internal/streams/writable:10')
  t.equal(locate(frame(''), projectRoot), '(native)')
  t.equal(locate(frame('/elsewhere/x.js'), projectRoot), '/elsewhere/x.js:10')
})
