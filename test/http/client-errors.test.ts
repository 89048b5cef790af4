import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build } from '../helpers/app.js'
import { contractViolations } from '../../src/contract/check.js'

/** Sends raw bytes and returns the whole answer (the server closes the connection). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(data))
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')))
  })
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body }
}

t.test('requests Node rejects still get a problem document', async (t) => {
  const api = await build(t)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as AddressInfo

  const tooLarge = parse(await raw(port, `GET /api/users HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`))
  t.equal(tooLarge.statusCode, 431)
  t.equal(JSON.parse(tooLarge.body).code, 'headers_too_large')
  t.same(contractViolations('GET', null, tooLarge), [], 'a problem document, outside any operation')

  const garbage = parse(await raw(port, 'HELLO THERE\r\n\r\n'))
  t.equal(garbage.statusCode, 400)
  t.match(garbage.headers['content-type'], /^application\/problem\+json/)
  t.equal(JSON.parse(garbage.body).code, 'bad_request')
  t.equal(JSON.parse(garbage.body).requestId, garbage.headers['x-request-id'])
  t.same(contractViolations('GET', null, garbage), [])
})
