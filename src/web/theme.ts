import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9: white on it reads at 5.0:1 and it reads at 4.8:1 on the page background (WCAG AA);
  // shade 8 gave 3.9:1.
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // Visible focus for keyboard users on every control.
  focusRing: 'auto',
  components: {
    // Icon-only close buttons need a name for screen readers and keyboard users. Plain objects,
    // not `Modal.extend(…)`: importing Modal and Drawer here put them (and their scroll area and
    // floating-ui) into every page's first download, the participant's too.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

/**
 * Contrast the theme's defaults miss (measured by axe in test/e2e/accessibility.spec.ts), each
 * now at 4.5:1 or more: dimmed text (gray 6, 3.3:1), placeholders (gray 5, 2.1:1), teal text on
 * the light teal of badges, light buttons and the active menu item (4.3:1), the yellow
 * "Pending" badge and warning text such as "Invited — not yet signed in" (2.7–3.0:1), error
 * messages (red 6, 3.3:1) and hovered primary buttons.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6c757d',
    '--mantine-color-yellow-light-color': '#7c4a00',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Past the last shade a hovered button would turn lighter (teal 8, 3.9:1): darker instead.
    '--mantine-primary-color-filled-hover': '#066649',
    '--mantine-color-teal-filled-hover': '#066649',
    '--mantine-color-teal-light': 'var(--mantine-color-teal-0)',
    '--mantine-color-teal-light-hover': 'var(--mantine-color-teal-1)',
  },
  dark: {},
});
