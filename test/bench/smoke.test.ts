// `npm run bench -- --smoke`: the whole harness (build check, server, seed, every scenario
// under wrk, the three ceilings, the report) runs to the end on a small scale. It checks that
// the harness works, never the figures: CI machines are too noisy and too shared for those.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { uninstrumented } from '../helpers/child-env.js'
import { projectRoot } from '../helpers/e2e-server.js'

const SCENARIOS = ['getUser', 'getUser 304', 'listUsers', 'updateUser', 'createUser', 'mix']
const READS = ['getUser', 'getUser 304', 'listUsers', 'mix']
const CEILINGS = ['(a)', '(b)', '(c)']

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', ...args], {
      cwd: projectRoot,
      env: uninstrumented({ ...process.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The cells of the table row whose first cell is `name`. */
function row(report: string, name: string): string[] | undefined {
  const line = report.split('\n').find((l) => l.startsWith(`| ${name} |`))
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim())
}

const count = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', ''))

t.test('npm run bench -- --smoke runs every scenario and ceiling and writes the report', async (t) => {
  const out = join(t.testdir(), 'report.md')
  const started = Date.now()
  const result = await runBench(['--smoke', '--out', out])
  t.comment(`the smoke run took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  t.equal(result.code, 0, `the harness exited 0 ${result.stderr.slice(-2000)}`)
  const report = await readFile(out, 'utf8')

  for (const name of CEILINGS) {
    const cells = row(report, name)
    t.ok(cells, `the report has ceiling ${name}`)
    t.ok(count(cells?.[2]) > 0, `ceiling ${name} measured something (${cells?.[2]} requests or hashes)`)
  }
  for (const name of SCENARIOS) {
    const cells = row(report, name)
    t.ok(cells, `the report has the ${name} row`)
    t.ok(count(cells?.[1]) > 0, `${name}: ${cells?.[1]} requests`)
  }
  t.ok(row(report, 'getUser during createUser'), 'the report has the getUser latency during createUser')
  for (const name of READS) t.equal(row(report, name)?.[7], '0', `${name}: no errors`)
  t.match(report, /- Command: `npm run bench -- --smoke --out /, 'the report names its command')
  t.match(report, /- Load average \(1\/5\/15 min\) before: [\d.]+ \/ [\d.]+ \/ [\d.]+, after:/, 'and the load on the machine')
  t.match(result.stdout, /\| getUser \|/, 'the tables are printed as well')
})
