// The static API reference an integrator keeps: `npm run docs` builds it from openapi.yaml, and
// opened from disk in Debian's headless Chromium, with every request beyond the file refused,
// it renders the document: its title and version, and every operation's summary.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import t from 'tap'
import { HTTP_METHODS, spec } from '../../src/contract/spec.js'
import { chromiumMissing, launchChromium } from '../helpers/chromium.js'
import { uninstrumented } from '../helpers/child-env.js'
import { projectRoot } from '../helpers/e2e-server.js'

const OUTPUT = join(projectRoot, 'docs', 'reference', 'index.html')
/** Bound on the build (a few seconds here); a stuck build fails instead of hanging. */
const BUILD_TIMEOUT_MS = 90_000
/** Bound on every wait in the page. */
const WAIT_MS = 10_000

interface Operation {
  operationId: string
  summary: string
  tag: string
  /** a request the service makes (the document's top-level `webhooks`) */
  webhook: boolean
}
// the operations of the paths, and the requests the service makes (top-level `webhooks`,
// which have no operationId: named by their key)
const operationsOf = (items: Record<string, Record<string, unknown>>, named: boolean): Operation[] =>
  Object.entries(items).flatMap(([key, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const op = item[method] as { operationId?: string; summary?: string; tags?: string[] } | undefined
      return op
        ? [{ operationId: named ? op.operationId! : key, summary: op.summary ?? '', tag: op.tags?.[0] ?? 'default', webhook: !named }]
        : []
    }),
  )
const operations: Operation[] = [
  ...operationsOf(spec.paths, true),
  ...operationsOf(((spec as { webhooks?: Record<string, Record<string, unknown>> }).webhooks ?? {}) as never, false),
]

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Runs `npm run docs` in its own process group, so that a timeout ends npm and everything under it. */
function buildDocs(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'docs'], {
      cwd: projectRoot,
      env: uninstrumented(process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    const collect = (chunk: string) => {
      output += chunk
    }
    child.stdout.setEncoding('utf8').on('data', collect)
    child.stderr.setEncoding('utf8').on('data', collect)
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL')
      reject(new Error(`npm run docs did not finish in ${BUILD_TIMEOUT_MS} ms:\n${output}`))
    }, BUILD_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

const missing = chromiumMissing()
if (missing) t.fail(missing)
else await run()

async function run() {
  await t.test('npm run docs writes one self-contained page', async (t) => {
    // the page is a build output kept between runs: only this build may write the one read here
    rmSync(OUTPUT, { force: true })
    const { code, output } = await buildDocs()
    t.equal(code, 0, 'npm run docs exits 0', { output })
    t.ok(existsSync(OUTPUT), 'docs/reference/index.html exists')
    const html = readFileSync(OUTPUT, 'utf8')
    // what a page loads by itself: scripts, style sheets, module preloads, frames, images
    const external = html.match(/<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+/gi) ?? []
    t.same(external, [], 'it references no script, style sheet or image elsewhere')
  })
  if (!existsSync(OUTPUT)) return

  const browser = await launchChromium()
  t.teardown(() => browser.close())
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  // the network, as far as the page knows, does not exist: every request beyond the file fails
  const requested: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    requested.push(url)
    return url.startsWith('file:') ? route.continue() : route.abort('internetdisconnected')
  })
  const page: Page = await context.newPage()
  page.setDefaultTimeout(WAIT_MS)
  page.setDefaultNavigationTimeout(WAIT_MS)
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))

  const title = String(spec.info.title)
  const menu = page.locator('[data-component-name="Menu/Menu"]')

  await t.test('opened from disk, it shows the API title and version', async (t) => {
    await page.goto(pathToFileURL(OUTPUT).href, { waitUntil: 'load' })
    t.equal(await page.title(), title, 'the browser tab shows the API title')
    const heading = page.getByRole('heading', { level: 1 }).first()
    await heading.waitFor({ state: 'visible' })
    t.equal(
      (await heading.innerText()).trim(),
      `${title} (${String(spec.info.version)})`,
      'the heading shows the title and version of openapi.yaml',
    )
  })

  await t.test('every operation is listed, and opens on its summary', async (t) => {
    t.ok(operations.length > 0, `openapi.yaml declares ${operations.length} operations`)
    // every operation entry the menu shows while each tag is open
    const listed = new Set<string>()
    for (const { operationId, summary, tag, webhook } of operations) {
      const entry = menu.getByText(summary, { exact: true })
      // an operation is listed under its tag, folded until the tag is opened
      if (!(await entry.isVisible())) await menu.getByText(tag, { exact: true }).click()
      await entry.waitFor({ state: 'visible' })
      await entry.click()
      // the page renders operations as they scroll into view: wait for this one's heading
      // (its accessible name adds a "link to …" anchor; its text is the summary alone)
      const heading = page
        .locator('h2')
        // a webhook's heading carries a "Webhook" label after the summary
        .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(summary)}\\s*${webhook ? 'Webhook\\s*' : ''}$`) })
        .first()
      await t.resolves(
        heading.waitFor({ state: 'visible' }),
        `${operationId}: "${summary}" is listed under ${tag} and shown as its heading`,
      )
      for (const text of await menu.locator('.menu-item-type-operation').allInnerTexts()) listed.add(text.replace(/\s+/g, ' ').trim())
    }
    t.equal(listed.size, operations.length, 'and no other operation is listed', { listed: [...listed] })
  })

  await t.test('it made no request beyond the file and logged no error', async (t) => {
    await page.screenshot({ path: join(t.testdir(), 'reference.png'), fullPage: false, timeout: WAIT_MS })
    t.same(
      requested.filter((url) => !url.startsWith('file:')),
      [],
      'every request the page made was for the file itself',
    )
    // Redoc asks its CDN for the Redocly logo; the page's own policy refuses it before any
    // request is made (docs/reference.hbs), which Chromium reports on the console
    const refusedLogo =
      /^Loading the image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini[\w-]*\.svg' violates the following Content Security Policy directive/
    t.same(
      consoleErrors.filter((e) => !refusedLogo.test(e)),
      [],
      'no console error but the refused logo',
    )
  })
}
