/**
 * The environment for a child process that runs the TypeScript sources through tsx, minus
 * tap's coverage instrumentation: coverage taken through tsx is false (it reports every
 * file as fully covered) and would mask the real figures of the in-process tests.
 */
export function uninstrumented(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('_TAPJS_PROCESSINFO') || name === 'NODE_V8_COVERAGE') continue
    out[name] = value
  }
  if (out.NODE_OPTIONS) {
    const kept = out.NODE_OPTIONS.split(/\s+/).filter((option) => option && !option.includes('@tapjs/processinfo'))
    if (kept.length) out.NODE_OPTIONS = kept.join(' ')
    else delete out.NODE_OPTIONS
  }
  return out
}
