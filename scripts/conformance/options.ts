import { parseArgs } from 'node:util'
import { scenarios } from './checks.js'

export interface Options {
  baseUrl: URL
  key: string
  timeoutMs: number
  only: RegExp | undefined
  json: string | undefined
}

/** A command line the kit cannot run with; the message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000

export const usage = `Usage: npm run conformance -- --base-url URL --key KEY [options]

Checks a running deployment of the User Management API against openapi.yaml over HTTP:
every operation, error paths, headers, a pagination walk, conditional requests and
idempotent retries. It creates users (emails conformance-<run id>-<n>@example.com) and
deletes them again at the end, even after a failure or Ctrl-C; it deletes nothing else.

Options:
  --base-url URL     the deployment, e.g. https://users.example.com  (env CONFORMANCE_BASE_URL)
  --key KEY          an API key with users:read and users:write; the master key (keys:admin)
                     also checks the keys operations and 403s        (env CONFORMANCE_KEY)
  --timeout-ms N     the longest wait for one response (default ${DEFAULT_TIMEOUT_MS})
  --only PATTERN     run only the scenarios whose name matches (a regular expression)
  --json FILE        also write the report as JSON to FILE
  --help             show this help

Scenarios: ${scenarios.map((s) => s.name).join(', ')}

Exit code: 0 when every check passed (checks that do not apply are not failures),
1 when one failed, 2 for a bad command line, 130 after Ctrl-C (143 after SIGTERM).
The last line of the report is always "N passed, N failed".
`

/** The options from argv, then the environment; undefined when --help was asked for. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | undefined {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        key: { type: 'string' },
        'timeout-ms': { type: 'string' },
        only: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return undefined

  const base = (values['base-url'] as string | undefined) ?? env.CONFORMANCE_BASE_URL
  if (!base) throw new UsageError('--base-url (or CONFORMANCE_BASE_URL) is required')
  let baseUrl: URL
  try {
    baseUrl = new URL(base)
  } catch {
    throw new UsageError(`--base-url ${base} is not a URL`)
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new UsageError(`--base-url ${base} is not an http or https URL`)
  if (baseUrl.search || baseUrl.hash) throw new UsageError(`--base-url ${base} must not have a query or a fragment`)

  const key = (values.key as string | undefined) ?? env.CONFORMANCE_KEY
  if (!key) throw new UsageError('--key (or CONFORMANCE_KEY) is required')

  const timeout = values['timeout-ms'] as string | undefined
  const timeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(timeout)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout-ms ${timeout} is not a positive whole number`)

  let only: RegExp | undefined
  const pattern = values.only as string | undefined
  if (pattern !== undefined) {
    try {
      only = new RegExp(pattern, 'i')
    } catch {
      throw new UsageError(`--only ${pattern} is not a regular expression`)
    }
    if (!scenarios.some((s) => only!.test(s.name))) {
      throw new UsageError(`--only ${pattern} matches no scenario (${scenarios.map((s) => s.name).join(', ')})`)
    }
  }

  const json = values.json as string | undefined
  if (json === '') throw new UsageError('--json needs a file name')
  return { baseUrl, key, timeoutMs, only, json }
}
