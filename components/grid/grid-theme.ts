"use client";

// The look every AG Grid of the application shares: Chinese fonts and locale.
import { AG_GRID_LOCALE_CN } from "@ag-grid-community/locale";
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef } from "ag-grid-community";

ModuleRegistry.registerModules([AllCommunityModule]);

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
