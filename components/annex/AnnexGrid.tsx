"use client";

import {
  type ColDef,
  type SortChangedEvent,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type IRowNode,
  type ValueFormatterParams,
} from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Decimal from "decimal.js";
import { countyOrderKey, type AnnexRow as FullAnnexRow, type GridRow } from "@/lib/projects/annex-row";
import { api, ApiError } from "@/components/api-client";
import { gridLocale, gridTheme, withHeaderTooltips } from "@/components/grid/grid-theme";
import type { ProjectProgress } from "@/lib/progress/progress-figures";
import { formatLag, formatRate, LIGHT_LABELS, NOT_STARTED_LABEL, progressMatches, STATUS_FILTER_VALUES, statusLabel } from "@/lib/progress/progress-format";
import { amountViewToInput, compareAmountTexts, formatAmountText, formatWanAsYi, formatWanTextAsYi, summarizeAmountViews } from "@/lib/money/amount-view";
import { gridSortFromParam, gridSortParam, HIDEABLE_COLUMNS, hiddenColumnsFromParam } from "@/components/grid/grid-view-params";
import { neutraliseFormula } from "@/lib/export/spreadsheet-safety";

/** The filters a person sets above the grid; kept in the URL so a view can be linked to. */
// status and light filter on the progress figures, so only apply while a month is chosen.
type AnnexFilters = { q: string; domain: string; county: string; type: string; unit: string; status: string; light: string };
const FILTER_KEYS = ["q", "domain", "county", "type", "unit", "status", "light"] as const;

/** The pinned 合计 row of the rows shown: amounts formatted in 亿元; with a month, its 年度计划 and 本年累计 too. */
type PinnedTotals = { name: string; total: string; fyp: string; annualPlan?: string; yearToDate?: string };

/** Rows drawn beyond the viewport, above and below (AG Grid's default). */
const ROW_BUFFER = 10;

/** Who is looking: decides which cells open for editing (the server decides whether a save is allowed). */
export type GridEditor = { editAny: boolean; unitId: number | null };

/** Grid columns that can be edited in place, and the patch field each one saves. */
const EDITABLE_COLUMNS = {
  seq: { field: "seq", unitMay: false },
  name: { field: "name", unitMay: false },
  type: { field: "type", unitMay: false },
  periodText: { field: "period", unitMay: true },
  locationText: { field: "locationText", unitMay: true },
  content: { field: "content", unitMay: true },
  total: { field: "total", unitMay: false },
  fyp: { field: "fyp", unitMay: false },
} as const;
type EditableColumn = keyof typeof EDITABLE_COLUMNS;

type CellState = { state: "saving" | "saved" | "failed"; message?: string };

/** A grid row: what the page sends (GridRow), or a row the API returned whole after a save. */
type AnnexRow = GridRow;

export function AnnexGrid({
  planCode,
  rows,
  domains,
  editor,
  progress = null,
}: {
  planCode: string;
  rows: AnnexRow[];
  domains: { id: number; name: string }[];
  editor: GridEditor;
  /** Progress columns as of a month, when one is chosen. */
  progress?: { label: string; figures: Record<number, ProjectProgress> } | null;
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const gridApi = useRef<GridApi<AnnexRow> | null>(null);

  const [filters, setFilters] = useState<AnnexFilters>(() => ({
    q: searchParams.get("q") ?? "",
    domain: searchParams.get("domain") ?? "",
    county: searchParams.get("county") ?? "",
    type: searchParams.get("type") ?? "",
    unit: searchParams.get("unit") ?? "",
    status: searchParams.get("status") ?? "",
    light: searchParams.get("light") ?? "",
  }));
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const progressRef = useRef(progress);
  progressRef.current = progress;
  // Another month's figures: the status and light filters test them anew.
  useEffect(() => gridApi.current?.onFilterChanged(), [progress]);

  const [shown, setShown] = useState<AnnexRow[]>(rows);
  // The sort and the columns left out, kept in the URL (?sort=total:desc&hide=content) like the filters.
  const [hidden, setHidden] = useState<string[]>(() => hiddenColumnsFromParam(searchParams.get("hide")));
  const initialSort = useRef(gridSortFromParam(searchParams.get("sort")));
  const setUrlParam = useCallback(
    (key: string, value: string) => {
      const params = new URLSearchParams(window.location.search);
      if (value) params.set(key, value);
      else params.delete(key);
      const query = params.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  // The URL is written outside the state update: Next's router follows history.replaceState,
  // and updating it while React renders is an error.
  const toggleColumn = useCallback(
    (colId: string, show: boolean) => {
      const next = show ? hidden.filter((c) => c !== colId) : [...new Set([...hidden, colId])];
      setHidden(next);
      setUrlParam("hide", next.join(","));
    },
    [hidden, setUrlParam],
  );
  const onSortChanged = useCallback(
    (event: SortChangedEvent<AnnexRow>) => {
      const sorted = event.api.getColumnState().find((c) => c.sort);
      setUrlParam("sort", sorted ? gridSortParam(sorted.colId, sorted.sort!) : "");
    },
    [setUrlParam],
  );
  const [cellStates, setCellStates] = useState<Record<string, CellState>>({});
  const cellStatesRef = useRef(cellStates);
  cellStatesRef.current = cellStates;
  const [saveMessage, setSaveMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const markCell = useCallback((rowId: number, colId: string, state: CellState) => {
    const next = { ...cellStatesRef.current, [`${rowId}:${colId}`]: state };
    cellStatesRef.current = next;
    setCellStates(next);
    gridApi.current?.refreshCells({ columns: [colId], force: true });
  }, []);

  /** Saves one edited cell as a PATCH with the row's version; the row is replaced by what the server stored. */
  const saveCell = useCallback(
    async (row: AnnexRow, colId: EditableColumn, typed: unknown) => {
      const field = EDITABLE_COLUMNS[colId].field;
      const value = field === "total" || field === "fyp" ? { text: String(typed ?? ""), unit: "亿元" } : field === "seq" ? Number(typed) : String(typed ?? "");
      markCell(row.id, colId, { state: "saving" });
      try {
        const { project } = await api<{ project: FullAnnexRow }>(`/api/projects/${row.id}?via=grid`, {
          method: "PATCH",
          body: { version: row.version, [field]: value },
        });
        gridApi.current?.applyTransaction({ update: [project] });
        markCell(row.id, colId, { state: "saved" });
        setSaveMessage({ ok: true, text: `已保存：${project.seq}. ${project.name}` });
      } catch (error) {
        const message = error instanceof ApiError ? error.message : "保存失败";
        markCell(row.id, colId, { state: "failed", message });
        setSaveMessage({ ok: false, text: `未保存（${row.seq}. ${row.name}，您输入的“${String(typed ?? "")}”）：${message}` });
        if (error instanceof ApiError && error.status === 409) {
          // Show the other person's version; what was typed is in the message above.
          const { project } = await api<{ project: FullAnnexRow }>(`/api/projects/${row.id}`);
          gridApi.current?.applyTransaction({ update: [project] });
        }
      }
    },
    [markCell],
  );

  const mayEditCell = useCallback(
    (row: AnnexRow | undefined, colId: EditableColumn) => {
      if (!row) return false;
      if (editor.editAny) return true;
      return EDITABLE_COLUMNS[colId].unitMay && editor.unitId !== null && row.units.some((u) => u.unitId === editor.unitId);
    },
    [editor],
  );

  const options = useMemo(() => filterOptions(rows), [rows]);

  const updateFilter = useCallback(
    (key: keyof AnnexFilters, value: string) => {
      const next = { ...filtersRef.current, [key]: value };
      filtersRef.current = next;
      setFilters(next);
      gridApi.current?.onFilterChanged();
      // Other parameters of the page (the progress month) stay as they are.
      const params = new URLSearchParams(window.location.search);
      for (const k of FILTER_KEYS) {
        if (next[k]) params.set(k, next[k]);
        else params.delete(k);
      }
      const query = params.toString();
      // The history API, not router.replace: the filter is client-side and
      // must not re-render the page on the server at every keystroke.
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );

  const viewExportUrl = (f: AnnexFilters) => {
    const params = new URLSearchParams({ format: "xlsx", view: "1" });
    // Status and light filter only while a month is shown (as in the grid); the month's
    // progress columns go into the export whenever the grid shows them.
    const month = progress ? searchParams.get("progress") : null;
    for (const k of FILTER_KEYS) if (f[k] && (month || (k !== "status" && k !== "light"))) params.set(k, f[k]);
    if (month) params.set("progress", month);
    // Whose figures (口径) the progress columns show, as the page reads them.
    const basis = searchParams.get("basis");
    if (month && basis) params.set("basis", basis);
    // The columns left out on screen are left out of the file.
    if (hidden.length) params.set("hide", hidden.join(","));
    return `/api/plans/${encodeURIComponent(planCode)}/export?${params}`;
  };

  const clearFilters = useCallback(() => {
    for (const key of FILTER_KEYS) updateFilter(key, "");
  }, [updateFilter]);

  const columnDefs = useMemo<ColDef<AnnexRow>[]>(
    () => withHeaderTooltips(withEditing([
      { field: "seq", headerName: "序号", width: 84, pinned: "left", filter: "agNumberColumnFilter", sort: null },
      { field: "domainName", headerName: "领域", width: 130, filter: true, comparator: (_a, _b, x, y) => (x.data?.domainPosition ?? 0) - (y.data?.domainPosition ?? 0) },
      { field: "name", headerName: "项目名称", width: 230, pinned: "left", filter: true, cellRenderer: ProjectNameCell, wrapText: true, autoHeight: true },
      // Progress first when a month is chosen: that is what the reader came for.
      ...(progress ? progressColumns(progress.label, progress.figures) : []),
      { field: "type", headerName: "项目类型", width: 105, filter: true },
      { field: "periodText", headerName: "项目期限", width: 105, filter: true },
      { field: "locationText", headerName: "建设地点", width: 120, filter: true, wrapText: true, autoHeight: true },
      {
        field: "countyLabel",
        headerName: "区县",
        width: 105,
        filter: true,
        tooltipValueGetter: (p) => p.data?.locationRule,
        comparator: (_a, _b, x, y) => countyCompare(x.data, y.data),
      },
      { field: "content", headerName: "建设内容和规模", width: 340, filter: true, wrapText: true, autoHeight: true },
      amountColumn("total", "总投资（亿元）"),
      amountColumn("fyp", "“十四五”投资（亿元）"),
      {
        colId: "units",
        headerName: "组织实施单位",
        width: 220,
        filter: true,
        wrapText: true,
        autoHeight: true,
        // The pinned totals row has no units.
        valueGetter: (p) => p.data?.units?.map((u) => u.publishedName).join("、") ?? "",
      },
    ], mayEditCell, saveCell, cellStatesRef).map((col) => {
      const colId = (col.colId ?? col.field) as string;
      const sort = initialSort.current?.colId === colId ? initialSort.current.sort : undefined;
      return { ...col, hide: hidden.includes(colId), ...(sort ? { sort } : {}) };
    })),
    [mayEditCell, saveCell, progress, hidden],
  );

  const isExternalFilterPresent = useCallback(() => {
    const f = filtersRef.current;
    return Boolean(f.domain || f.county || f.type || f.unit || (progressRef.current && (f.status || f.light)));
  }, []);

  const doesExternalFilterPass = useCallback((node: IRowNode<AnnexRow>) => {
    const row = node.data;
    const f = filtersRef.current;
    if (!row) return false;
    if (f.domain && row.domainName !== f.domain) return false;
    if (f.county && row.countyLabel !== f.county) return false;
    if (f.type && row.type !== f.type) return false;
    if (f.unit && !row.units.some((u) => u.name === f.unit)) return false;
    const p = progressRef.current;
    if (p && !progressMatches(f, p.figures[row.id])) return false;
    return true;
  }, []);

  const onModelUpdated = useCallback(() => {
    const api = gridApi.current;
    if (!api) return;
    const visible: AnnexRow[] = [];
    api.forEachNodeAfterFilter((node) => {
      if (node.data) visible.push(node.data);
    });
    // Only a real change: the pinned totals row this feeds updates the model
    // again, and an unconditional update would loop (starving navigation).
    setShown((previous) => (sameRows(previous, visible) ? previous : visible));
  }, []);

  // Summed once for the line above the grid and its pinned 合计 row.
  const totals = useMemo(
    () => ({ total: summarizeAmountViews(shown.map((r) => r.total)), fyp: summarizeAmountViews(shown.map((r) => r.fyp)) }),
    [shown],
  );

  const pinnedBottomRowData = useMemo<PinnedTotals[]>(() => {
    const { total, fyp } = totals;
    const sum = (pick: (f: ProjectProgress) => string | null) =>
      formatWanAsYi(shown.reduce((s, r) => s.plus(progress?.figures[r.id] ? (pick(progress.figures[r.id]!) ?? 0) : 0), new Decimal(0)));
    const progressTotals = progress ? { annualPlan: sum((f) => f.annualPlanWan), yearToDate: sum((f) => f.yearToDateWan) } : {};
    return [{ name: `合计（${shown.length} 个项目）`, total: formatWanAsYi(total.sumWan), fyp: formatWanAsYi(fyp.sumWan), ...progressTotals }];
  }, [shown, progress, totals]);

  return (
    <>
      <div className="toolbar" role="search">
        <label>
          快速搜索
          <input
            type="search"
            placeholder="项目名称、内容、单位…"
            value={filters.q}
            onChange={(e) => updateFilter("q", e.target.value)}
            aria-label="快速搜索"
          />
        </label>
        <FilterSelect label="领域" value={filters.domain} values={domains.map((d) => d.name)} onChange={(v) => updateFilter("domain", v)} />
        <FilterSelect label="区县" value={filters.county} values={options.counties} onChange={(v) => updateFilter("county", v)} />
        <FilterSelect label="项目类型" value={filters.type} values={options.types} onChange={(v) => updateFilter("type", v)} />
        <FilterSelect label="实施单位" value={filters.unit} values={options.units} onChange={(v) => updateFilter("unit", v)} />
        {progress && (
          <>
            <FilterSelect label="项目状态" value={filters.status} values={STATUS_FILTER_VALUES} onChange={(v) => updateFilter("status", v)} />
            <FilterSelect label="序时进度" value={filters.light} values={Object.values(LIGHT_LABELS)} onChange={(v) => updateFilter("light", v)} />
          </>
        )}
        <button className="button" type="button" onClick={clearFilters}>
          清除筛选
        </button>
        <details className="column-chooser">
          <summary className="button">显示列</summary>
          <div className="column-chooser-list">
            {HIDEABLE_COLUMNS.map((c) => (
              <label key={c.colId}>
                {/* Named as a column to show, not as the filter of the same name. */}
                <input type="checkbox" aria-label={`显示列：${c.label}`} checked={!hidden.includes(c.colId)} onChange={(e) => toggleColumn(c.colId, e.target.checked)} /> {c.label}
              </label>
            ))}
          </div>
        </details>
        <a className="button" href={viewExportUrl(filters)} data-testid="export-view-xlsx">
          导出当前视图（Excel）
        </a>
        <button
          className="button"
          type="button"
          onClick={() =>
            gridApi.current?.exportDataAsCsv({
              fileName: "重大项目表-当前视图.csv",
              columnKeys: progress ? [...EXPORT_COLUMNS.slice(0, 3), ...PROGRESS_COLUMNS, ...EXPORT_COLUMNS.slice(3)] : EXPORT_COLUMNS,
              skipPinnedBottom: true,
              // Amounts exact, other cells as shown; text that could run as a formula in a spreadsheet neutralised.
              processCellCallback: (p) => {
                const id = p.column.getColId();
                const text = id === "total" || id === "fyp" ? String(p.value ?? "") : p.formatValue(p.value);
                return neutraliseFormula(String(text ?? ""));
              },
            })
          }
        >
          导出当前视图（CSV）
        </button>
      </div>
      <p className="summary-line" data-testid="annex-summary">
        显示 <strong data-testid="shown-count">{shown.length}</strong> 个项目（共 {rows.length} 个）；总投资{" "}
        <strong data-testid="shown-total">{formatWanAsYi(totals.total.sumWan)}</strong> 亿元，“十四五”投资{" "}
        <strong data-testid="shown-fyp">{formatWanAsYi(totals.fyp.sumWan)}</strong> 亿元
        <span className="muted">
          {" "}
          （合计只含有数额的项目；总投资待定 {totals.total.pendingCount} 个、不适用 {totals.total.notApplicableCount} 个）
        </span>
      </p>
      {saveMessage && (
        <p className={saveMessage.ok ? "ok-text" : "error-text"} role="status" data-testid="save-status">
          {saveMessage.text}
        </p>
      )}
      <div className="annex-grid" data-testid="annex-grid">
        <AgGridReact<AnnexRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows}
          columnDefs={columnDefs}
          // Headers wrap rather than end in “序…”.
          defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
          onSortChanged={onSortChanged}
          getRowId={(p) => (p.rowPinned ? `pinned-${p.rowPinned}` : String(p.data.id))}
          quickFilterText={filters.q}
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={doesExternalFilterPass}
          pinnedBottomRowData={pinnedBottomRowData}
          onGridReady={(e: GridReadyEvent<AnnexRow>) => {
            gridApi.current = e.api;
            onModelUpdated();
          }}
          onModelUpdated={onModelUpdated}
          tooltipShowDelay={300}
          stopEditingWhenCellsLoseFocus
          // Eleven columns: render them all, so totals and amounts are always in the DOM.
          suppressColumnVirtualisation
          // Rows drawn in the scroll event itself rather than over the next animation frames:
          // scrolling a viewport at a time otherwise showed a frame of rows not yet filled in.
          suppressAnimationFrame
          // Rows a filter removes go at once. Animated, they stayed in the page for a moment where the
          // filter's rows were being drawn, their cells already dropped by AG Grid: a double click
          // there within about a second of choosing a 领域 or typing a search opened no editor and
          // failed inside AG Grid ("Cannot read properties of undefined (reading 'comp')").
          animateRows={false}
          // AG Grid's usual ten rows either side. Drawing only the rows in view first and widening the buffer
          // once they were on screen (setGridOption) saved a few dozen ms, but the redraw it causes could
          // destroy a row being double-clicked for editing ("Cannot read properties of undefined (reading
          // 'comp')" in an e2e run): not worth it.
          rowBuffer={ROW_BUFFER}
        />
      </div>
    </>
  );
}

/** Makes the editable columns editable where the person may, saving each change on its own. */
function withEditing(
  columns: ColDef<AnnexRow>[],
  mayEdit: (row: AnnexRow | undefined, colId: EditableColumn) => boolean,
  save: (row: AnnexRow, colId: EditableColumn, typed: unknown) => Promise<void>,
  states: { current: Record<string, CellState> },
): ColDef<AnnexRow>[] {
  return columns.map((col) => {
    const colId = (col.colId ?? col.field) as string;
    if (!(colId in EDITABLE_COLUMNS)) return col;
    const id = colId as EditableColumn;
    const state = (p: { data?: AnnexRow }) => (p.data ? states.current[`${p.data.id}:${id}`]?.state : undefined);
    return {
      ...col,
      editable: (p) => !p.node.rowPinned && mayEdit(p.data, id),
      cellEditor: id === "content" ? "agLargeTextCellEditor" : id === "seq" ? "agNumberCellEditor" : "agTextCellEditor",
      cellEditorPopup: id === "content",
      cellEditorParams: id === "content" ? { maxLength: 5000, rows: 8, cols: 60 } : {},
      // The grid never changes its copy itself: the server's answer replaces the row.
      valueSetter: (p) => {
        if (p.data && String(p.newValue ?? "") !== String(p.oldValue ?? "")) void save(p.data, id, p.newValue);
        return false;
      },
      cellClassRules: {
        "cell-saving": (p) => state(p) === "saving",
        "cell-saved": (p) => state(p) === "saved",
        "cell-failed": (p) => state(p) === "failed",
      },
    };
  });
}

function amountColumn(field: "total" | "fyp", headerName: string): ColDef<AnnexRow> {
  return {
    colId: field,
    headerName,
    width: 130,
    type: "rightAligned",
    // The cell's value is the exact amount in 亿元 as a person would type it
    // ("15.63", "待定", "不适用"), so editing never starts from a rounded figure;
    // it is shown rounded to one decimal. The pinned totals row arrives formatted.
    valueGetter: (p) => {
      const data = p.data as AnnexRow | PinnedTotals | undefined;
      if (!data) return "";
      return p.node?.rowPinned ? (data as PinnedTotals)[field] : amountViewToInput((data as AnnexRow)[field]).text;
    },
    valueFormatter: (p: ValueFormatterParams<AnnexRow, string>) => formatAmountText(p.value ?? ""),
    // 待定 and —— stay below the figures whichever way the column is sorted.
    comparator: (a: string, b: string, _x, _y, descending) => compareAmountTexts(a, b) * (descending && amountRank(a) !== amountRank(b) ? -1 : 1),
    getQuickFilterText: () => "",
  };
}

const amountRank = (text: string) => (/^\d/.test(text) ? 0 : 1);

function ProjectNameCell(params: ICellRendererParams<AnnexRow>) {
  if (params.node.rowPinned) return <strong>{String(params.value)}</strong>;
  const row = params.data;
  if (!row) return null;
  // Not prefetched: scrolling 5,000 rows would ask the server for every project page that passes by.
  return (
    <Link href={`/projects/${row.id}`} prefetch={false}>
      {row.name}
    </Link>
  );
}

function FilterSelect(props: { label: string; value: string; values: string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-label={props.label}>
        <option value="">全部</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The columns a view's CSV holds: the published ones plus domain and county, amounts as exact 亿元. */
const EXPORT_COLUMNS = ["seq", "domainName", "name", "type", "periodText", "locationText", "countyLabel", "content", "total", "fyp", "units"];
/** The progress columns, exported after the name while a month is shown (as the grid places them). */
const PROGRESS_COLUMNS = ["annualPlan", "yearToDate", "annualRate", "lag", "construction"];

/** Two rows by their counties in the official order. */
function countyCompare(a: AnnexRow | undefined, b: AnnexRow | undefined): number {
  const ka = a ? countyOrderKey(a.locationResolution, a.regionCode) : "9";
  const kb = b ? countyOrderKey(b.locationResolution, b.regionCode) : "9";
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sameRows(a: AnnexRow[], b: AnnexRow[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}

/** One collator for every comparison (the same order as localeCompare(…, "zh-CN"), without its per-call setup over thousands of names). */
const ZH = new Intl.Collator("zh-CN");

function filterOptions(rows: AnnexRow[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort(ZH.compare);
  return {
    // In the official order (GB/T 2260, functional zones, 全市, 未定), as every table lists them.
    counties: [...new Map(rows.map((r) => [r.countyLabel, countyOrderKey(r.locationResolution, r.regionCode)])).entries()]
      .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .map(([label]) => label),
    types: sorted(rows.map((r) => r.type)),
    units: sorted(rows.flatMap((r) => r.units.map((u) => u.name))),
  };
}

/** Exact 万元 figures, absent ones last in both directions. */
function wanComparator(a: string | null, b: string | null, _x: unknown, _y: unknown, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : (a === null ? 1 : -1) * (descending ? -1 : 1);
  return compareAmountTexts(a, b);
}

/** 年度计划, 本年累计, 完成率, 序时进度 and the light as of the chosen month (read-only; the figures come from the server). */
function progressColumns(label: string, figures: Record<number, ProjectProgress>): ColDef<AnnexRow>[] {
  const f = (row: AnnexRow | undefined) => (row?.id === undefined ? undefined : figures[row.id]);
  return [
    {
      colId: "annualPlan",
      headerName: `${label} 年度计划（亿元）`,
      width: 130,
      type: "rightAligned",
      valueGetter: (p) => (p.node?.rowPinned ? ((p.data as PinnedTotals | undefined)?.annualPlan ?? "") : (f(p.data)?.annualPlanWan ?? null)),
      // In 亿元 like the rest of the annex; no plan reads —— and sorts last. The pinned 合计 arrives formatted.
      valueFormatter: (p) => (p.node?.rowPinned ? (p.value ?? "") : p.data?.id === undefined ? "" : p.value === null ? "——" : formatWanTextAsYi(p.value)),
      comparator: wanComparator,
    },
    {
      colId: "yearToDate",
      headerName: `${label} 本年累计（亿元）`,
      width: 130,
      type: "rightAligned",
      valueGetter: (p) => (p.node?.rowPinned ? ((p.data as PinnedTotals | undefined)?.yearToDate ?? "") : (f(p.data)?.yearToDateWan ?? null)),
      valueFormatter: (p) => (p.node?.rowPinned ? (p.value ?? "") : p.data?.id === undefined ? "" : p.value === null ? "——" : formatWanTextAsYi(p.value)),
      comparator: wanComparator,
    },
    { colId: "annualRate", headerName: "完成率", width: 90, type: "rightAligned", valueGetter: (p) => (f(p.data) ? formatRate(f(p.data)!.annualRate) : "") },
    {
      colId: "lag",
      headerName: "序时进度",
      width: 120,
      valueGetter: (p) => {
        const x = f(p.data);
        return x ? `${x.light ? LIGHT_LABELS[x.light] + " " : ""}${formatLag(x.lagPoints)}` : "";
      },
      cellClass: (p) => {
        const light = f(p.data)?.light;
        return light ? `cell-light-${light.toLowerCase()}` : undefined;
      },
    },
    {
      colId: "construction",
      headerName: "项目状态",
      width: 100,
      valueGetter: (p) => {
        const x = f(p.data);
        if (!x) return "";
        return `${statusLabel(x.construction)}${x.notStarted ? `（${NOT_STARTED_LABEL}）` : ""}`;
      },
    },
  ];
}
