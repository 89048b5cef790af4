// A webhook receiver on 127.0.0.1 as an integrator writes one: every request is checked with
// the standardwebhooks package's own verifier, and answered as the test scripts it.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import type { Test } from 'tap'

export interface Received {
  headers: Record<string, string>
  body: string
  /** what Webhook#verify returned (the parsed event), or the error it threw */
  verified:
    | { ok: true; event: { id: string; type: string; occurredAt: string; data: { user: { id: string } } } }
    | { ok: false; error: string }
  at: number
}

/** Answers a request; the default answers 204. */
export type Responder = (request: IncomingMessage, response: ServerResponse, received: Received) => void | Promise<void>

export interface Receiver {
  url: string
  received: Received[]
  /** the verified events, in arrival order */
  events(): Received[]
  respond(responder: Responder): void
  /** sets the secret to verify with (from the 201 of createWebhookEndpoint) */
  useSecret(secret: string): void
  /** resolves when `condition` holds, polling; rejects after `timeoutMs` */
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>
}

export async function startReceiver(t: Test, path = '/hook'): Promise<Receiver> {
  const received: Received[] = []
  let secret: string | undefined
  let responder: Responder = (_request, response) => {
    response.statusCode = 204
    response.end()
  }
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]))
    let verified: Received['verified']
    try {
      if (!secret) throw new Error('no secret set')
      verified = { ok: true, event: new Webhook(secret).verify(body, headers) as never }
    } catch (error) {
      verified = { ok: false, error: (error as Error).message }
    }
    const entry = { headers, body, verified, at: Date.now() }
    received.push(entry)
    await responder(request, response, entry)
  })
  const { port } = await listenOnLoopback(t, server)
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    events: () => received.filter((r) => r.verified.ok),
    respond: (next) => {
      responder = next
    },
    useSecret: (value) => {
      secret = value
    },
    async waitFor(condition, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received ${received.length} requests`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
  }
}

/** Polls `check` until it returns a value other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A receiver that holds every delivery unanswered until release() (the SDK suite's in-flight case). */
export async function startHoldingReceiver(t: Test): Promise<{ url: string; holding(): Promise<void>; release(): void }> {
  const receiver = await startReceiver(t)
  const held: ServerResponse[] = []
  let released = false
  receiver.respond((_request, response) => {
    if (released) response.writeHead(204).end()
    else held.push(response)
  })
  return {
    url: receiver.url,
    holding: () => receiver.waitFor(() => held.length > 0, 'a delivery to hold'),
    release() {
      released = true
      for (const response of held.splice(0)) response.writeHead(204).end()
    },
  }
}

/** Serves `handler` on a free loopback port until the test ends (open connections closed too). */
export async function serve(t: Test, handler: RequestListener) {
  const server = createServer(handler)
  return { server, ...(await listenOnLoopback(t, server)) }
}

async function listenOnLoopback(t: Test, server: ReturnType<typeof createServer>): Promise<{ port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { port: (server.address() as AddressInfo).port }
}
