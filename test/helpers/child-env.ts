/**
 * The environment for a child process that runs the TypeScript sources through tsx, with
 * tap's coverage off: coverage taken through tsx is false (it reports every file as fully
 * covered) and, merged in, would mask the real figures of the in-process tests.
 */
export function uninstrumented(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  out._TAPJS_PROCESSINFO_COVERAGE_ = '0'
  return out
}
