/** Atlassian design tokens the UI Kit props name, as plain CSS values (light theme). */

const SPACE: Record<string, string> = {
  'space.0': '0px',
  'space.025': '2px',
  'space.050': '4px',
  'space.075': '6px',
  'space.100': '8px',
  'space.150': '12px',
  'space.200': '16px',
  'space.250': '20px',
  'space.300': '24px',
  'space.400': '32px',
  'space.500': '40px',
  'space.600': '48px',
  'space.800': '64px',
  'space.1000': '80px',
};

export const space = (token: unknown): string | undefined => (typeof token === 'string' ? (SPACE[token] ?? undefined) : undefined);

const COLORS: Record<string, string> = {
  'color.text': '#172B4D',
  'color.text.subtle': '#44546F',
  'color.text.subtlest': '#626F86',
  'color.text.disabled': '#8993A4',
  'color.text.inverse': '#FFFFFF',
  'color.text.brand': '#0C66E4',
  'color.text.danger': '#AE2E24',
  'color.text.warning': '#A54800',
  'color.text.success': '#216E4E',
  'color.text.discovery': '#5E4DB2',
  'color.text.information': '#0055CC',
  'color.link': '#0C66E4',
  'color.background.neutral': '#091E420F',
  'color.background.neutral.subtle': 'transparent',
  'color.background.input': '#FFFFFF',
  'color.background.brand.bold': '#0C66E4',
  'color.background.danger': '#FFECEB',
  'color.background.warning': '#FFF7D6',
  'color.background.success': '#DCFFF1',
  'color.background.information': '#E9F2FF',
  'color.background.discovery': '#F3F0FF',
  'elevation.surface': '#FFFFFF',
  'elevation.surface.sunken': '#F7F8F9',
  'elevation.surface.raised': '#FFFFFF',
  'color.border': '#091E4224',
};

export const color = (token: unknown): string | undefined => (typeof token === 'string' ? (COLORS[token] ?? undefined) : undefined);

const ALIGN: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch', baseline: 'baseline' };

export const align = (value: unknown): string | undefined => (typeof value === 'string' ? ALIGN[value] : undefined);

/** `xcss({...})` objects hold token names as values: the ones that are tokens become CSS values. */
export function xcssStyle(xcss: unknown): Record<string, string> {
  if (!xcss || typeof xcss !== 'object') return {};
  const style: Record<string, string> = {};
  for (const [prop, value] of Object.entries(xcss as Record<string, unknown>)) {
    if (typeof value === 'number') style[prop] = `${value}px`;
    else if (typeof value === 'string') style[prop] = space(value) ?? color(value) ?? value;
  }
  return style;
}
