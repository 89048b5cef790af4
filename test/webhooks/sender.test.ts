import t from 'tap'
import { createSender } from '../../src/webhooks/sender.js'
import { serve } from '../helpers/webhook-receiver.js'

t.test('refused at delivery time: a name that now resolves to loopback, and a loopback literal', async (t) => {
  let reached = 0
  const { port } = await serve(t, (_request, response) => {
    reached++
    response.end()
  })
  // the name resolves to the receiver's loopback address, as DNS could answer after registration
  const lookup = ((_host: string, _options: object, callback: (e: null, a: Array<{ address: string; family: number }>) => void) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }])) as never
  const strict = createSender({ allowPrivate: false, timeoutMs: 5_000, maxResponseBytes: 65_536, lookup })
  t.teardown(() => strict.close())
  const byName = await strict.send(`http://rebound.example:${port}/hook`, {}, '{}')
  t.same([byName.error, byName.responseStatus], ['address not allowed', null])
  const byLiteral = await strict.send(`http://127.0.0.1:${port}/hook`, {}, '{}')
  t.same([byLiteral.error, byLiteral.responseStatus], ['address not allowed', null])
  const mapped = await strict.send(`http://[::ffff:127.0.0.1]:${port}/hook`, {}, '{}')
  t.equal(mapped.error, 'address not allowed')
  t.equal(reached, 0, 'the receiver was never reached')

  const open = createSender({ allowPrivate: true, timeoutMs: 5_000, maxResponseBytes: 65_536, lookup })
  t.teardown(() => open.close())
  const allowed = await open.send(`http://127.0.0.1:${port}/hook`, {}, '{}')
  t.same([allowed.error, allowed.responseStatus], [null, 200], 'unless WEBHOOK_ALLOW_PRIVATE')
  t.equal(reached, 1)
})

t.test('an endless response body is read up to 64 KiB, then the connection is dropped', async (t) => {
  let written = 0
  let closed = false
  const { port } = await serve(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' })
    const chunk = Buffer.alloc(16 * 1024, 97)
    const pump = () => {
      while (!closed && response.write(chunk)) written += chunk.length
      if (!closed) response.once('drain', pump)
    }
    response.on('close', () => {
      closed = true
    })
    pump()
  })
  // a timeout far beyond the test: an uncapped read would end only by it
  const sender = createSender({ allowPrivate: true, timeoutMs: 60_000, maxResponseBytes: 64 * 1024 })
  t.teardown(() => sender.close())
  const result = await sender.send(`http://127.0.0.1:${port}/hook`, {}, '{}')
  t.same([result.responseStatus, result.error], [200, null], 'a 2xx, without waiting for the body to end')
  await new Promise<void>((resolve) => {
    const check = () => (closed ? resolve() : setTimeout(check, 20))
    check()
  })
  t.ok(closed, 'the sender hung up')
  t.ok(written < 64 * 1024 * 1024, `the receiver could write only what the socket buffers hold (${written} bytes)`)
})

t.test('failures are named', async (t) => {
  const sender = createSender({ allowPrivate: true, timeoutMs: 2_000, maxResponseBytes: 65_536 })
  t.teardown(() => sender.close())
  // a port nothing listens on: bind one, then close it
  const { server, port } = await serve(t, () => {})
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const refused = await sender.send(`http://127.0.0.1:${port}/hook`, {}, '{}')
  t.equal(refused.error, 'connection refused')
  const unresolved = await createSender({
    allowPrivate: false,
    timeoutMs: 2_000,
    maxResponseBytes: 65_536,
    lookup: ((_h: string, _o: object, callback: (e: Error) => void) =>
      callback(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }))) as never,
  }).send('https://nowhere.example/hook', {}, '{}')
  t.equal(unresolved.error, 'dns lookup failed')
})
