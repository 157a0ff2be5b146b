import { mkdirSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots')

/** One Chromium per test file; each test opens its own context (its own cookies). */
export function useBrowser() {
  const ctx = {} as { browser: Browser; baseUrl: string }
  beforeAll(async () => {
    ctx.baseUrl = inject('baseUrl')
    ctx.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })
  afterAll(async () => {
    await ctx.browser?.close()
  })
  return {
    async page(): Promise<Page> {
      // Reduced motion: the app then skips its transitions, so axe never reads a notification half faded in or out.
      const context = await ctx.browser.newContext({ baseURL: ctx.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' })
      return context.newPage()
    },
    get baseUrl() {
      return ctx.baseUrl
    },
  }
}

export const DEMO_PASSWORD = 'demo-password-1'

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel(/^E-mail/).fill(email)
  await page.getByLabel(/^Password/).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor()
}

/** axe with the WCAG 2.x A/AA tags; the test fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
