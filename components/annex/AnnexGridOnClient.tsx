"use client";

// The annex grid rendered in the browser only, on rows it reads as JSON
// (/api/projects?fields=grid&format=compact, preloaded by the page's head). Sent with the
// page, 5,000 rows were 3.3 MB of script in the HTML that the browser parsed
// and compiled, and the server decoded again to render the page; rendered on
// the server too, the grid cost it the filter lists and totals of every row.
import dynamic from "next/dynamic";
import { type ComponentProps, useEffect, useState } from "react";
import type { GridRow } from "@/lib/projects/annex-row";
import { decodeGridRows } from "@/lib/projects/grid-rows-compact";

const gridCode = () => import("./AnnexGrid");
const AnnexGrid = dynamic(() => gridCode().then((m) => m.AnnexGrid), { ssr: false, loading: Loading });

function Loading() {
  return (
    <p className="muted" data-testid="annex-grid-loading">
      正在载入重大项目表…
    </p>
  );
}

export function AnnexGridFromApi({ rowsUrl, ...grid }: Omit<ComponentProps<typeof AnnexGrid>, "rows"> & { rowsUrl: string }) {
  const [rows, setRows] = useState<GridRow[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // The grid's code (AG Grid) loads while the rows do, not after them.
    void gridCode();
    // A plain same-origin fetch, as the page's <link rel=preload as=fetch> made it: the browser hands over that response.
    performance.mark("grid:effect");
    fetch(rowsUrl)
      .then(async (response) => {
        performance.mark("grid:response");
        const body = await response.json();
        performance.mark("grid:json");
        if (!response.ok) throw new Error(body?.error?.message ?? `读取项目失败（${response.status}）`);
        // Arrays under one list of field names (?format=compact), decoded to the grid's row objects.
        const decoded = decodeGridRows(body.fields, body.projects);
        if (current) setRows(decoded);
      })
      .catch((error: unknown) => current && setFailed(error instanceof Error ? error.message : "读取项目失败"));
    return () => {
      current = false;
    };
  }, [rowsUrl]);
  if (failed) return <p className="error-text">{failed}，请刷新页面重试。</p>;
  if (!rows) return <Loading />;
  return <AnnexGrid {...grid} rows={rows} />;
}
