// Cleanup runs whatever happened before it (failed checks, an interrupt): it deletes what
// the run's own 201s named, then looks for anything else carrying the run's marker (a
// create whose response was lost), and deletes nothing else.
import { RequestFailed } from './client.js'
import { type Context, Failure, type User } from './context.js'
import { operation, pathOf } from './document.js'
import type { CleanupSummary } from './report.js'

const listUsers = operation('listUsers')
const createUser = operation('createUser')
const getUser = operation('getUser')
const listApiKeys = operation('listApiKeys')
const createApiKey = operation('createApiKey')
const deleteApiKey = operation('deleteApiKey')

/** Bound on the marker search: the run creates a few dozen users, 100 a page. */
const MAX_PAGES = 20

export async function cleanup(ctx: Context, options: { search: boolean }): Promise<CleanupSummary> {
  const { client, report } = ctx
  client.ignoreInterrupt = true
  const summary: CleanupSummary = { deleted: {}, alreadyGone: 0, foundByMarker: 0, leftovers: [] }
  const gone = new Set<string>()

  const remove = async (target: string, operationId: string): Promise<void> => {
    try {
      const exchange = await client.send('DELETE', target)
      if (exchange.status === 204 || exchange.status === 404) {
        summary.deleted[operationId] = (summary.deleted[operationId] ?? 0) + 1
        if (exchange.status === 404) summary.alreadyGone++
        gone.add(target)
        return
      }
      summary.leftovers.push(`${target} (DELETE answered ${exchange.status})`)
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw error
      summary.leftovers.push(`${target} (${error.message})`)
    }
  }

  // newest first: nothing the run made depends on something made after it
  for (const created of [...client.created].reverse()) await remove(created.target, created.operationId)

  // then whatever else carries the run's marker: a create whose response never arrived
  let searchFailure: string | undefined
  if (options.search) {
    try {
      const strays = (await markedUsers(ctx)).filter((u) => !gone.has(pathOf(getUser, { id: u.id })))
      for (const user of strays) {
        summary.foundByMarker++
        await remove(pathOf(getUser, { id: user.id }), createUser.operationId)
      }
      if (ctx.capabilities.managesKeys) {
        const keys = await client.send('GET', pathOf(listApiKeys))
        if (keys.status !== 200) throw new Failure(`listApiKeys answered ${keys.status}`)
        const data = (keys.json as { data?: Array<{ id: string; name: string }> }).data ?? []
        for (const key of data.filter((k) => k.name.startsWith(ctx.marker) && !gone.has(pathOf(deleteApiKey, { id: k.id })))) {
          summary.foundByMarker++
          await remove(pathOf(deleteApiKey, { id: key.id }), createApiKey.operationId)
        }
      }
    } catch (error) {
      if (!(error instanceof Failure || error instanceof RequestFailed)) throw error
      searchFailure = error.message
    }
  }

  const total = Object.values(summary.deleted).reduce((a, b) => a + b, 0) + summary.leftovers.length
  if (total > 0) {
    const name = `deleted every user and key the run created (${total})`
    if (summary.leftovers.length === 0) report.pass('cleanup', name)
    else report.fail('cleanup', name, [`${summary.leftovers.length} remain:`, ...summary.leftovers].join('\n'))
  }
  if (options.search) {
    const name = "searched for anything else with the run's marker"
    if (searchFailure) report.fail('cleanup', name, searchFailure)
    else report.pass('cleanup', name)
    await ctx.check('cleanup', "no user with the run's marker remains", async () => {
      const left = await markedUsers(ctx)
      if (left.length > 0) throw new Failure(`${left.length} remain: ${left.map((u) => u.email).join(', ')}`)
    })
  }
  return summary
}

/** Every user whose email starts with the run's marker (the search itself is a substring match). */
async function markedUsers(ctx: Context): Promise<User[]> {
  const prefix = `${ctx.marker}-`
  const found: User[] = []
  const first = `${pathOf(listUsers)}?${new URLSearchParams({ q: prefix, limit: '100' })}`
  let target: string | undefined = first
  for (let page = 0; target; page++) {
    if (page >= MAX_PAGES) throw new Failure(`more than ${MAX_PAGES} pages of users match ${prefix}`)
    const exchange = await ctx.client.send('GET', target)
    if (exchange.status !== 200) throw new Failure(`listUsers answered ${exchange.status} to the search for ${prefix}`)
    const body = exchange.json as { data?: User[]; nextCursor?: string | null }
    found.push(...(body.data ?? []).filter((u) => u.email.startsWith(prefix)))
    target = body.nextCursor ? `${first}&cursor=${encodeURIComponent(body.nextCursor)}` : undefined
  }
  return found
}
