"use client";

// The look every AG Grid of the application shares: Chinese fonts and locale.
import { AG_GRID_LOCALE_CN } from "@ag-grid-community/locale";
import * as AG from "ag-grid-community";
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef } from "ag-grid-community";

const EXP_SLIM = typeof window !== "undefined" && window.location.search.includes("exp-slim");
ModuleRegistry.registerModules(EXP_SLIM ? [AG.ClientSideRowModelModule, AG.ClientSideRowModelApiModule, AG.CsvExportModule, AG.TextEditorModule, AG.NumberEditorModule, AG.LargeTextEditorModule, AG.TextFilterModule, AG.NumberFilterModule, AG.QuickFilterModule, AG.ExternalFilterModule, AG.ColumnApiModule, AG.RowApiModule, AG.RenderApiModule, AG.PinnedRowModule, AG.CellStyleModule, AG.TooltipModule, AG.LocaleModule, AG.RowAutoHeightModule, AG.EventApiModule] : [AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "sans-serif"],
  fontSize: 13,
  headerFontWeight: 600,
});

export const gridLocale = AG_GRID_LOCALE_CN;

/**
 * Every header names itself in a tooltip too: a narrow column wraps its header
 * (`wrapHeaderText`), and whatever still does not fit is read on hover, never lost as “序…”.
 */
export function withHeaderTooltips<T extends Pick<ColDef, "headerName" | "headerTooltip">>(columns: T[]): T[] {
  return columns.map((c) => (c.headerTooltip || !c.headerName ? c : { ...c, headerTooltip: c.headerName }));
}
