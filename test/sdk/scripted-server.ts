// A real local HTTP server that answers each request from a script, for the SDK tests that
// need answers the service never gives on demand: 503s, dropped connections, stalls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Test } from 'tap'

export type Step =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** close the connection without answering */
  | 'drop'
  /** never answer */
  | 'stall'
  /** send the status line and headers, then part of the body, then nothing */
  | 'stall-body'

export interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  at: number
}

export const USER = {
  id: '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  status: 'active',
  externalId: null,
  metadata: {},
  createdAt: '2026-11-26T09:30:00.000Z',
  updatedAt: '2026-11-26T09:30:00.000Z',
  disabledAt: null,
  lastVerifiedAt: null,
}

/** What a call that must fail threw; an error when it did not fail. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

export const problem = (status: number, code: string, headers: Record<string, string> = {}): Step => ({
  status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  body: { type: `urn:problem:user-management:${code}`, title: 'Error', status, code, requestId: 'stub-request' },
})
export const created: Step = {
  status: 201,
  headers: { 'content-type': 'application/json', etag: '"1"', location: `/api/users/${USER.id}` },
  body: USER,
}
export const userOk: Step = { status: 200, headers: { 'content-type': 'application/json', etag: '"1"' }, body: USER }
export const emptyPage: Step = { status: 200, headers: { 'content-type': 'application/json' }, body: { data: [], nextCursor: null } }
export const healthy: Step = { status: 200, headers: { 'content-type': 'application/json' }, body: { status: 'ok' } }

/** A server that answers request n with steps[n]; closed, with every socket, when the test ends. */
export async function scripted(t: Test, steps: Step[]) {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      })
      const step = steps[received.length - 1] ?? problem(500, 'internal', { 'x-stub': 'no step left' })
      if (step === 'drop') return request.socket.destroy()
      if (step === 'stall') return
      if (step === 'stall-body') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
        response.write('{"data":[')
        return
      }
      response.writeHead(step.status, step.headers)
      // a string goes out as it is (an HTML page, plain text); anything else as JSON
      response.end(step.body === undefined ? undefined : typeof step.body === 'string' ? step.body : JSON.stringify(step.body))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}
