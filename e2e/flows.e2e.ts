import { readFile } from 'node:fs/promises'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

const sumColumn = (rows: string[][], column: number) => rows.reduce((sum, r) => sum + Number(r[column] ?? 0), 0)

describe('the central team reads the flows', () => {
  it('sees the Sankey of the demo trust, filters by one area, and downloads a CSV whose totals equal the table', async () => {
    const page = await b.page()
    await signIn(page, 'central@demo.example.org')
    await page.getByRole('navigation').getByRole('link', { name: 'Flows', exact: true }).click()
    await page.getByRole('heading', { name: 'Who gives to whom' }).waitFor()
    await page.locator('figure svg').first().waitFor()
    expect(await page.locator('figure svg path').count()).toBeGreaterThan(3)
    await screenshot(page, 'flows-central')
    await expectAccessible(page, 'flows')

    await page.getByRole('search').getByLabel('Area or strand', { exact: true }).click()
    await page.getByRole('search').getByLabel('Area or strand', { exact: true }).fill('Mathematics')
    await page.getByRole('option', { name: 'Mathematics', exact: true }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe('mathematics')
    await page.getByRole('heading', { name: 'Balance of each school' }).waitFor()
    await screenshot(page, 'flows-central-mathematics')

    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Each school’s balance' }) })
    await table.locator('tbody tr').first().waitFor()
    const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')))
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download balance (CSV)' }).click()])
    const csv = Papa.parse<string[]>(await readFile((await download.path()), 'utf8'), { skipEmptyLines: true }).data
    expect(csv[0]).toEqual(['School', 'Cluster', 'Days given', 'Days received', 'Requests raised', 'Commissioned', 'Unmet'])
    const body = csv.slice(1)
    expect(body).toHaveLength(cells.length)
    expect(sumColumn(body, 2)).toBeCloseTo(sumColumn(cells, 2), 5)
    expect(sumColumn(body, 3)).toBeCloseTo(sumColumn(cells, 3), 5)
    expect(sumColumn(body, 2)).toBeCloseTo(sumColumn(body, 3), 5)
  })

  it('a head sees their own school’s give and take, with no serious accessibility problems', async () => {
    const page = await b.page()
    await signIn(page, 'head@demo.example.org')
    await page.getByRole('navigation').getByRole('link', { name: 'Your school’s flows' }).click()
    await page.getByRole('heading', { name: 'Given and received' }).waitFor()
    await expectAccessible(page, 'my school flows')
    await screenshot(page, 'flows-my-school')
  })
})
