// The conformance kit: checks a running deployment against openapi.yaml over real HTTP and
// prints a report ending with "N passed, N failed". `npm run conformance -- --help`.
import { writeFileSync } from 'node:fs'
import { parseOptions, usage, UsageError, type Options } from './conformance/options.js'
import { run } from './conformance/run.js'

/** Exit codes after a signal, as a shell reports them (128 + the signal's number). */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 }
/**
 * A second signal this soon after the first is the same Ctrl-C passed on by a wrapper (npm,
 * tsx); a later one means "quit now, skip the cleanup".
 */
const REPEAT_WINDOW_MS = 1000

async function main(): Promise<number> {
  let options: Options | undefined
  try {
    options = parseOptions(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`conformance: ${error.message}\n\n${usage}`)
    return 2
  }
  if (!options) {
    process.stdout.write(usage)
    return 0
  }

  const interrupt = new AbortController()
  let interruptedBy: string | undefined
  let interruptedAt = 0
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interruptedBy) {
      interruptedBy = signal
      interruptedAt = Date.now()
      process.stderr.write(`\n${signal}: stopping the checks; cleaning up what the run created (${signal} again to quit at once)\n`)
      interrupt.abort()
      return
    }
    if (Date.now() - interruptedAt < REPEAT_WINDOW_MS) return
    process.stderr.write(`${signal} again: quitting without finishing the cleanup; look for users whose email starts with conformance-\n`)
    process.exit(SIGNAL_EXIT[signal] ?? 1)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const { report, info } = await run({
    baseUrl: options.baseUrl,
    key: options.key,
    timeoutMs: options.timeoutMs,
    only: options.only,
    interrupt: interrupt.signal,
    interruptedBy: () => interruptedBy,
    ...(process.stderr.isTTY ? { progress: (line: string) => void process.stderr.write(`${line}\n`) } : {}),
  })

  let status = info.interrupted ? (SIGNAL_EXIT[info.interrupted] ?? 1) : report.count('failed') > 0 ? 1 : 0
  if (options.json) {
    try {
      writeFileSync(options.json, JSON.stringify(report.json(info), null, 2) + '\n')
    } catch (error) {
      process.stderr.write(`conformance: cannot write ${options.json}: ${error instanceof Error ? error.message : String(error)}\n`)
      if (status === 0) status = 2
    }
  }
  process.stdout.write(report.text(info))
  return status
}

main().then(
  (status) => {
    process.exitCode = status
  },
  (error: unknown) => {
    process.stderr.write(`conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 2
  },
)
