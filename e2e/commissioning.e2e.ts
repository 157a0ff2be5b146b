import { describe, expect, it } from 'vitest'
import { screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

/** A made-up word of letters only, unique per run, so searches find just this run's request and case. */
const unique = 'qorvel' + Date.now().toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)
const title = `Fractions confidence ${unique} in upper key stage 2`
const state = { requestUrl: '', engagementUrl: '' }

describe('the commissioning loop, from request to case', () => {
  it('a head raises a request and publishes it', async () => {
    const page = await b.page()
    await signIn(page, 'head@demo.example.org')
    await page.goto('/requests/new')
    await page.getByRole('heading', { level: 1, name: 'Raise a request' }).waitFor()
    const form = page.getByRole('form', { name: 'Request' })
    await form.getByLabel(/^Title/).fill(title)
    await form.getByLabel(/^What we see/).fill(`Pupils in Years 5 and 6 lose confidence with fractions ${unique}: they can follow a method in the lesson but cannot compare or add fractions a week later.`)
    await form.getByLabel(/^What we have tried/).fill('We bought new fraction wall resources and ran booster groups after school, with little lasting change.')
    await form.getByLabel(/^What success looks like/).fill('Most pupils can explain why a method works and the end-of-unit fractions scores rise by a third.')
    const areas = form.getByLabel(/^Areas/)
    await areas.click()
    await areas.fill('Mathematics')
    await page.getByRole('option', { name: 'Mathematics', exact: true }).click()
    await page.keyboard.press('Escape')
    await form.getByRole('checkbox', { name: 'Coaching', exact: true }).check()
    await form.getByLabel('Experts wanted', { exact: true }).fill('1')
    await form.getByLabel('Days per expert', { exact: true }).fill('2')
    await form.getByLabel(/^Window starts/).fill('2027-02-22')
    await form.getByLabel(/^Window ends/).fill('2027-03-26')
    await screenshot(page, 'commissioning-1-request-form')
    await form.getByRole('button', { name: 'Save draft' }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByRole('button', { name: 'Publish request' }).click()
    await page.getByRole('button', { name: 'Publish request' }).waitFor({ state: 'detached' })
    state.requestUrl = new URL(page.url()).pathname
    await screenshot(page, 'commissioning-2-request-published')
  })

  it('a teacher at another school finds it and offers help; the head accepts', async () => {
    const teacher = await b.page()
    await signIn(teacher, 'teacher@demo.example.org')
    await teacher.getByRole('navigation').getByRole('link', { name: 'Requests', exact: true }).click()
    await teacher.getByRole('link', { name: title }).click()
    await teacher.getByRole('heading', { level: 1, name: title }).waitFor()
    const offer = teacher.getByRole('form', { name: 'Offer help' })
    await offer.getByLabel(/^How you would help/).fill('I led our fractions work with bar models and can coach your Year 5 and 6 teachers in class over two days.')
    await offer.getByLabel('Days you can give', { exact: true }).fill('2')
    await offer.getByRole('button', { name: 'Offer help' }).click()
    await teacher.getByRole('heading', { name: 'Your offer' }).waitFor()
    await screenshot(teacher, 'commissioning-3-offer-made')

    const head = await b.page()
    await signIn(head, 'head@demo.example.org')
    await head.goto(state.requestUrl)
    await head.getByRole('button', { name: 'Accept offer from Hannah Osei' }).click()
    const dialog = head.getByRole('dialog', { name: 'Accept the offer from Hannah Osei?' })
    await dialog.getByRole('button', { name: 'Accept offer' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await screenshot(head, 'commissioning-4-offer-accepted')

    await teacher.reload()
    const open = teacher.getByRole('link', { name: 'Open the engagement' })
    await open.click()
    await teacher.getByRole('heading', { level: 1, name: title }).waitFor()
    state.engagementUrl = new URL(teacher.url()).pathname
    expect(state.engagementUrl).toMatch(/^\/engagements\//)
  })

  it('the teacher’s head approves the release (or it was approved automatically)', async () => {
    const page = await b.page()
    await signIn(page, 'head2@demo.example.org')
    await page.goto(state.engagementUrl)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const pending = await page.getByText('Release awaiting approval').first().isVisible()
    if (pending) {
      await page.goto('/releases')
      await page.getByRole('heading', { level: 1, name: 'Releases' }).waitFor()
      const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) })
      await screenshot(page, 'commissioning-5-release-pending')
      await card.getByRole('button', { name: 'Approve release of Hannah Osei' }).click()
      await card.getByText('Release approved').waitFor()
      await page.goto(state.engagementUrl)
    }
    await page.getByText('Release approved').first().waitFor()
    await screenshot(page, 'commissioning-6-release-approved')
  })

  it('the teacher logs a session, the head completes it, the teacher reflects', async () => {
    const teacher = await b.page()
    await signIn(teacher, 'teacher@demo.example.org')
    await teacher.goto(state.engagementUrl)
    const log = teacher.getByRole('form', { name: 'Log a session' })
    await log.getByLabel('Days', { exact: true }).fill('2')
    await log.getByLabel(/^What happened/).fill('Modelled bar-model lessons in Year 5 and coached two teachers.')
    await log.getByRole('button', { name: 'Log a session' }).click()
    await teacher.getByRole('region', { name: 'Sessions' }).getByText('Modelled bar-model lessons').waitFor()
    await screenshot(teacher, 'commissioning-7-session-logged')

    const head = await b.page()
    await signIn(head, 'head@demo.example.org')
    await head.goto(state.engagementUrl)
    const complete = head.getByRole('form', { name: 'Complete engagement' })
    await complete.getByRole('radio', { name: '4', exact: true }).check()
    await complete.getByLabel(/^Your reflection/).fill(`Hannah's coaching changed how our teachers present fractions ${unique}; pupils now explain their methods and the unit scores rose.`)
    await complete.getByRole('button', { name: 'Complete engagement' }).click()
    await complete.waitFor({ state: 'detached' })
    await screenshot(head, 'commissioning-8-completed')

    await teacher.reload()
    const reflect = teacher.getByRole('form', { name: 'Add my reflection' })
    await reflect.getByLabel(/^Your reflection/).fill('A keen team; moving to bar models before any written method was the change that mattered.')
    await reflect.getByRole('button', { name: 'Add my reflection' }).click()
    await reflect.waitFor({ state: 'detached' })
    await teacher.getByRole('region', { name: 'Reflections' }).getByText('moving to bar models').waitFor()
    await screenshot(teacher, 'commissioning-9-reflected')
  })

  it('the case is in the trust’s cases and shows as similar past work for another head', async () => {
    const page = await b.page()
    await signIn(page, 'head@demo.example.org')
    await page.goto('/cases')
    await page.getByRole('search').getByLabel('Search cases').fill(`fractions ${unique}`)
    await page.getByRole('region', { name: 'Cases' }).getByText(title).first().waitFor()
    await screenshot(page, 'commissioning-10-cases')

    const other = await b.page()
    await signIn(other, 'simon.achebe@futura-learning-partnership.example.org')
    await other.goto('/requests/new')
    const form = other.getByRole('form', { name: 'Request' })
    await form.getByLabel(/^Title/).fill(`Fractions ${unique} in Year 6`)
    await form.getByLabel(/^What we see/).fill(`Our pupils lose confidence with fractions ${unique} and forget methods a week later.`)
    const similar = other.getByRole('complementary', { name: 'Similar past work' })
    await similar.getByRole('link', { name: title }).waitFor()
    await screenshot(other, 'commissioning-11-similar-work')
  })
})
