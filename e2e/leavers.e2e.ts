import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

/**
 * People who leave (docs/decisions/012-people-who-leave.md), on the demo trust: an expert leaves
 * mid-engagement; the receiving head is told and asks for a colleague; the providing head names one; the
 * receiving head accepts; the work continues, is completed and becomes a case. Its own request, with its
 * own expert (Ben Carver) and colleague (Aisha Siddiqui), so the other journeys are undisturbed; Ben is
 * reactivated at the end.
 */
const b = useBrowser()

const unique = 'lumvex' + Date.now().toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)
const title = `Calm corridors ${unique} at lunchtime`
const HEAD = 'head@demo.example.org'
const PROVIDING_HEAD = 'head2@demo.example.org'
const ADMIN = 'admin@demo.example.org'
const LEAVER = { email: 'ben.carver@futura-learning-partnership.example.org', name: 'Ben Carver' }
const COLLEAGUE = { email: 'aisha.siddiqui@futura-learning-partnership.example.org', name: 'Aisha Siddiqui' }
const state = { requestUrl: '', engagementUrl: '', successorUrl: '' }

async function logSession(page: Page, note: string) {
  const log = page.getByRole('form', { name: 'Log a session' })
  await log.getByLabel('Days', { exact: true }).fill('1')
  await log.getByLabel(/^What happened/).fill(note)
  await log.getByRole('button', { name: 'Log a session' }).click()
  await page.getByRole('region', { name: 'Sessions' }).getByText(note).waitFor()
}

async function setActive(page: Page, name: string, active: boolean) {
  await page.goto('/admin/people')
  await page.getByRole('search', { name: 'Filter people' }).getByLabel('Find a person').fill(name)
  const verb = active ? 'Reactivate' : 'Deactivate'
  await page.getByRole('button', { name: `${verb} ${name}` }).click()
  const dialog = page.getByRole('dialog', { name: `${verb} ${name}?` })
  await dialog.getByRole('button', { name: verb, exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe('an expert leaves mid-engagement and a colleague takes the work over', () => {
  it('a head commissions Ben Carver, who logs a first session', async () => {
    const head = await b.page()
    await signIn(head, HEAD)
    await head.goto('/requests/new')
    const form = head.getByRole('form', { name: 'Request' })
    await form.getByLabel(/^Title/).fill(title)
    await form.getByLabel(/^What we see/).fill(`Lunchtimes ${unique} end in corridor incidents that spill into afternoon lessons, and staff respond differently each time.`)
    await form.getByLabel(/^What we have tried/).fill('Extra duty staff and a new rota; incidents moved rather than fell.')
    await form.getByLabel(/^What success looks like/).fill('Every adult uses the same calm routine and afternoon incidents halve within the term.')
    const areas = form.getByLabel(/^Areas/)
    await areas.click()
    await areas.fill('Behaviour')
    await head.getByRole('option', { name: 'Behaviour systems', exact: true }).click()
    await head.keyboard.press('Escape')
    await form.getByRole('checkbox', { name: 'Coaching', exact: true }).check()
    await form.getByLabel('Experts wanted', { exact: true }).fill('1')
    await form.getByLabel('Days per expert', { exact: true }).fill('2')
    await form.getByLabel(/^Window starts/).fill('2027-02-22')
    await form.getByLabel(/^Window ends/).fill('2027-03-26')
    await form.getByRole('button', { name: 'Save draft' }).click()
    await head.getByRole('heading', { level: 1, name: title }).waitFor()
    await head.getByRole('button', { name: 'Publish request' }).click()
    await head.getByRole('button', { name: 'Publish request' }).waitFor({ state: 'detached' })
    state.requestUrl = new URL(head.url()).pathname

    const ben = await b.page()
    await signIn(ben, LEAVER.email)
    await ben.goto(state.requestUrl)
    const offer = ben.getByRole('form', { name: 'Offer help' })
    await offer.getByLabel(/^How you would help/).fill('I wrote our calm, relational behaviour policy and can coach your lunchtime team over two days.')
    await offer.getByLabel('Days you can give', { exact: true }).fill('2')
    await offer.getByRole('button', { name: 'Offer help' }).click()
    await ben.getByRole('heading', { name: 'Your offer' }).waitFor()

    await head.goto(state.requestUrl)
    await head.getByRole('button', { name: `Accept offer from ${LEAVER.name}` }).click()
    const dialog = head.getByRole('dialog', { name: `Accept the offer from ${LEAVER.name}?` })
    await dialog.getByRole('button', { name: 'Accept offer' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await ben.goto(state.requestUrl)
    await ben.getByRole('link', { name: 'Open the engagement' }).click()
    await ben.getByRole('heading', { level: 1, name: title }).waitFor()
    state.engagementUrl = new URL(ben.url()).pathname
    if (await ben.getByText('Release awaiting approval').first().isVisible()) {
      const providing = await b.page()
      await signIn(providing, PROVIDING_HEAD)
      await providing.goto('/releases')
      const card = providing.getByRole('article').filter({ has: providing.getByRole('link', { name: title }) })
      await card.getByRole('button', { name: `Approve release of ${LEAVER.name}` }).click()
      await card.getByText('Release approved').waitFor()
      await ben.reload()
    }
    await logSession(ben, `Walked the lunchtime corridors ${unique} with the duty team.`)
  })

  it('the admin deactivates Ben; the receiving head is told and asks his school for a colleague', async () => {
    const admin = await b.page()
    await signIn(admin, ADMIN)
    await setActive(admin, LEAVER.name, false)

    const head = await b.page()
    await signIn(head, HEAD)
    await head.goto('/notifications')
    await head.getByRole('link', { name: `${LEAVER.name} has left: “${title}”` }).first().click()
    await head.getByRole('heading', { level: 1, name: title }).waitFor()
    const banner = head.getByRole('region', { name: 'The expert has gone' })
    await banner.getByText(`${LEAVER.name} has left the school's expertise exchange`).waitFor()
    await banner.getByText('1 day of the 2 agreed was delivered.', { exact: false }).waitFor()
    expect(await head.getByRole('form', { name: 'Complete engagement' }).count()).toBe(0)
    await screenshot(head, 'leavers-1-expert-has-left')
    await expectAccessible(head, 'engagement (receiving head, expert has left)')
    await banner.getByRole('button', { name: 'Ask for a colleague' }).click()
    const dialog = head.getByRole('dialog', { name: 'Ask Saltford CofE Primary School for a colleague?' })
    await dialog.getByLabel(/^A note for their headteacher/).fill('Someone to finish the lunchtime coaching, please.')
    await dialog.getByRole('button', { name: 'Ask for a colleague' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await head.getByText(/You asked Saltford CofE Primary School for a colleague on/).waitFor()
  })

  it('the providing head finds the request on the releases page and names Aisha Siddiqui', async () => {
    const page = await b.page()
    await signIn(page, PROVIDING_HEAD)
    await page.goto('/releases')
    const asked = page.getByRole('region', { name: 'Colleagues asked for' })
    const card = asked.getByRole('article').filter({ has: page.getByRole('link', { name: title }) })
    await screenshot(page, 'leavers-2-releases-colleague-asked')
    await expectAccessible(page, 'releases (colleague asked for)')
    await card.getByRole('link', { name: `Name a colleague to take over from ${LEAVER.name}` }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const form = page.getByRole('form', { name: 'Name a colleague' })
    await form.getByLabel(/^Colleague/).click()
    await page.getByRole('option', { name: new RegExp(`^${COLLEAGUE.name} — SEN support`) }).click()
    await form.getByLabel(/^Why they can take it on/).fill('Aisha coaches our own lunchtime team and knows the policy Ben wrote.')
    await expectAccessible(page, 'engagement (providing head, name a colleague)')
    await form.getByRole('button', { name: 'Name this colleague' }).click()
    await page.getByText(`You named ${COLLEAGUE.name}; Cheddar Grove Primary School's headteacher is deciding.`).waitFor()
    await screenshot(page, 'leavers-3-colleague-named')
  })

  it('the receiving head accepts Aisha, and the work continues with her', async () => {
    const page = await b.page()
    await signIn(page, HEAD)
    await page.goto(state.engagementUrl)
    await page.getByText(`${COLLEAGUE.name} is offered to take over`).waitFor()
    await screenshot(page, 'leavers-4-colleague-offered')
    await page.getByRole('button', { name: `Accept ${COLLEAGUE.name} to take over` }).click()
    await page.waitForURL((url) => url.pathname !== state.engagementUrl && url.pathname.startsWith('/engagements/'))
    state.successorUrl = new URL(page.url()).pathname
    await page.getByText(`${COLLEAGUE.name} took this work over from`).waitFor()
    await page.getByText('Release approved').first().waitFor()
    await expectAccessible(page, 'engagement (successor)')

    await page.goto(state.engagementUrl)
    await page.getByText(/the work was handed over to/).waitFor()
  })

  it('Aisha logs the day left, the head completes, Aisha reflects, and the case is in the trust’s cases', async () => {
    const aisha = await b.page()
    await signIn(aisha, COLLEAGUE.email)
    await aisha.goto(state.successorUrl)
    await aisha.getByRole('heading', { level: 1, name: title }).waitFor()
    await logSession(aisha, `Coached the lunchtime team through the calm routine ${unique}.`)

    const head = await b.page()
    await signIn(head, HEAD)
    await head.goto(state.successorUrl)
    const complete = head.getByRole('form', { name: 'Complete engagement' })
    await complete.getByRole('radio', { name: '4', exact: true }).check()
    await complete.getByLabel(/^Your reflection/).fill(`Ben began and Aisha finished ${unique}: every adult now uses the same calm routine and afternoon incidents fell by half.`)
    await complete.getByRole('button', { name: 'Complete engagement' }).click()
    await complete.waitFor({ state: 'detached' })

    await aisha.reload()
    const reflect = aisha.getByRole('form', { name: 'Add my reflection' })
    await reflect.getByLabel(/^Your reflection/).fill('Picking up from Ben was easy: the team already trusted the routine, and the second day made it stick.')
    await reflect.getByRole('button', { name: 'Add my reflection' }).click()
    await reflect.waitFor({ state: 'detached' })

    await head.goto('/cases')
    await head.getByRole('search').getByLabel('Search cases').fill(`corridors ${unique}`)
    await head.getByRole('region', { name: 'Cases' }).getByRole('link', { name: title }).first().click()
    await head.getByRole('heading', { level: 1, name: title }).waitFor()
    await screenshot(head, 'leavers-5-case')
    await expectAccessible(head, 'case (after a hand-over)')

    const admin = await b.page()
    await signIn(admin, ADMIN)
    await setActive(admin, LEAVER.name, true)
  })
})
