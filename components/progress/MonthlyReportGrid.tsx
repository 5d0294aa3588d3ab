"use client";

// A unit fills a month for all its projects at once: one editable grid, saved
// as drafts, then submitted. Typing 1–N月累计 derives the month's amount (the
// server checks it again); returned rows show the DRC's comment.
import type { CellValueChangedEvent, ColDef, GridApi, ICellRendererParams, ValueGetterParams, ValueSetterParams } from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { useRangePaste } from "@/components/grid/use-range-paste";
import { parseReportDate } from "@/lib/progress/report-dates";
import { gridLocale, gridTheme, withHeaderTooltips } from "@/components/grid/grid-theme";
import type { MonthlySheet, SheetRow } from "@/lib/progress/monthly-sheet";
import type { SeenReport } from "@/lib/progress/progress-input";
import { progressRules } from "@/lib/progress/progress-rules";
import { addWan, formatLag, formatRate, formatWanText, LIGHT_LABELS, subtractWan } from "@/lib/progress/progress-format";
import {
  CONSTRUCTION_LABELS,
  CONSTRUCTION_STATUSES,
  REPORT_STATUS_LABELS,
  type ConstructionStatus,
  type ReportRowInput,
} from "@/lib/progress/progress-input";

type Edit = Partial<{
  monthWan: string;
  physicalProgress: string;
  construction: ConstructionStatus;
  actualStart: string | null;
  actualCompletion: string | null;
}>;

/** What a row shows: the person's edit, else the newest revision, else what carries over from last month. */
function current(row: SheetRow, edit: Edit | undefined) {
  const base = row.latest ?? row.carry;
  return {
    monthWan: edit?.monthWan ?? row.latest?.monthWan ?? null,
    physicalProgress: edit?.physicalProgress ?? base?.physicalProgress ?? "",
    construction: (edit?.construction ?? base?.construction ?? "PREPARATION") as ConstructionStatus,
    actualStart: edit && "actualStart" in edit ? (edit.actualStart ?? null) : (base?.actualStart ?? null),
    actualCompletion: edit && "actualCompletion" in edit ? (edit.actualCompletion ?? null) : (base?.actualCompletion ?? null),
  };
}

const NUMBER = /^\s*[0-9０-９,，]*\.?[0-9０-９]*\s*$/;

export function MonthlyReportGrid({ sheet }: { sheet: MonthlySheet }) {
  const router = useRouter();
  const gridApi = useRef<GridApi<SheetRow> | null>(null);
  const [edits, setEdits] = useState<Record<number, Edit>>({});
  const editsRef = useRef(edits);
  editsRef.current = edits;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The reason the last value was refused, for a paste to report cell by cell.
  const refusal = useRef<string | null>(null);
  const refuse = useCallback((text: string) => {
    refusal.current = text;
    setMessage({ ok: false, text });
  }, []);
  const monthName = `${sheet.month.year}年${sheet.month.month}月`;

  const editable = useCallback((row: SheetRow | undefined) => !!row && row.canReport && row.state !== "SUBMITTED", []);

  const setEdit = useCallback((projectId: number, patch: Edit) => {
    const next = { ...editsRef.current, [projectId]: { ...editsRef.current[projectId], ...patch } };
    editsRef.current = next;
    setEdits(next);
  }, []);

  const columns = useMemo<ColDef<SheetRow>[]>(() => {
    const value = (p: ValueGetterParams<SheetRow>) => current(p.data!, editsRef.current[p.data!.projectId]);
    // 本年累计 as the grid shows it (typed, or saved), and the figures derived from it by the server's rules.
    const yearToDate = (row: SheetRow): string | null => {
      const month = current(row, editsRef.current[row.projectId]).monthWan;
      return month === null || month === "" ? (row.figures?.yearToDateWan ?? null) : addWan(row.yearToDateBeforeWan, month);
    };
    const live = (row: SheetRow) => {
      const ytd = yearToDate(row);
      return ytd === null
        ? null
        : progressRules({ annualPlanWan: row.figures?.annualPlanWan ?? null, yearToDateWan: ytd, month: sheet.month.month, yellowLagPoints: sheet.thresholds.yellowLagPoints, redLagPoints: sheet.thresholds.redLagPoints });
    };
    const isEditable = (p: { data?: SheetRow }) => editable(p.data);
    return [
      { headerName: "序号", field: "seq", width: 80, pinned: "left" },
      {
        headerName: "项目名称",
        field: "name",
        width: 240,
        pinned: "left",
        cellRenderer: (p: ICellRendererParams<SheetRow>) => <Link prefetch={false} href={`/projects/${p.data!.projectId}`}>{p.value}</Link>,
      },
      {
        headerName: "填报状态",
        colId: "state",
        width: 110,
        valueGetter: (p) => (editsRef.current[p.data!.projectId] ? "未保存" : p.data!.finished ? "已竣工" : REPORT_STATUS_LABELS[p.data!.state]),
        cellRenderer: (p: ICellRendererParams<SheetRow>) => (
          <span className={`badge report-${editsRef.current[p.data!.projectId] ? "dirty" : p.data!.state.toLowerCase()}`} data-testid={`state-${p.data!.seq}`}>
            {p.value}
          </span>
        ),
      },
      {
        // Reported once, in the lowest plan listing its 项目代码: here it is read, not written.
        headerName: "填报于",
        colId: "reportedIn",
        width: 150,
        hide: !sheet.rows.some((r) => r.reportedIn),
        valueGetter: (p) => (p.data!.reportedIn ? `《${p.data!.reportedIn.planName}》` : "本规划"),
        cellRenderer: (p: ICellRendererParams<SheetRow>) =>
          p.data!.reportedIn ? (
            <Link prefetch={false} href={`/plans/${p.data!.reportedIn.planCode}/progress?month=${sheet.month.year}-${String(sheet.month.month).padStart(2, "0")}`} data-testid={`reported-in-${p.data!.seq}`}>
              {p.value}
            </Link>
          ) : (
            <span className="muted">{p.value}</span>
          ),
      },
      {
        headerName: "当月完成（万元）",
        colId: "monthWan",
        width: 130,
        editable: isEditable,
        type: "rightAligned",
        valueGetter: (p) => value(p).monthWan,
        valueSetter: (p: ValueSetterParams<SheetRow>) => {
          const text = String(p.newValue ?? "").trim();
          if (!NUMBER.test(text)) {
            refuse(`第 ${p.data.seq} 项：“${text}”不是数字（万元）`);
            return false;
          }
          setEdit(p.data.projectId, { monthWan: text.replace(/[,，]/g, "") });
          return true;
        },
        valueFormatter: (p) => (p.value === null || p.value === "" ? "" : formatWanText(p.value)),
      },
      {
        headerName: "本年累计（万元）",
        colId: "yearToDate",
        width: 130,
        editable: isEditable,
        type: "rightAligned",
        headerTooltip: "1–N月累计；也可直接填写累计数，当月完成由系统推算",
        valueGetter: (p) => yearToDate(p.data!),
        valueSetter: (p: ValueSetterParams<SheetRow>) => {
          const text = String(p.newValue ?? "").trim().replace(/[,，]/g, "");
          if (!NUMBER.test(text) || text === "") {
            refuse(`第 ${p.data.seq} 项：“${text}”不是数字（万元）`);
            return false;
          }
          const month = subtractWan(text, p.data.yearToDateBeforeWan);
          if (month.startsWith("-")) {
            refuse(`第 ${p.data.seq} 项：本年累计 ${text} 万元小于截至上月的累计 ${p.data.yearToDateBeforeWan} 万元，累计数不能下降`);
            return false;
          }
          setEdit(p.data.projectId, { monthWan: month });
          return true;
        },
        valueFormatter: (p) => (p.value === null ? "" : formatWanText(p.value)),
      },
      { headerName: "年度计划（万元）", colId: "annualPlan", width: 120, type: "rightAligned", valueGetter: (p) => p.data!.figures?.annualPlanWan ?? null, valueFormatter: (p) => formatWanText(p.value) },
      { headerName: "完成率", colId: "annualRate", width: 90, type: "rightAligned", headerTooltip: "表中本年累计 ÷ 年度计划（随填写即时计算）", valueGetter: (p) => formatRate(live(p.data!)?.annualRate ?? null) },
      {
        headerName: "序时进度",
        colId: "lag",
        width: 110,
        headerTooltip: "与序时进度（已过月份 ÷ 12）的差，单位：百分点（随填写即时计算）",
        valueGetter: (p) => live(p.data!)?.lagPoints ?? null,
        cellRenderer: (p: ICellRendererParams<SheetRow>) => {
          const f = live(p.data!);
          return (
            <span>
              {f?.light && <span className={`light light-${f.light.toLowerCase()}`} title={LIGHT_LABELS[f.light]} />}
              {formatLag(f?.lagPoints ?? null)}
            </span>
          );
        },
      },
      {
        headerName: "项目状态",
        colId: "construction",
        width: 100,
        editable: isEditable,
        cellEditor: "agSelectCellEditor",
        cellEditorParams: { values: CONSTRUCTION_STATUSES.map((s) => CONSTRUCTION_LABELS[s]) },
        valueGetter: (p) => CONSTRUCTION_LABELS[value(p).construction],
        valueSetter: (p: ValueSetterParams<SheetRow>) => {
          const status = CONSTRUCTION_STATUSES.find((s) => CONSTRUCTION_LABELS[s] === String(p.newValue ?? "").trim());
          if (!status) {
            refuse(`第 ${p.data.seq} 项：“${p.newValue ?? ""}”不是项目状态，应为前期、在建、竣工或停缓建`);
            return false;
          }
          setEdit(p.data.projectId, { construction: status });
          return true;
        },
      },
      {
        headerName: "形象进度",
        colId: "physicalProgress",
        width: 260,
        editable: isEditable,
        cellEditor: "agLargeTextCellEditor",
        cellEditorPopup: true,
        cellEditorParams: { maxLength: 1000 },
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => value(p).physicalProgress,
        valueSetter: (p: ValueSetterParams<SheetRow>) => {
          setEdit(p.data.projectId, { physicalProgress: String(p.newValue ?? "") });
          return true;
        },
      },
      ...(["actualStart", "actualCompletion"] as const).map(
        (key): ColDef<SheetRow> => ({
          headerName: key === "actualStart" ? "实际开工日期" : "实际竣工日期",
          colId: key,
          width: 125,
          editable: isEditable,
          cellEditor: "agDateStringCellEditor",
          valueGetter: (p) => value(p)[key],
          valueSetter: (p: ValueSetterParams<SheetRow>) => {
            const parsed = parseReportDate(String(p.newValue ?? ""));
            if (!parsed.ok) {
              refuse(`第 ${p.data.seq} 项：${parsed.error}`);
              return false;
            }
            setEdit(p.data.projectId, { [key]: parsed.date });
            return true;
          },
        }),
      ),
      {
        headerName: "协调事项",
        colId: "issues",
        width: 95,
        valueGetter: (p) => p.data!.openIssues,
        cellRenderer: (p: ICellRendererParams<SheetRow>) =>
          p.value ? <Link prefetch={false} href={`/projects/${p.data!.projectId}#issues`}>{p.value} 项未解决</Link> : <span className="muted">无</span>,
      },
      { headerName: "实施单位", field: "units", width: 200, wrapText: true, autoHeight: true },
      {
        headerName: "审核意见",
        colId: "review",
        width: 220,
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => (p.data!.latest?.reviewComment ? `${p.data!.latest.reviewerName ?? ""}：${p.data!.latest.reviewComment}` : ""),
      },
    ];
  }, [editable, setEdit, refuse, sheet]);
  const headedColumns = useMemo(() => withHeaderTooltips(columns), [columns]);

  const paste = useRangePaste<SheetRow, Record<number, Edit>>({
    api: () => gridApi.current,
    snapshot: () => editsRef.current,
    restore: (saved) => {
      editsRef.current = saved;
      setEdits(saved);
    },
    rowLabel: (row) => `第 ${row.seq} 项`,
    takeRefusal: () => {
      const text = refusal.current;
      refusal.current = null;
      return text;
    },
  });

  const onCellValueChanged = useCallback((event: CellValueChangedEvent<SheetRow>) => {
    event.api.refreshCells({ rowNodes: [event.node], force: true });
  }, []);

  function rowsToSave(projectIds: number[]): ReportRowInput[] {
    return projectIds.map((id) => {
      const row = sheet.rows.find((r) => r.projectId === id)!;
      const shown = current(row, editsRef.current[id]);
      return {
        projectId: id,
        baseReportId: row.latest?.id ?? null,
        baseVersion: row.latest?.version ?? null,
        monthWan: shown.monthWan ?? "",
        physicalProgress: shown.physicalProgress,
        construction: shown.construction,
        actualStart: shown.actualStart,
        actualCompletion: shown.actualCompletion,
      };
    });
  }

  /** Saves the edited rows; the saved reports' ids and versions (for submitting next), or null when nothing was saved. */
  async function save(): Promise<SeenReport[] | null> {
    gridApi.current?.stopEditing();
    const dirty = Object.keys(editsRef.current).map(Number);
    if (dirty.length === 0) return [];
    const rows = rowsToSave(dirty);
    const missing = rows.find((r) => r.monthWan === "");
    if (missing) {
      const row = sheet.rows.find((r) => r.projectId === missing.projectId)!;
      setMessage({ ok: false, text: `第 ${row.seq} 项《${row.name}》：请填写当月完成投资（没有投资请填 0）` });
      return null;
    }
    const body = { year: sheet.month.year, month: sheet.month.month, rows };
    let result: { reports: SeenReport[] };
    try {
      result = await api<{ reports: SeenReport[] }>("/api/plans/" + sheet.plan.code + "/progress/reports", { method: "POST", body });
    } catch (error) {
      if (error instanceof ApiError && error.code === "needs_confirmation") {
        const ok = window.confirm(`${error.details?.warnings?.join("\n") ?? error.message}\n\n确认保存吗？`);
        if (!ok) {
          setMessage({ ok: false, text: "未保存：已取消确认，本次修改没有保存（仍在表格中，可修改后重新保存）" });
          return null;
        }
        try {
          result = await api<{ reports: SeenReport[] }>("/api/plans/" + sheet.plan.code + "/progress/reports", { method: "POST", body: { ...body, confirmWarnings: true } });
        } catch (again) {
          setMessage({ ok: false, text: `未保存：${again instanceof ApiError ? again.message : "保存失败"}` });
          return null;
        }
      } else {
        setMessage({ ok: false, text: `未保存：${error instanceof ApiError ? error.message : "保存失败"}` });
        return null;
      }
    }
    editsRef.current = {};
    setEdits({});
    setMessage({ ok: true, text: `已保存 ${dirty.length} 个项目的${monthName}草稿` });
    router.refresh();
    return result.reports;
  }

  async function submit(all: boolean) {
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      // The version each draft has now, as this page knows it: just saved, or as loaded.
      const seen = new Map<number, SeenReport>();
      for (const r of sheet.rows) if (r.canReport && r.latest?.status === "DRAFT") seen.set(r.projectId, { projectId: r.projectId, reportId: r.latest.id, version: r.latest.version });
      for (const s of saved) seen.set(s.projectId, s);
      const selected = (gridApi.current?.getSelectedRows() ?? []).map((r) => r.projectId);
      const reports = all ? [...seen.values()] : selected.flatMap((id) => (seen.has(id) ? [seen.get(id)!] : []));
      if (reports.length === 0) {
        setMessage({ ok: false, text: all ? "没有待提交的草稿" : "请先勾选已保存为草稿的项目" });
        return;
      }
      const result = await api<{ submitted: number }>(`/api/plans/${sheet.plan.code}/progress/submissions`, {
        method: "POST",
        body: { year: sheet.month.year, month: sheet.month.month, reports },
      });
      setMessage({ ok: true, text: `已提交 ${result.submitted} 个项目的${monthName}填报，等待发改委审核` });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: `未提交：${error instanceof ApiError ? error.message : "提交失败"}` });
    } finally {
      setBusy(false);
    }
  }

  const dirtyCount = Object.keys(edits).length;
  const anyWritable = sheet.rows.some((r) => r.canReport);
  return (
    <>
      {anyWritable && (
        <div className="action-bar">
          <button className="button" disabled={busy || dirtyCount === 0} onClick={() => void save()}>
            保存草稿{dirtyCount ? `（${dirtyCount}）` : ""}
          </button>
          <button className="button" disabled={busy} onClick={() => void submit(false)}>
            提交所选
          </button>
          <button className="button primary" disabled={busy} onClick={() => void submit(true)}>
            提交全部草稿
          </button>
          <span className="muted">双击单元格填写，或在 Excel / WPS 中复制一块单元格，点选起始单元格后按 Ctrl+V 粘贴；当月完成和本年累计填其一即可。已审核的填报如需更正，修改后重新提交，原记录保留在历史中。</span>
        </div>
      )}
      {message && (
        <p className={message.ok ? "save-ok" : "alert"} role={message.ok ? "status" : "alert"} data-testid="report-message">
          {message.text}
        </p>
      )}
      {paste.outcome && (
        <div className={paste.outcome.skipped.length ? "warning-box" : "notice"} role="status" data-testid="paste-result">
          已粘贴 {paste.outcome.filled} 个单元格（复制的区域 {paste.outcome.rows} 行 × {paste.outcome.columns} 列）
          {paste.outcome.skipped.length > 0 && `，${paste.outcome.skipped.length} 个未粘贴：`}
          {paste.outcome.skipped.length > 0 && (
            <ul>
              {paste.outcome.skipped.slice(0, 20).map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          )}{" "}
          {paste.canUndo && (
            <button className="button" onClick={paste.undoPaste}>
              撤销粘贴
            </button>
          )}{" "}
          <button className="button" onClick={paste.dismiss}>
            知道了
          </button>
        </div>
      )}
      <div className="annex-grid" data-testid="report-grid" onPaste={paste.onPaste}>
        <AgGridReact<SheetRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={sheet.rows}
          columnDefs={headedColumns}
          defaultColDef={{ wrapHeaderText: true, autoHeaderHeight: true }}
          getRowId={(p) => String(p.data.projectId)}
          rowSelection={{ mode: "multiRow", isRowSelectable: (node) => !!node.data?.canReport, enableClickSelection: false }}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          onGridReady={(e) => (gridApi.current = e.api)}
          onCellValueChanged={onCellValueChanged}
          tooltipShowDelay={300}
        />
      </div>
    </>
  );
}
