import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

type SummaryItem = { term: string; details: ReactNode };

const listStyle: React.CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'minmax(10rem, max-content) 1fr',
  columnGap: token('space.300', '24px'),
  rowGap: token('space.150', '12px'),
  margin: 0,
  padding: 0,
};

const termStyle: React.CSSProperties = { fontWeight: token('font.weight.semibold', '600'), margin: 0 };
const detailsStyle: React.CSSProperties = { margin: 0 };

/** A compact two-column list of terms and their details (a `dl`). */
export function SummaryList({ items }: { items: SummaryItem[] }) {
  return (
    <dl style={listStyle}>
      {items.map(({ term, details }) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt style={termStyle}>{term}</dt>
          <dd style={detailsStyle}>{details}</dd>
        </div>
      ))}
    </dl>
  );
}
