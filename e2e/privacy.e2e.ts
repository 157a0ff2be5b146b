import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

/** Subject access (issue 14 item 2): a teacher downloads everything held about them from their account page. */
describe('your data', () => {
  it('a teacher downloads their own data from their account page: a page to read and a file, both about them', async () => {
    const page = await b.page()
    await signIn(page, 'teacher@demo.example.org')
    await page.goto('/account')
    await page.getByRole('heading', { name: 'Your data' }).waitFor()
    await expectAccessible(page, 'account (your data)')
    await screenshot(page, 'privacy-1-account')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()])
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.html$/)
    const html = await readFile((await download.path()), 'utf8')
    expect(html).toContain('<h1>Your data on Expertise Exchange: Hannah Osei</h1>')
    expect(html).toContain('teacher@demo.example.org')
    expect(html).toContain('<h2>Your expertise</h2>')

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as a file (JSON)' }).click()])
    expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/)
    const data = JSON.parse(await readFile((await file.path()), 'utf8')) as { requestedBy: string; person: { name: string; email: string }; expertise: unknown[] }
    expect(data).toMatchObject({ requestedBy: 'self', person: { name: 'Hannah Osei', email: 'teacher@demo.example.org' } })
    expect(data.expertise.length).toBeGreaterThan(0)
  })
})
