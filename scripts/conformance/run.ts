// One run of the kit: learn what the key may do, run the scenarios, clean up, summarize.
import { randomBytes } from 'node:crypto'
import { scenarios } from './checks.js'
import { cleanup } from './cleanup.js'
import { Client, Interrupted, RequestFailed } from './client.js'
import { Context, describe, expect, expectStatus, Failure } from './context.js'
import { documentTitle, documentVersion, operation, pathOf, scopesOf } from './document.js'
import { Report, type RunInfo } from './report.js'
import { summarize } from './summary.js'

export interface RunOptions {
  baseUrl: URL
  key: string
  timeoutMs: number
  /** Only the scenarios whose name matches. */
  only: RegExp | undefined
  /** Aborted on SIGINT/SIGTERM. */
  interrupt: AbortSignal
  /** The signal that interrupted the run, once there is one. */
  interruptedBy(): string | undefined
  /** Where to say which scenario runs (a terminal); nothing by default. */
  progress?(line: string): void
}

export async function run(options: RunOptions): Promise<{ report: Report; info: RunInfo }> {
  const runId = randomBytes(4).toString('hex')
  const startedAt = new Date()
  const client = new Client({
    baseUrl: options.baseUrl,
    key: options.key,
    timeoutMs: options.timeoutMs,
    runId,
    interrupt: options.interrupt,
  })
  const report = new Report()
  const ctx = new Context(client, report, runId)
  const notes: string[] = []

  let ready = false
  try {
    ready = await setup(ctx, options.baseUrl)
    if (!ready) notes.push('The checks did not run: the deployment lines above say why.')
    for (const scenario of ready ? scenarios : []) {
      if (options.only && !options.only.test(scenario.name)) continue
      options.progress?.(`› ${scenario.name}: ${scenario.summary}`)
      try {
        await scenario.run(ctx)
      } catch (error) {
        if (error instanceof Interrupted) throw error
        report.fail('run', `the ${scenario.name} scenario ran to its end`, error instanceof Error ? error.message : String(error))
      }
    }
  } catch (error) {
    // a request that got no answer outside any check (or a fault of the kit) ends the checks, not the cleanup
    if (!(error instanceof Interrupted))
      report.fail('run', 'the checks ran to their end', error instanceof Error ? error.message : String(error))
  }

  options.progress?.('› cleanup')
  const cleaned = await cleanup(ctx, { search: ready })
  const interrupted = options.interruptedBy()
  if (interrupted) report.fail('run', 'every check ran', `interrupted by ${interrupted}`)
  const partial = options.only ? `a partial run (--only ${options.only.source})` : undefined
  summarize(report, client.exchanges, {
    skipReason: interrupted ? 'the run was interrupted' : !ready ? 'the checks did not run' : partial,
  })

  return {
    report,
    info: {
      baseUrl: options.baseUrl.href,
      runId,
      marker: ctx.marker,
      documentTitle,
      documentVersion,
      startedAt,
      finishedAt: new Date(),
      requests: client.exchanges.length,
      rateLimitWaits: client.rateLimitWaits,
      interrupted,
      only: options.only?.source,
      notes,
      cleanup: cleaned,
    },
  }
}

/**
 * Is the deployment there, and may the key read and write users? Also learns whether the
 * key manages keys. False when the checks cannot run.
 */
async function setup(ctx: Context, baseUrl: URL): Promise<boolean> {
  const { client, report } = ctx
  const listUsers = operation('listUsers')
  const createUser = operation('createUser')
  const listApiKeys = operation('listApiKeys')

  let served: Awaited<ReturnType<Client['send']>>
  try {
    // the document the deployment serves beside its API (not an operation of the document)
    served = await client.send('GET', '/openapi.json', { key: null, outsideDocument: true })
  } catch (error) {
    if (!(error instanceof RequestFailed)) throw error
    report.fail('deployment', `answers at ${baseUrl.href}`, error.message)
    return false
  }
  report.pass('deployment', `answers at ${baseUrl.href}`)
  await ctx.check('deployment', `serves the document this kit checks (${documentTitle} ${documentVersion})`, async () => {
    expectStatus(served, 200)
    const info = (served.json as { info?: { title?: unknown; version?: unknown } } | undefined)?.info
    expect(
      info?.version === documentVersion,
      `/openapi.json has version ${String(info?.version)}, this kit checks ${documentVersion}: run the kit of the deployed version`,
    )
  })

  const read = await ctx.check('deployment', `the key holds ${scopesOf(listUsers).join(', ')} (listUsers answers 200)`, async () => {
    const exchange = await client.send('GET', `${pathOf(listUsers)}?limit=1`)
    if (exchange.status === 401) throw new Failure('the deployment does not accept the key (401): check --key')
    if (exchange.status === 403) throw new Failure(`the key lacks ${scopesOf(listUsers).join(', ')} (403)`)
    expectStatus(exchange, 200)
    return true
  })
  // the scope is checked before the body: a key that may write gets 400 for an empty body
  const write = await ctx.check(
    'deployment',
    `the key holds ${scopesOf(createUser).join(', ')} (createUser answers 400, not 403, to an empty body)`,
    async () => {
      const exchange = await client.send('POST', pathOf(createUser), { body: {} })
      if (exchange.status === 403) throw new Failure(`the key lacks ${scopesOf(createUser).join(', ')} (403)`)
      expectStatus(exchange, 400)
      return true
    },
  )

  const adminScopes = scopesOf(listApiKeys).join(', ')
  let probe: Awaited<ReturnType<Client['send']>>
  try {
    probe = await client.send('GET', pathOf(listApiKeys))
  } catch (error) {
    if (!(error instanceof RequestFailed)) throw error
    report.fail(listApiKeys.operationId, `200 or 403 forbidden, as the key holds ${adminScopes} or not`, error.message)
    return false
  }
  if (probe.status === 200) {
    ctx.capabilities.managesKeys = true
    report.pass(listApiKeys.operationId, `200 for a key holding ${adminScopes}`)
  } else if (probe.status === 403 && (probe.json as { code?: unknown } | undefined)?.code === 'forbidden') {
    report.pass(listApiKeys.operationId, `403 forbidden for a key without ${adminScopes}`)
  } else {
    report.fail(listApiKeys.operationId, `200 or 403 forbidden, as the key holds ${adminScopes} or not`, describe(probe))
  }
  return Boolean(read && write)
}
