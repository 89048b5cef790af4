// What a run leaves behind (child processes, a scratch PostgreSQL database, temp files) is
// undone at the end, after a failure, and on SIGINT/SIGTERM, newest first.
type Step = () => Promise<unknown> | unknown

const steps: Step[] = []
let running: Promise<void> | undefined
let signalled: NodeJS.Signals | undefined

/** The signal that stopped the run, if one did: what fails after it is its consequence. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return signalled
}

/** Registers an undo step; returns a function that runs it early (and only once). */
export function onCleanup(step: Step): () => Promise<void> {
  let done = false
  const once = async () => {
    if (done) return
    done = true
    await step()
  }
  steps.push(once)
  return once
}

export function cleanup(): Promise<void> {
  running ??= (async () => {
    for (const step of steps.reverse()) {
      try {
        await step()
      } catch (error) {
        process.stderr.write(`[bench] cleanup: ${(error as Error).message}\n`)
      }
    }
  })()
  return running
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    signalled = signal
    process.stderr.write(`\n[bench] ${signal}: stopping and cleaning up\n`)
    void cleanup().finally(() => process.exit(code))
  })
}
