import { type CSSVariablesResolver, Notification, createTheme, darken, getPrimaryShade, isVirtualColor, luminance } from '@mantine/core'

/** Colours chosen for WCAG AA contrast on white; focus rings stay visible. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  focusRing: 'auto',
  // Users who ask the system for less motion get no fades or slides (WCAG 2.3.3).
  respectReducedMotion: true,
  components: {
    // Links inside sentences must not rely on colour alone (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } },
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      // Under a title Mantine greys the message with grey 6 directly (3.3:1), not through --mantine-color-dimmed.
      styles: (_theme, props) => ({ description: props.title ? { color: 'var(--mantine-color-dimmed)' } : {} }),
    }),
  },
})

/** WCAG AA for normal-size text (badges and alert titles are small). */
const AA = 4.5

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** `colour` as it is when it already reaches AA on `background`, else darkened in small steps until it does. */
export function readableOn(background: string, colour: string): string {
  let c = colour
  while (contrastRatio(c, background) < AA) c = darken(c, 0.04)
  return c
}

/**
 * Mantine's stock light-scheme colours fall below AA for several palettes: light badges and alerts
 * (shade 9 on shade 1) in green, teal, orange, yellow and lime; outline badges and filled buttons
 * (the primary shade, white text) also in cyan; and dimmed (grey 6), error (red 6) and success
 * (teal 8) text. Rather than pick shades page by page, each palette's -light-color, -filled and
 * -outline variables are darkened here only as far as AA needs, so `color="orange" variant="light"`
 * is safe anywhere; palettes that already pass keep Mantine's values. An explicit shade
 * (`color="orange.9"`) bypasses these variables, so prefer plain palette names.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const shade = getPrimaryShade(t, 'light')
  const light: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': 'var(--mantine-color-red-text)',
    '--mantine-color-success': 'var(--mantine-color-teal-text)',
  }
  for (const [name, shades] of Object.entries(t.colors)) {
    if (isVirtualColor(shades)) continue
    // Text on the light variant's tinted background (shade 1).
    const lightColor = readableOn(shades[1], shades[9])
    if (lightColor !== shades[9]) light[`--mantine-color-${name}-light-color`] = lightColor
    // Outline text and border on white; filled background under white text; `c="<colour>"` text.
    const strong = readableOn(t.white, shades[shade])
    if (strong !== shades[shade]) {
      light[`--mantine-color-${name}-filled`] = strong
      light[`--mantine-color-${name}-filled-hover`] = darken(strong, 0.1)
      light[`--mantine-color-${name}-outline`] = strong
    }
  }
  return { variables: {}, light, dark: {} }
}
