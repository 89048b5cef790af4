// The service's log destination: asynchronous writes to stdout that still hold every line
// when the process exits at once (close-with-grace ends a graceful stop with process.exit),
// in order and with multi-byte text intact.
import t from 'tap'
import { moduleUrl, runChild } from './db/fixtures/helpers.js'

t.test('every line written before process.exit reaches stdout, in order, its UTF-8 intact', async (t) => {
  const lines = 5_000
  const child = await runChild(`
    import pino from 'pino'
    import { loggerOptions } from ${JSON.stringify(moduleUrl('src/logging.ts'))}
    const options = loggerOptions('info')
    const log = pino(options, options.stream)
    for (let i = 0; i < ${lines}; i++) log.info({ i, name: 'Zoë Ødegård 测试 🚀', user: { password: 'never-logged' } }, 'line')
    process.exit(0)
  `)
  t.equal(child.code, 0, child.stderr)
  const entries = child.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { i: number; name: string; user: { password: string } })
  t.equal(entries.length, lines, 'no line is lost at exit')
  t.ok(
    entries.every((entry, index) => entry.i === index),
    'the lines are in the order they were written',
  )
  t.ok(
    entries.every((entry) => entry.name === 'Zoë Ødegård 测试 🚀'),
    'multi-byte characters survive',
  )
  t.ok(
    entries.every((entry) => entry.user.password === '[redacted]'),
    'the redaction still applies',
  )
})
