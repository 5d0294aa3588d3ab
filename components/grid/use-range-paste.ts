"use client";

// Paste a block copied in Excel or WPS into an AG Grid: AG Grid community has
// no range paste, so the grid's container handles the paste event itself.
// Each covered cell is set through its column's valueSetter, so a pasted value
// is checked exactly as a typed one; cells that are not editable are skipped
// and said so (empty cells of the block leave the grid's alone). One undo puts back what the grid held before the paste.
import type { GridApi } from "ag-grid-community";
import { useCallback, useState, type ClipboardEvent } from "react";
import { parseClipboardTable } from "@/lib/import/clipboard-table";

export type PasteOutcome = { filled: number; skipped: string[]; rows: number; columns: number };

type Options<TData, TSnapshot> = {
  api: () => GridApi<TData> | null;
  /** What undo restores: taken before the paste writes anything. */
  snapshot: () => TSnapshot;
  restore: (snapshot: TSnapshot) => void;
  /** How a row is named in a message ("第 3 项"). */
  rowLabel: (data: TData) => string;
  /** The reason a value was refused, if the valueSetter left one; read and cleared after each cell. */
  takeRefusal?: () => string | null;
};

export function useRangePaste<TData, TSnapshot>({ api, snapshot, restore, rowLabel, takeRefusal }: Options<TData, TSnapshot>) {
  const [outcome, setOutcome] = useState<PasteOutcome | null>(null);
  const [undo, setUndo] = useState<{ snapshot: TSnapshot } | null>(null);

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLElement>) => {
      const grid = api();
      if (!grid) return;
      // While a cell editor is open the paste goes into it, as usual.
      if (grid.getEditingCells().length > 0) return;
      const focused = grid.getFocusedCell();
      const text = event.clipboardData.getData("text/plain");
      if (!focused || !text) return;
      const block = parseClipboardTable(text);
      if (block.length === 0) return;
      event.preventDefault();
      const columns = grid.getAllDisplayedColumns();
      const firstColumn = columns.indexOf(focused.column);
      const before = snapshot();
      const skipped: string[] = [];
      let filled = 0;
      block.forEach((cells, r) => {
        const node = grid.getDisplayedRowAtIndex(focused.rowIndex + r);
        if (!node?.data) {
          skipped.push(`第 ${r + 1} 行超出表格，未粘贴`);
          return;
        }
        cells.forEach((value, c) => {
          // An empty cell of the block leaves the grid's cell as it is (blocks often span read-only columns).
          if (value.trim() === "") return;
          const column = columns[firstColumn + c];
          const where = `${rowLabel(node.data!)}“${column?.getColDef().headerName ?? "表格外"}”`;
          if (!column) {
            skipped.push(`${rowLabel(node.data!)}第 ${c + 1} 列超出表格，未粘贴`);
            return;
          }
          if (!column.isCellEditable(node)) {
            skipped.push(`${where}不可填写`);
            return;
          }
          takeRefusal?.();
          const accepted = node.setDataValue(column, value.trim(), "paste");
          const refusal = takeRefusal?.() ?? null;
          if (accepted === false || refusal) skipped.push(refusal ?? `${where}：“${value}”未被接受`);
          else filled++;
        });
      });
      grid.refreshCells({ force: true });
      setOutcome({ filled, skipped, rows: block.length, columns: Math.max(...block.map((r) => r.length)) });
      setUndo(filled > 0 ? { snapshot: before } : null);
    },
    [api, snapshot, rowLabel, takeRefusal],
  );

  const undoPaste = useCallback(() => {
    if (!undo) return;
    restore(undo.snapshot);
    api()?.refreshCells({ force: true });
    setUndo(null);
    setOutcome(null);
  }, [api, restore, undo]);

  const dismiss = useCallback(() => {
    setOutcome(null);
    setUndo(null);
  }, []);

  return { onPaste, outcome, canUndo: undo !== null, undoPaste, dismiss };
}
