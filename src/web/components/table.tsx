/** A column of a data table: its header text, or the text and `num` for a column of figures (class "num", right-aligned). */
export type TableColumn = string | { label: string; num: boolean };

/** The header row of a data table: one `<th scope="col">` a column. */
export function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const { label, num } = typeof c === 'string' ? { label: c, num: false } : c;
          return (
            <th scope="col" class={num ? 'num' : undefined} safe>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
