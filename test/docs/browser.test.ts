// The docs page as a person sees it: the real app over HTTP, Swagger UI at /docs in Debian's
// headless Chromium, driven by playwright-core (which never downloads a browser of its own).
import { copyFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import t from 'tap'
import { listOperations, spec, type OpenApiOperation } from '../../src/contract/spec.js'
import { build, MASTER_KEY } from '../helpers/app.js'
import { chromiumMissing, launchChromium } from '../helpers/chromium.js'

/** Bound on every wait in the page; a broken page fails instead of hanging. */
const WAIT_MS = 10_000

/** Every operation of the contract, in document order, as Swagger UI should list it. */
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.includes(method))
    .map(([method, value]) => {
      const op = value as OpenApiOperation & { summary?: string; tags?: string[] }
      return {
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? 'default',
        codes: Object.keys(op.responses),
      }
    }),
)
const byId = (operationId: string) => {
  const op = operations.find((o) => o.operationId === operationId)
  if (!op) throw new Error(`openapi.yaml has no operation ${operationId}`)
  return op
}

// createUser's request body as "Try it out" starts it: the first example of its first media type
const createUserBody = (() => {
  const content = listOperations().find((o) => o.operationId === 'createUser')?.requestBody?.content ?? {}
  const [first] = Object.values(content) as Array<{ examples?: Record<string, { value?: unknown }> }>
  const value = Object.values(first?.examples ?? {})[0]?.value as Record<string, unknown> | undefined
  if (typeof value?.email !== 'string') throw new Error('openapi.yaml: createUser has no request body example with an email')
  return value as Record<string, unknown> & { email: string }
})()

const missing = chromiumMissing()
if (missing) t.fail(missing)
else await run()

async function run() {
  // The browser is launched before the app is built so that its teardown (registered first)
  // closes it before the app closes, and no open connection keeps the server waiting.
  const browser: Browser = await launchChromium()
  t.teardown(() => browser.close())

  const { app } = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page: Page = await context.newPage()
  page.setDefaultTimeout(WAIT_MS)
  page.setDefaultNavigationTimeout(WAIT_MS)

  const consoleErrors: string[] = []
  const failedRequests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))
  page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`))
  page.on('response', (response) => {
    if (response.status() >= 400)
      failedRequests.push(`${response.request().method()} ${new URL(response.url()).pathname}: HTTP ${response.status()}`)
  })
  // The one failure the test causes on purpose: listUsers executed before authorizing. Chromium
  // reports any 4xx of a fetch on the console too, so that line is expected exactly once as well.
  const intendedFailure = 'GET /api/users: HTTP 401'
  const intendedConsoleError = /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/

  // Swagger UI's element ids write a space of a tag name ("API keys") as "_"
  const opblock = (operationId: string) => page.locator(`[id="operations-${byId(operationId).tag.replace(/\s/g, '_')}-${operationId}"]`)

  await t.test('the page loads and shows the API title and version', async (t) => {
    const response = await page.goto(`${origin}/docs`, { waitUntil: 'load' })
    t.ok(response, 'the navigation got a response')
    t.equal(response?.status(), 200, 'GET /docs → 200 (after any redirect)')
    const heading = page.locator('.information-container .info .title')
    await heading.waitFor({ state: 'visible' })
    t.match(await heading.innerText(), 'User Management API', 'the heading shows the API title')
    t.match(await heading.innerText(), String(spec.info.title), 'the same title as openapi.yaml info.title')
    t.match(await heading.innerText(), String(spec.info.version), 'and its version')
    t.equal(await page.title(), String(spec.info.title), 'the browser tab shows the API title')
    t.match(
      await page.locator('.information-container .info .description').innerText(),
      /schema-first REST API/,
      'the description is rendered',
    )
  })

  await t.test('every operation is listed with its method, path and summary', async (t) => {
    const summaries = operations.map((o) => o.summary)
    for (const summary of ['Create a user', 'List users', 'Get a user']) t.ok(summaries.includes(summary), `openapi.yaml has "${summary}"`)
    for (const { method, path, operationId, summary } of operations) {
      const block = opblock(operationId)
      await block.waitFor({ state: 'visible' })
      t.equal((await block.locator('.opblock-summary-method').innerText()).trim(), method, `${operationId}: method ${method}`)
      t.equal(await block.locator('.opblock-summary-path').getAttribute('data-path'), path, `${operationId}: path ${path}`)
      t.equal((await block.locator('.opblock-summary-description').innerText()).trim(), summary, `${operationId}: summary "${summary}"`)
    }
    // the requests the service makes (top-level `webhooks`) have a section of their own
    const webhooks = Object.values((spec as { webhooks?: Record<string, { post?: { summary?: string } }> }).webhooks ?? {})
    const webhookBlocks = page.locator('.webhooks .opblock')
    t.equal(await webhookBlocks.count(), webhooks.length, 'the webhooks are listed in their own section')
    t.same(
      (await webhookBlocks.locator('.opblock-summary-description').allInnerTexts()).map((text) => text.trim()),
      webhooks.map((w) => w.post?.summary),
      'with their summaries',
    )
    t.equal(await page.locator('.opblock').count(), operations.length + webhooks.length, 'no other operation is listed')
  })

  await t.test('expanding getUser shows its responses', async (t) => {
    const block = opblock('getUser')
    await block.locator('.opblock-summary-control').click()
    const responses = block.locator('.responses-wrapper .responses-table tbody tr.response')
    await responses.first().waitFor({ state: 'visible' })
    const codes: Array<string | null> = []
    for (const row of await responses.all()) codes.push(await row.getAttribute('data-code'))
    t.same(codes, byId('getUser').codes, `the documented response codes are shown (${codes.join(', ')})`)
    t.match(await block.locator('tr.response[data-code="404"] .response-col_description').innerText(), /\S/, '404 has a description')
    await block.locator('.opblock-summary-control').click()
    await block.locator('.opblock-body').waitFor({ state: 'detached' })
  })

  // Execute an operation in the UI ("Try it out", then "Execute") and wait for its response.
  const execute = async (operationId: string, pathname: string) => {
    const block = opblock(operationId)
    const answered = page.waitForResponse(
      (r) => r.request().method() === byId(operationId).method && new URL(r.url()).pathname === pathname,
    )
    await block.locator('button.execute').click()
    const response = await answered
    const status = block.locator('.live-responses-table tbody .response .response-col_status').first()
    await status.waitFor({ state: 'visible' })
    return { response, shownStatus: (await status.innerText()).trim(), block }
  }

  await t.test('before authorizing, listUsers in the UI answers 401', async (t) => {
    t.match(
      await page.locator('.auth-wrapper button.authorize').getAttribute('class'),
      /\bunlocked\b/,
      'the Authorize button shows an open lock',
    )
    const block = opblock('listUsers')
    await block.locator('.opblock-summary-control').click()
    await block.locator('button.try-out__btn').click()
    const { response, shownStatus } = await execute('listUsers', '/api/users')
    t.equal(response.status(), 401, 'the browser’s GET /api/users → 401')
    t.equal(response.request().headers().authorization, undefined, 'it sent no Authorization header')
    t.equal(shownStatus, '401', 'the UI shows the 401 status')
    t.match(
      await block.locator('.live-responses-table .response-col_description .microlight').first().innerText(),
      /"code":\s*"unauthorized"/,
      'and the unauthorized problem',
    )
    // leave the operation as it was
    await block.locator('button.try-out__btn.cancel').click()
    await block.locator('.opblock-summary-control').click()
    await block.locator('.opblock-body').waitFor({ state: 'detached' })
  })

  await t.test('"Authorize" with the master key in the bearerAuth dialog', async (t) => {
    await page.locator('.auth-wrapper button.authorize').click()
    const dialog = page.locator('.dialog-ux .modal-ux')
    await dialog.waitFor({ state: 'visible' })
    t.match(await dialog.locator('.modal-ux-header h3').innerText(), /Available authorizations/, 'the dialog opens')
    const container = dialog.locator('.auth-container').filter({ hasText: 'bearerAuth' })
    t.equal(await container.count(), 1, 'it has a bearerAuth section')
    const input = container.locator('input#auth-bearer-value')
    await input.fill(MASTER_KEY)
    await container.locator('.auth-btn-wrapper button.authorize').click()
    // authorized: the value is masked and the button offers to log out
    await container.locator('.auth-btn-wrapper button', { hasText: 'Logout' }).waitFor({ state: 'visible' })
    t.equal(await input.count(), 0, 'the key input is gone')
    t.match(await container.innerText(), /Authorized/, 'the section says Authorized')
    t.notMatch(await container.innerText(), MASTER_KEY, 'and does not show the key')
    await page.screenshot({ path: join(t.testdir(), 'docs-auth-dialog.png'), timeout: WAIT_MS })
    await dialog.locator('button.btn-done').click()
    await dialog.waitFor({ state: 'detached' })
    t.match(
      await page.locator('.auth-wrapper button.authorize').getAttribute('class'),
      /\blocked\b/,
      'the Authorize button shows a closed lock',
    )
  })

  // the example's address as the service stores it (trimmed, lower-cased)
  const email = createUserBody.email.trim().toLowerCase()
  await t.test('"Try it out" → "Execute" on createUser with its example answers 201 in the UI', async (t) => {
    const block = opblock('createUser')
    await block.locator('.opblock-summary-control').click()
    await block.locator('button.try-out__btn').click()
    const body = block.locator('textarea.body-param__text')
    await body.waitFor({ state: 'visible' })
    t.same(JSON.parse(await body.inputValue()), createUserBody, 'the body starts as the first example of openapi.yaml, sent unchanged')

    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users')
    await block.locator('button.execute').click()
    const apiResponse = await posted
    t.equal(apiResponse.status(), 201, 'the browser’s POST /api/users → 201')
    t.equal(apiResponse.request().headers().authorization, `Bearer ${MASTER_KEY}`, 'it sent the master key')
    t.same(apiResponse.request().postDataJSON(), createUserBody, 'and the example as its body')

    // explicit wait on the live response element, not a sleep
    const status = block.locator('.live-responses-table tbody .response .response-col_status').first()
    await status.waitFor({ state: 'visible' })
    t.equal((await status.innerText()).trim(), '201', 'the UI shows the 201 status')
    const shown = await block.locator('.live-responses-table .response-col_description .microlight').first().innerText()
    t.match(shown, email, 'the UI shows the created user in the response body')
    t.notMatch(shown, /password/i, 'and no password')
    if (typeof createUserBody.password === 'string') t.notOk(shown.includes(createUserBody.password), 'nor the example’s password')
    t.match(await block.locator('.request-url').innerText(), `${origin}/api/users`, 'the request URL shown is this server')
    t.match(await block.locator('.authorization__btn').getAttribute('aria-label'), /\blocked\b/, 'the operation shows a closed lock')
    // the authorized call and its 201, as a person sees them
    const file = join(t.testdir(), 'docs-auth.png')
    await block.locator('.live-responses-table').scrollIntoViewIfNeeded()
    await page.screenshot({ path: file, timeout: WAIT_MS })
    if (process.env.DOCS_AUTH_SCREENSHOT) await copyFile(file, process.env.DOCS_AUTH_SCREENSHOT)
  })

  await t.test('the user created in the UI exists (plain fetch)', async (t) => {
    const res = await fetch(`${origin}/api/users?limit=100`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
      signal: AbortSignal.timeout(WAIT_MS),
    })
    t.equal(res.status, 200)
    const list = (await res.json()) as { data: Array<{ email: string; name: string }> }
    const found = list.data.find((u) => u.email === email)
    t.ok(found, `GET /api/users lists ${email}`)
    t.equal(found?.name, createUserBody.name, 'with the name of the example')
  })

  await t.test('screenshot, no console errors, no failed requests', async (t) => {
    const file = join(t.testdir(), 'docs.png')
    await page.screenshot({ path: file, fullPage: true, timeout: WAIT_MS })
    if (process.env.DOCS_SCREENSHOT) await copyFile(file, process.env.DOCS_SCREENSHOT)
    const unexpected = consoleErrors.filter((e) => !intendedConsoleError.test(e))
    t.same(unexpected, [], 'the page logged no console errors (CSP violations included)')
    t.ok(consoleErrors.filter((e) => intendedConsoleError.test(e)).length <= 1, 'beyond at most the one line for the intended 401')
    t.same(failedRequests, [intendedFailure], 'the page made no failed request but the intended 401')
  })
}
