import type { ReactNode } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';

export type Column = {
  key: string;
  label: string;
  /** Share of the table's width, in percent. */
  width?: number;
};

type Row = { key: string; cells: ReactNode[] };

type Props = {
  /** Accessible name of the table, e.g. "Recent imports". */
  label: string;
  columns: Column[];
  rows: Row[];
};

/** A read-only table: one header row, one row per item, cells in the order of `columns`. */
export function DataTable({ label, columns, rows }: Props) {
  return (
    <DynamicTable
      label={label}
      head={{ cells: columns.map(({ key, label: content, width }) => ({ key, content, width })) }}
      rows={rows.map((row) => ({
        key: row.key,
        cells: row.cells.map((content, index) => ({ key: columns[index]?.key ?? index, content })),
      }))}
    />
  );
}
