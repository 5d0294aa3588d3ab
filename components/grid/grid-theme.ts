"use client";

// The look every AG Grid of the application shares: Chinese fonts and locale.
import { AG_GRID_LOCALE_CN } from "@ag-grid-community/locale";
import { AllCommunityModule, ModuleRegistry, themeQuartz } from "ag-grid-community";

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "sans-serif"],
  fontSize: 13,
  headerFontWeight: 600,
});

export const gridLocale = AG_GRID_LOCALE_CN;
