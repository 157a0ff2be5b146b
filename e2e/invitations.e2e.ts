import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

/**
 * Invitations that move on (issue 13, item 4). The demo trust holds Cheddar Grove's request "Reading
 * fluency stalls in Years 3 and 4", whose invitation to Rhiannon Davies was sent on 16 November 2026
 * and never answered; the sweeper, which runs soon after the product starts, expires it on the real
 * clock. The head is told who is next and invites one from the request page with one click.
 */
const TITLE = 'Reading fluency stalls in Years 3 and 4'
const NOTICE = `No answer from Rhiannon Davies: “${TITLE}”`

/** Reloads the notifications until the sweeper's notice is there (it first runs about 10 seconds after start). */
async function waitForNotice(page: Page) {
  const notice = page.getByRole('link', { name: NOTICE })
  const deadline = Date.now() + 60_000
  for (;;) {
    await page.goto('/notifications')
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
    if (await notice.count()) return notice
    if (Date.now() > deadline) throw new Error(`The notice “${NOTICE}” did not arrive within a minute`)
    await page.waitForTimeout(2000)
  }
}

describe('an invitation that moves on', () => {
  it('an invitation expires; the head invites the next suggestion with one click', async () => {
    const page = await b.page()
    await signIn(page, 'head@demo.example.org')

    const notice = await waitForNotice(page)
    const item = page.getByRole('listitem').filter({ has: notice })
    const body = await item.innerText()
    expect(body).toContain('did not answer your invitation within 5 school days, so it has expired.')
    expect(body).toMatch(/The next suggestions? still free (is|are) .+ Open the request to invite one with one click\./)
    // Never the expert who was already asked, whichever of her entries would rank.
    expect(body.split('so it has expired.')[1]).not.toContain('Rhiannon Davies')
    await screenshot(page, 'invitations-1-notice')
    await notice.click()

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
    const panel = page.getByRole('region', { name: 'Your invitation to Rhiannon Davies expired — next suggestions' })
    await panel.waitFor()
    const first = panel.getByRole('article').first()
    const name = (await first.getByRole('button', { name: /^Invite / }).getAttribute('aria-label'))!.replace(/^Invite /, '')
    expect(body).toContain(name)
    expect(name).not.toBe('Rhiannon Davies')
    await screenshot(page, 'invitations-2-next-suggestions')
    await expectAccessible(page, 'request (invitation expired, next suggestions)')

    // One click: no dialog, no form.
    await first.getByRole('button', { name: `Invite ${name}` }).click()
    await page.getByText(`${name} has been invited and has 5 school days to answer.`).waitFor()
    // The only place is now waiting on that invitation, so the panel goes; the offers list shows it.
    await panel.waitFor({ state: 'detached' })
    const offers = page.getByRole('article', { name: name })
    await offers.getByText('Invited', { exact: true }).waitFor()
    await screenshot(page, 'invitations-3-invited')
  })
})
