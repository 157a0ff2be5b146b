import { DEFAULT_THEME, defaultCssVariablesResolver, mergeMantineTheme } from '@mantine/core'
import { describe, expect, it } from 'vitest'
import { contrastRatio, cssVariablesResolver, theme } from './theme.ts'

const merged = mergeMantineTheme(DEFAULT_THEME, theme)
const stock = defaultCssVariablesResolver(merged)
const vars: Record<string, string> = { '--mantine-color-white': merged.white, ...stock.variables, ...stock.light, ...cssVariablesResolver(merged).light }
/** Follows var(--x) references as the browser would. */
const resolve = (value: string): string => {
  const ref = /^var\((--[\w-]+)\)$/.exec(value)
  if (!ref) return value
  const next = vars[ref[1]!]
  if (next === undefined) throw new Error(`No ${ref[1]}`)
  return resolve(next)
}
const palettes = Object.keys(merged.colors)

describe('the light-scheme colours', () => {
  it.each(palettes)('%s reaches WCAG AA in light, outline and filled badges', (name) => {
    expect(contrastRatio(resolve(`var(--mantine-color-${name}-light-color)`), resolve(`var(--mantine-color-${name}-light)`))).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(resolve(`var(--mantine-color-${name}-outline)`), merged.white)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(merged.white, resolve(`var(--mantine-color-${name}-filled)`))).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(resolve(`var(--mantine-color-${name}-text)`), merged.white)).toBeGreaterThanOrEqual(4.5)
  })

  it('dimmed and error text reach AA on white', () => {
    for (const v of ['--mantine-color-dimmed', '--mantine-color-error', '--mantine-color-success']) expect(contrastRatio(resolve(`var(${v})`), merged.white)).toBeGreaterThanOrEqual(4.5)
  })

  it('palettes that already pass keep Mantine’s colours', () => {
    expect(cssVariablesResolver(merged).light['--mantine-color-indigo-light-color']).toBeUndefined()
    expect(cssVariablesResolver(merged).light['--mantine-color-indigo-filled']).toBeUndefined()
  })
})
