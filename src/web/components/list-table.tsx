import { useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Grid, Table, Typography } from 'antd';
import type { TableColumnType, TableProps } from 'antd';

type Breakpoint = keyof ReturnType<typeof Grid.useBreakpoint>;

/** The narrowest a column is squeezed to, and the room a column without a width is left at least. */
const MIN_COLUMN = 64;
const MIN_FLEXIBLE = 160;
/** The checkbox column antd adds for row selection. */
const SELECTION = 56;
/** A tag (a state, a type) wraps between its words inside its cell rather than being cut. */
const TAG_WRAP_CSS = `.kefu-list-table .ant-table-tbody .ant-tag { white-space: normal; overflow-wrap: normal; word-break: keep-all; max-width: 100%; }`;

/**
 * A list's cell text cut with … when it is too long, the whole text on hover (subjects, addresses).
 * `children` shows something richer than the text (a link) with the same cut.
 */
export function CellText({ text, children }: { text: string | null | undefined; children?: ReactNode }) {
  if (!text) return <>—</>;
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: '100%' }}>
      {children ?? text}
    </Typography.Text>
  );
}

function fitColumns<T>(
  columns: readonly TableColumnType<T>[],
  available: number | null,
  reserved: number,
): TableColumnType<T>[] {
  const pinned = columns.filter((c) => c.fixed);
  const free = columns.filter((c) => !c.fixed);
  const widthOf = (c: TableColumnType<T>) => (typeof c.width === 'number' ? c.width : 0);
  const pinnedWidth = pinned.reduce((sum, c) => sum + widthOf(c), 0);
  const sized = free.reduce((sum, c) => sum + widthOf(c), 0);
  const flexible = free.filter((c) => typeof c.width !== 'number').length;
  // A few pixels spare for borders and rounding, so the sum never tips the table over its box.
  const room = available === null ? sized : available - reserved - pinnedWidth - flexible * MIN_FLEXIBLE - 24;
  const scale = sized > room && sized > 0 ? Math.max(room, 0) / sized : 1;
  return columns.map((c) => {
    const width =
      !c.fixed && typeof c.width === 'number' && scale < 1
        ? Math.max(MIN_COLUMN, Math.floor(c.width * scale))
        : c.width;
    // The pinned 操作 column holds buttons; every other cell is cut with … rather than run on.
    const actions = c.fixed === 'right' || c.fixed === 'end';
    return actions ? c : { ...c, width, ellipsis: c.ellipsis ?? true };
  });
}

/**
 * Every list's table (issue 16): it fits its card at 1440 px and wider without scrolling sideways and
 * without text under the pinned 操作 column. Columns keep their widths while they fit; when they do
 * not, the unpinned ones shrink together (never below MIN_COLUMN, a column without a width keeps
 * MIN_FLEXIBLE), cells end in … instead of running on, and columns marked `responsive: ['xxl']` (the
 * low-value ones) are left out below 1600 px. A list passes its columns as to antd's Table, without
 * `scroll.x`.
 */
export function ListTable<T extends object>({
  columns = [],
  scroll,
  rowSelection,
  ...props
}: Omit<TableProps<T>, 'columns'> & { columns?: readonly TableColumnType<T>[] }) {
  const screens = Grid.useBreakpoint();
  const box = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setAvailable(el.clientWidth);
    const observer = new ResizeObserver(() => setAvailable(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const shown = columns.filter((c) => !c.responsive || c.responsive.some((bp) => screens[bp as Breakpoint]));
  const fitted = fitColumns(shown, available, rowSelection ? SELECTION : 0);
  return (
    <div ref={box} className="kefu-list-table" style={{ width: '100%', minWidth: 0 }}>
      <style>{TAG_WRAP_CSS}</style>
      <Table<T>
        tableLayout="fixed"
        columns={fitted}
        rowSelection={rowSelection}
        {...(scroll?.y !== undefined ? { scroll: { y: scroll.y } } : {})}
        {...props}
      />
    </div>
  );
}
