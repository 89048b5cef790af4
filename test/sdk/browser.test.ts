// The SDK in a browser: the built bundle (sdk/dist/index.js, what a bundler or a page gets)
// imported by a page of another origin in Debian's headless Chromium, calling the real app
// over HTTP through CORS (CORS_ORIGINS set to the page's origin).
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { apiVersion } from '../../sdk/src/generated/operations.js'
import { build, listening, MASTER_KEY } from '../helpers/app.js'
import { chromiumMissing, launchChromium } from '../helpers/chromium.js'
import { projectRoot } from '../helpers/e2e-server.js'

/** Bound on every wait in the page; a broken page fails instead of hanging. */
const WAIT_MS = 20_000

const page = `<!doctype html>
<meta charset="utf-8">
<title>SDK in a browser</title>
<script type="module">
  import { createClient, isProblem, apiVersion } from '/sdk.js'
  window.runSdk = async (baseUrl, apiKey, tag) => {
    const client = createClient({ baseUrl, apiKey })
    const out = { apiVersion, secureContext: window.isSecureContext }
    const created = await client.users.create({ email: tag + '@example.com', name: 'Ada', password: 'correct horse battery' })
    out.created = { id: created.user.id, etag: created.etag, location: created.location, key: created.idempotencyKey }
    const read = await client.users.get(created.user.id)
    out.readEtag = read.etag
    out.notModified = (await client.users.get(created.user.id, { ifNoneMatch: read.etag })).notModified
    const updated = await client.users.update(created.user.id, { status: 'disabled' }, { ifMatch: read.etag })
    out.updated = { status: updated.user.status, etag: updated.etag }
    try {
      await client.users.update(created.user.id, { name: 'Lost' }, { ifMatch: read.etag })
    } catch (error) {
      out.stale = isProblem(error, 'updateUser') ? error.code : String(error)
    }
    try {
      await client.users.create({ email: tag + '@example.com', name: 'Ada', password: 'correct horse battery' })
    } catch (error) {
      out.duplicate = isProblem(error, 'createUser') ? error.code : String(error)
    }
    for (const n of [2, 3]) await client.users.create({ email: tag + '-' + n + '@example.com', name: 'User ' + n, password: 'correct horse battery' })
    out.listed = 0
    for await (const user of client.users.list({ q: tag, limit: 1 })) out.listed++
    await client.users.delete(created.user.id, { ifMatch: updated.etag })
    try {
      await client.users.get(created.user.id)
    } catch (error) {
      out.afterDelete = isProblem(error, 'getUser') ? error.code : String(error)
    }
    return out
  }
  document.title = 'ready'
</script>
`

const missing = chromiumMissing()
if (missing) {
  t.fail(missing)
} else {
  t.test('the built SDK works in a browser, across origins', async (t) => {
    const browser = await launchChromium()
    t.teardown(() => browser.close())

    // the page's own origin: a static server for the page and the bundle
    const bundle = await readFile(join(projectRoot, 'sdk', 'dist', 'index.js'))
    const pages = createServer((request, response) => {
      if (request.url === '/sdk.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
      if (request.url === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page)
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
    t.teardown(() => new Promise<void>((resolve) => pages.close(() => resolve())))
    const pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`

    const { app } = await build(t, { corsOrigins: [pageOrigin] })
    const apiOrigin = await listening(app)

    const tab = await browser.newPage()
    tab.setDefaultTimeout(WAIT_MS)
    const errors: string[] = []
    tab.on('pageerror', (error) => errors.push(error.message))
    await tab.goto(`${pageOrigin}/`, { waitUntil: 'load' })
    await tab.waitForFunction("document.title === 'ready'")
    const tag = `browser-${Date.now()}`
    const result = await tab.evaluate(
      ([baseUrl, apiKey, tag]) =>
        (globalThis as unknown as { runSdk: (...args: string[]) => Promise<Record<string, any>> }).runSdk(baseUrl!, apiKey!, tag!),
      [apiOrigin, MASTER_KEY, tag],
    )
    t.same(errors, [], 'no uncaught error in the page')
    t.equal(result.apiVersion, apiVersion, 'the bundle loads')
    t.equal(result.secureContext, true, 'in a secure context (a loopback origin), as crypto.randomUUID needs')
    t.match(result.created.location, `/api/users/${result.created.id}`, 'create: Location readable across origins')
    t.match(result.created.etag, /^"[^"]+"$/, 'create: ETag readable across origins')
    t.match(result.created.key, /^[0-9a-f-]{36}$/, 'an Idempotency-Key generated in the page')
    t.equal(result.readEtag, result.created.etag, 'get: the same ETag')
    t.equal(result.notModified, true, 'get with ifNoneMatch: 304 as a value')
    t.equal(result.updated.status, 'disabled', 'update: a merge patch with If-Match passes the preflight')
    t.equal(result.stale, 'precondition_failed', 'a stale ifMatch: ProblemError precondition_failed')
    t.equal(result.duplicate, 'email_taken', 'a duplicate email: ProblemError email_taken')
    t.equal(result.listed, 3, 'list: follows the cursor, a user a page')
    t.equal(result.afterDelete, 'not_found', 'delete, then get: not_found')
  })
}
