// Prism (@stoplight/prism-cli) as a validating proxy in front of a real server: every request
// and response that passes is checked against openapi.yaml, and every violation Prism reports
// is recorded. A test that leaves a violation unclaimed fails when it ends.
//
// How Prism 5 (`prism proxy --errors`) reports a violation, from its source
// (prism-http-server/dist/server.js, prism-core/dist/factory.js, prism-http/dist/forwarder):
// - a request that breaks the document is not forwarded: Prism answers it itself with a problem
//   (`application/problem+json`) whose `type` is `https://stoplight.io/prism/errors#…`:
//   `UNPROCESSABLE_ENTITY` (422, with `validation[]`) for a parameter, header or body, also
//   for an undeclared Content-Type; `UNAUTHORIZED` (401) when the security requirement is not
//   met (no `Authorization: Bearer …`); `NO_PATH_MATCHED_ERROR` (404) and
//   `NO_METHOD_MATCHED_ERROR` (405) for a request outside the document; an unreachable
//   upstream answers 500 with the bare error name as `type` (`FetchError`);
// - a response is validated after forwarding; each violation is listed in an `sl-violations`
//   response header (a JSON array of {location, severity, code, message}; cut and prefixed
//   with "Too many violations! " past 8 KB). With `--errors`, a violation of severity Error
//   (a body or header that breaks its schema, an undeclared 2xx status) replaces the response
//   with a 500 problem of type `…#VIOLATIONS` carrying the same list in `validation[]`; one of
//   severity Warning (an undeclared non-2xx status) only sets the header.
// Prism logs the same findings only as formatted text, without naming the request, so the
// harness reads them from the wire instead: clients talk to a small recording relay that
// passes every byte on to Prism and back, and inspects each answer for both markers. That keeps
// it independent of the client (fetch, a generated SDK) a suite uses.
//
// What a suite run through it must expect: a request the document forbids never reaches the
// server, so the suite's own deliberately invalid requests (a body that breaks its schema for a
// 400, no key for a 401, another Content-Type for a 415) get Prism's answer rather than the
// service's; claim those with takeViolations(). Prism parses a JSON body and forwards it
// re-serialized without whitespace, so a 413 needs a body that conforms and is still over the
// server's limit once compact. Prism does not route HEAD to GET (405), and reads a `Prefer`
// header's `code`, `example`, `dynamic` and `seed` as its own mock settings (a value it cannot
// parse answers 422).
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import type { Test } from 'tap'
import { uninstrumented } from './child-env.js'
import { projectRoot } from './e2e-server.js'

/** Bound on Prism's start-up (it parses and dereferences the whole document first). */
const PRISM_START_TIMEOUT_MS = 60_000
const PRISM_EXIT_TIMEOUT_MS = 10_000
const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#'
// enough of any answer to read a problem document; the rest is relayed, not kept
const INSPECTED_BODY_BYTES = 1 << 20
// what the harness keeps of Prism's own log, for the message of a failed start-up
const KEPT_OUTPUT_CHARS = 64 * 1024

const prismCli = join(projectRoot, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')

export interface PrismViolation {
  method: string
  /** the request's path and query */
  url: string
  /** the status the client received (Prism's own status when it answered itself) */
  status: number
  /** where: `request.query.limit`, `request.security`, `response.body.status`, `response.header`, … */
  location: string
  /** Prism's severity: `Error` or `Warning` (both count) */
  severity: string
  message: string
}

export interface PrismProxy {
  /** Where clients send their requests (through Prism to the upstream). */
  baseUrl: string
  /** Every violation Prism reported so far, one line each; `[]` while everything conforms. */
  violations(): string[]
  /** Returns the violations so far, structured, and forgets them: for a test that expects some. */
  takeViolations(): PrismViolation[]
}

export function formatViolation(v: PrismViolation): string {
  return `${v.method} ${v.url} → ${v.status}: ${v.location}: ${v.message} [${v.severity}]`
}

interface DiagnosticLike {
  location?: unknown
  severity?: unknown
  message?: unknown
}

function fromDiagnostic(base: Omit<PrismViolation, 'location' | 'severity' | 'message'>, entry: DiagnosticLike, prefix?: string) {
  const path = Array.isArray(entry.location) ? entry.location.map(String) : []
  return {
    ...base,
    location: [...(prefix ? [prefix] : []), ...path].join('.') || '(document)',
    severity: typeof entry.severity === 'string' ? entry.severity : 'Error',
    message: typeof entry.message === 'string' ? entry.message : JSON.stringify(entry),
  }
}

// Where the request broke the document, for Prism's own answers without a validation list
// (UNPROCESSABLE_ENTITY without one: a `Prefer` header Prism reads as its own mock settings).
const requestLocations: Record<string, string> = { UNAUTHORIZED: 'request.security', UNPROCESSABLE_ENTITY: 'request.header.prefer' }

/** What one answer that came back through Prism says about the exchange. */
function violationsIn(
  request: { method: string; url: string },
  response: { status: number; headers: http.IncomingHttpHeaders; body: string },
): PrismViolation[] {
  const base = { method: request.method, url: request.url, status: response.status }
  const found: PrismViolation[] = []
  const header = response.headers['sl-violations']
  const listed = Array.isArray(header) ? header.join(', ') : header
  if (listed) {
    try {
      for (const entry of JSON.parse(listed) as DiagnosticLike[]) found.push(fromDiagnostic(base, entry))
    } catch {
      found.push({ ...base, location: '(sl-violations)', severity: 'Error', message: listed })
    }
  }
  const type = String(response.headers['content-type'] ?? '')
  if (!type.startsWith('application/problem+json')) return found
  if (response.body === '' && !response.headers['x-request-id']) {
    // a problem without its body (the answer to HEAD, which Prism does not route to GET): every
    // answer of the service carries X-Request-Id and Prism's own never do
    found.push({ ...base, location: 'request.route', severity: 'Error', message: `Prism answered ${response.status} itself` })
    return found
  }
  let problem: { type?: unknown; title?: unknown; detail?: unknown; validation?: unknown }
  try {
    problem = JSON.parse(response.body)
  } catch {
    return found
  }
  if (typeof problem.type !== 'string') return found
  // Prism's own problems: its catalogue, or a bare JavaScript error name when the upstream
  // failed (`FetchError` when it is unreachable)
  const prismError = problem.type.startsWith(PRISM_ERROR_TYPE)
  if (!prismError && !/^[A-Z]\w*Error$/.test(problem.type)) return found
  const kind = prismError ? problem.type.slice(PRISM_ERROR_TYPE.length) : problem.type
  // #VIOLATIONS repeats the sl-violations list, already recorded above
  if (kind === 'VIOLATIONS' && listed) return found
  const validation = Array.isArray(problem.validation) ? (problem.validation as DiagnosticLike[]) : []
  if (validation.length > 0) {
    // a request Prism refused lists locations such as ['query', 'limit']; a response ['response', …]
    for (const entry of validation) {
      const first = Array.isArray(entry.location) ? entry.location[0] : undefined
      found.push(fromDiagnostic(base, entry, first === 'request' || first === 'response' ? undefined : 'request'))
    }
  } else {
    found.push({
      ...base,
      location: requestLocations[kind] ?? (/^NO_\w+_MATCHED_ERROR$/.test(kind) ? 'request.route' : 'proxy'),
      severity: 'Error',
      message: `Prism answered itself (${kind}): ${String(problem.title ?? '')}${problem.detail ? ` — ${String(problem.detail)}` : ''}`,
    })
  }
  return found
}

// Connection-scoped headers are not relayed (RFC 9110 §7.6.1); Node sets its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'])

function relayedHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value
  return out
}

function waitForExit(child: ChildProcess, exited: Promise<void>, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/**
 * Starts `prism proxy <openapi.yaml> <upstreamBaseUrl> --errors` on a free loopback port and a
 * recording relay in front of it; both stop when `t` ends. When `t` ends with violations that
 * no `takeViolations()` claimed, its teardown throws them, which fails the run.
 */
export async function startPrismProxy(t: Test, upstreamBaseUrl: string): Promise<PrismProxy> {
  // Prism watches its document and restarts when it changes, on a new port when asked for port
  // 0: it gets a copy of openapi.yaml taken now, which nothing else writes.
  const workdir = mkdtempSync(join(tmpdir(), 'prism-proxy-'))
  const document = join(workdir, 'openapi.yaml')
  copyFileSync(join(projectRoot, 'openapi.yaml'), document)

  const args = [
    prismCli,
    'proxy',
    document,
    upstreamBaseUrl,
    '--errors',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    // no CORS headers of Prism's own on the relayed responses; one process, whatever NODE_ENV says
    '--cors=false',
    '--multiprocess=false',
  ]
  const env = uninstrumented({ ...process.env, NODE_ENV: undefined, NO_COLOR: '1', FORCE_COLOR: '0' })
  const child = spawn(process.execPath, args, { cwd: workdir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const keep = (chunk: string) => {
    log = (log + stripVTControlCharacters(chunk)).slice(-KEPT_OUTPUT_CHARS)
  }
  child.stdout!.setEncoding('utf8').on('data', keep)
  child.stderr!.setEncoding('utf8').on('data', keep)
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve())
    child.once('error', () => resolve())
  })

  const agent = new http.Agent({ keepAlive: true })
  const relay = http.createServer()
  const recorded: PrismViolation[] = []

  t.teardown(async () => {
    relay.closeAllConnections()
    await new Promise<void>((resolve) => relay.close(() => resolve()))
    agent.destroy()
    child.kill('SIGTERM')
    if (!(await waitForExit(child, exited, PRISM_EXIT_TIMEOUT_MS))) {
      child.kill('SIGKILL')
      await waitForExit(child, exited, PRISM_EXIT_TIMEOUT_MS)
    }
    rmSync(workdir, { recursive: true, force: true })
    // teardown runs after the test's last assertion: unclaimed violations fail the run as an error
    if (recorded.length > 0) {
      throw new Error(`Prism reported ${recorded.length} violation(s) of openapi.yaml:\n${recorded.map(formatViolation).join('\n')}`)
    }
  })

  const prismUrl = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Prism did not listen within ${PRISM_START_TIMEOUT_MS} ms:\n${log}`))),
      PRISM_START_TIMEOUT_MS,
    )
    let settled = false
    function finish(action: () => void) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.stdout!.off('data', check)
      action()
    }
    function check() {
      const address = /Prism is listening on (http:\/\/\S+)/.exec(log)?.[1]
      if (address) finish(() => resolve(new URL(address)))
    }
    child.stdout!.on('data', check)
    void exited.then(() => finish(() => reject(new Error(`Prism exited (code ${child.exitCode}) before listening:\n${log}`))))
  })

  relay.on('request', (req, res) => {
    const method = req.method ?? 'GET'
    const url = req.url ?? '/'
    const forward = http.request(
      { host: prismUrl.hostname, port: prismUrl.port, method, path: url, headers: relayedHeaders(req.headers), agent },
      (answer) => {
        const status = answer.statusCode ?? 0
        res.writeHead(status, relayedHeaders(answer.headers))
        const kept: Buffer[] = []
        let keptBytes = 0
        answer.on('data', (chunk: Buffer) => {
          if (keptBytes < INSPECTED_BODY_BYTES) {
            kept.push(chunk)
            keptBytes += chunk.length
          }
          res.write(chunk)
        })
        answer.on('end', () => {
          recorded.push(...violationsIn({ method, url }, { status, headers: answer.headers, body: Buffer.concat(kept).toString('utf8') }))
          res.end()
        })
        answer.on('error', (error) => res.destroy(error))
      },
    )
    forward.on('error', (error) => {
      recorded.push({ method, url, status: 502, location: 'proxy', severity: 'Error', message: `Prism did not answer: ${error.message}` })
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`Prism did not answer: ${error.message}`)
    })
    req.pipe(forward)
  })
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject)
    relay.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = relay.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    violations: () => recorded.map(formatViolation),
    takeViolations: () => recorded.splice(0, recorded.length),
  }
}
