"use client";

// The annex grid rendered in the browser only, on rows it reads as JSON
// (/api/projects?fields=grid&format=compact, preloaded by the page's markup). Sent with the
// page, 5,000 rows were 3.3 MB of script in the HTML that the browser parsed
// and compiled, and the server decoded again to render the page; rendered on
// the server too, the grid cost it the filter lists and totals of every row.
import { type ComponentProps, useEffect, useState } from "react";
import type { GridRow } from "@/lib/projects/annex-row";
import { decodeGridRows } from "@/lib/projects/grid-rows-compact";
import type { AnnexGrid as AnnexGridComponent } from "./AnnexGrid";

// The grid's code (AG Grid), asked for as soon as this module runs in the browser: it loads while the rows do.
// Imported rather than lazy (next/dynamic): a lazy component suspends once even when its code is there,
// and React then holds the grid back until 300 ms after the fallback it showed (its fallback throttle).
const gridCode = typeof window === "undefined" ? null : import("./AnnexGrid");

type GridProps = ComponentProps<typeof AnnexGridComponent>;

function Loading() {
  return (
    <p className="muted" data-testid="annex-grid-loading">
      正在载入重大项目表…
    </p>
  );
}

export function AnnexGridFromApi({ rowsUrl, ...grid }: Omit<GridProps, "rows"> & { rowsUrl: string }) {
  const [loaded, setLoaded] = useState<{ Grid: typeof AnnexGridComponent; rows: GridRow[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // A plain same-origin fetch, as the page's <link rel=preload as=fetch> made it: the browser hands over that response.
    const rows = fetch(rowsUrl).then(async (response) => {
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `读取项目失败（${response.status}）`);
      // Arrays under one list of field names (?format=compact), decoded to the grid's row objects.
      return decodeGridRows(body.fields, body.projects);
    });
    Promise.all([gridCode ?? import("./AnnexGrid"), rows])
      .then(([code, decoded]) => current && setLoaded({ Grid: code.AnnexGrid, rows: decoded }))
      .catch((error: unknown) => current && setFailed(error instanceof Error ? error.message : "读取项目失败"));
    return () => {
      current = false;
    };
  }, [rowsUrl]);
  if (failed) return <p className="error-text">{failed}，请刷新页面重试。</p>;
  if (!loaded) return <Loading />;
  const { Grid, rows } = loaded;
  return <Grid {...grid} rows={rows} />;
}
