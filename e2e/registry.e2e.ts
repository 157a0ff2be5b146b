import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

/** A made-up word of letters only, unique per run, so the full-text search finds just this run's entry. */
const word = (prefix: string) => prefix + Date.now().toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)

async function openNewEntry(page: Page) {
  await page.goto('/profile')
  await page.getByRole('heading', { level: 1, name: 'My expertise' }).waitFor()
  await page.getByRole('button', { name: 'Add expertise' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add expertise' })
  await dialog.getByRole('form', { name: 'Add expertise' }).waitFor()
  return dialog
}

async function fillEntry(page: Page, dialog: ReturnType<Page['getByRole']>, entry: { title: string; evidence: string; area: string }) {
  await dialog.getByLabel(/^Title/).fill(entry.title)
  await dialog.getByLabel(/^Summary/).fill('I can coach your staff through the daily routine and help leaders check it is working.')
  await dialog.getByLabel(/^Evidence of impact/).fill(entry.evidence)
  const areas = dialog.getByLabel(/^Areas of the framework/)
  await areas.click()
  await areas.fill(entry.area)
  await page.getByRole('option', { name: entry.area, exact: true }).click()
  await page.keyboard.press('Escape').catch(() => {})
  await dialog.getByRole('checkbox', { name: /^Coaching/ }).check()
}

describe('the expertise registry', () => {
  it('a teacher’s new entry is found in the directory by a stemmed word of its evidence', async () => {
    const unique = word('zyntrax')
    const title = `Keep-up sessions that stick ${unique}`
    const page = await b.page()
    await signIn(page, 'teacher@demo.example.org')
    const dialog = await openNewEntry(page)
    await fillEntry(page, dialog, { title, evidence: `${unique} phonics keep-up raised the check pass rate from 71% to 88% in two years.`, area: 'Early reading and phonics' })
    await dialog.getByRole('button', { name: 'Add expertise' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('heading', { level: 3, name: title }).waitFor()

    await page.goto('/expertise')
    await page.getByRole('heading', { level: 1, name: 'Expertise directory' }).waitFor()
    await expectAccessible(page, 'directory')
    await page.getByRole('search').getByLabel('Search expertise').fill(`phonic ${unique}`)
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(`phonic ${unique}`)
    await page.getByRole('region', { name: 'Results' }).getByText(title).first().waitFor()
    await screenshot(page, 'registry-directory-search')
  })

  it('an area the central team adds can be chosen; once retired it is no longer offered, but old entries keep it', async () => {
    const areaName = `Outdoor learning ${word('q')}`
    const central = await b.page()
    await signIn(central, 'central@demo.example.org')
    await central.goto('/framework')
    await central.getByRole('heading', { level: 1, name: 'Framework' }).waitFor()
    await expectAccessible(central, 'framework')
    await central.getByRole('button', { name: /^Add an area to / }).first().click()
    const areaDialog = central.getByRole('dialog', { name: 'Add an area' })
    await areaDialog.getByLabel(/^Name/).fill(areaName)
    await areaDialog.getByRole('button', { name: 'Add area' }).click()
    await areaDialog.waitFor({ state: 'hidden' })
    await central.getByText(areaName, { exact: true }).waitFor()
    await screenshot(central, 'registry-framework-added')

    const title = `Learning outside the classroom ${word('e')}`
    const teacher = await b.page()
    await signIn(teacher, 'teacher@demo.example.org')
    const dialog = await openNewEntry(teacher)
    await fillEntry(teacher, dialog, { title, evidence: 'Weekly outdoor sessions doubled the number of pupils meeting the writing standard in Year 4.', area: areaName })
    await dialog.getByRole('button', { name: 'Add expertise' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const entry = teacher.getByRole('article', { name: title })
    await entry.getByText(areaName, { exact: true }).waitFor()

    await central.getByRole('button', { name: `Retire ${areaName}` }).click()
    await central.getByRole('button', { name: `Restore ${areaName}` }).waitFor()
    await screenshot(central, 'registry-framework-retired')

    const fresh = await openNewEntry(teacher)
    const areas = fresh.getByLabel(/^Areas of the framework/)
    await areas.click()
    await areas.fill(areaName)
    await teacher.getByText('No area by that name').waitFor()
    expect(await teacher.getByRole('option', { name: areaName }).count()).toBe(0)
    await fresh.getByRole('button', { name: 'Cancel' }).click()
    await fresh.waitFor({ state: 'hidden' })

    await teacher.reload()
    await teacher.getByRole('article', { name: title }).getByText(`${areaName} (retired)`, { exact: true }).waitFor()
    await screenshot(teacher, 'registry-profile-retired-area')
  })
})
