import { readFile } from 'node:fs/promises'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

describe('the trust administrator reads the audit trail', () => {
  it('opens the audit page, filters by a person, and downloads the CSV of what they did', async () => {
    // Claire Donovan (a head) signs in: the trail records it.
    const head = await b.page()
    await signIn(head, 'head@demo.example.org')
    await head.context().close()

    const page = await b.page()
    await signIn(page, 'admin@demo.example.org')
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click()
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor()
    await page.getByRole('table', { name: 'Audit events' }).waitFor()
    await expectAccessible(page, 'audit trail')

    const person = page.getByRole('search').getByLabel('Person', { exact: true })
    await person.click()
    await person.fill('Claire')
    await page.getByRole('option', { name: /Claire Donovan/ }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('person')).toMatch(/^[0-9a-f-]{36}$/)
    const rows = page.getByRole('table', { name: 'Audit events' }).locator('tbody tr')
    await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes('Claire Donovan'))).toBe(true)
    expect(await rows.count()).toBeGreaterThan(0)
    await expect.poll(async () => (await rows.allTextContents()).some((r) => r.includes('Authn login success'))).toBe(true)
    await screenshot(page, 'audit-filtered-by-person')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await readFile(await download.path(), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const csv = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data
    expect(csv[0]).toEqual(['When (UK time)', 'Who', 'Person id', 'Action', 'Object', 'Object id', 'Outcome', 'Link', 'Detail', 'Request id'])
    expect(csv.length - 1).toBe(await rows.count())
    expect(csv.slice(1).every((r) => r[1] === 'Claire Donovan')).toBe(true)
    expect(csv.slice(1).map((r) => r[3])).toContain('authn_login_success')
  })

  it('sets how long closed work is kept, and the privacy notice says so', async () => {
    const page = await b.page()
    await signIn(page, 'admin@demo.example.org')
    await page.getByRole('navigation').getByRole('link', { name: 'Retention' }).click()
    await page.getByRole('heading', { level: 1, name: 'Keeping closed work' }).waitFor()
    const months = page.getByRole('textbox', { name: /Months to keep/ })
    await expect.poll(() => months.inputValue()).toBe('24')
    await months.fill('36')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Closed work now keeps its words for 36 months.').waitFor()
    await expectAccessible(page, 'retention')

    await page.getByRole('main').getByRole('link', { name: 'privacy notice', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor()
    await page.getByText(/keeps the words of closed work for 36 months after it closes/).waitFor()
    await expectAccessible(page, 'privacy notice')
    await screenshot(page, 'privacy-notice')

    // Put it back for the other journeys.
    await page.goto('/admin/retention')
    await page.getByRole('textbox', { name: /Months to keep/ }).fill('24')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Closed work now keeps its words for 24 months.').waitFor()
  })
})
