import type { ReactNode } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import { Box, xcss } from '@atlaskit/primitives';

export type Column = {
  key: string;
  label: string;
  /** Share of the table's width, in percent (a hint: a value never wraps inside a word). */
  width?: number;
  /**
   * Prose (a reason, a message): wraps between words. Every other column (times, ids, names, statuses,
   * actions) stays on one line, so "WORKSTATION-01" is never split at its hyphen.
   */
  wraps?: boolean;
};

type Row = { key: string; cells: ReactNode[] };

type Props = {
  /** Accessible name of the table, e.g. "Recent imports". */
  label: string;
  columns: Column[];
  rows: Row[];
};

/** Scrolls sideways inside the page when the page is narrower than the table, instead of breaking values. */
const scrollStyles = xcss({ overflowX: 'auto', width: '100%' });

/** A read-only table: one header row, one row per item, cells in the order of `columns`. */
export function DataTable({ label, columns, rows }: Props) {
  return (
    <Box xcss={scrollStyles}>
      <DynamicTable
        label={label}
        head={{ cells: columns.map(({ key, label: content, width }) => ({ key, content, width })) }}
        rows={rows.map((row) => ({
          key: row.key,
          cells: row.cells.map((content, index) => {
            const column = columns[index];
            return {
              key: column?.key ?? index,
              content: column?.wraps ? content : <span style={{ whiteSpace: 'nowrap' }}>{content}</span>,
            };
          }),
        }))}
      />
    </Box>
  );
}
