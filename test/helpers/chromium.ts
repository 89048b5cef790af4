// Debian's headless Chromium, driven by playwright-core (which never downloads a browser of its own).
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    // In a container: no sandbox (it needs privileges a container lacks), no GPU, and none of
    // the background requests a fresh profile makes. playwright-core adds `--headless` itself
    // and refuses `--user-data-dir`: it always launches with a fresh profile of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
