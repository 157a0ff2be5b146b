import { describe, expect, it } from 'vitest'
import { expectAccessible, screenshot, signIn, useBrowser } from './browser.ts'

const b = useBrowser()

const ROLES = [
  { email: 'head@demo.example.org', role: 'Headteacher' },
  { email: 'teacher@demo.example.org', role: 'Teacher' },
  { email: 'central@demo.example.org', role: 'Central team' },
  { email: 'admin@demo.example.org', role: 'Trust administrator' },
]

describe('signing in', () => {
  it('the sign-in page has no serious accessibility problems', async () => {
    const page = await b.page()
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(page.url()).toMatch(/\/login/)
    await expectAccessible(page, 'sign-in')
    await screenshot(page, 'sign-in')
  })

  it('a wrong password shows a clear message and keeps the person on the sign-in page', async () => {
    const page = await b.page()
    await page.goto('/login')
    await page.getByLabel(/^E-mail/).fill('head@demo.example.org')
    await page.getByLabel(/^Password/).fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/do not match/)
  })

  it.each(ROLES)('$role signs in, sees their home, and signs out', async ({ email, role }) => {
    const page = await b.page()
    await signIn(page, email)
    await expect.poll(() => page.getByRole('button', { name: /Account menu/ }).textContent()).toContain(role)
    await expectAccessible(page, `${role} home`)
    await screenshot(page, `home-${role.toLowerCase().replace(/\s+/g, '-')}`)
    await page.getByRole('button', { name: /Account menu/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
  })
})
