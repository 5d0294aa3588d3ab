"use client";

// The annex grid rendered in the browser only. Rendered on the server too, a
// plan of 5,000 projects cost the server its filter lists, totals and grid
// markup for every page view (the HTML's first byte came 0.6–2 s after the
// data was ready), and the browser then did the same work again to hydrate it.
import dynamic from "next/dynamic";

export const AnnexGrid = dynamic(() => import("./AnnexGrid").then((m) => m.AnnexGrid), {
  ssr: false,
  loading: () => (
    <p className="muted" data-testid="annex-grid-loading">
      正在载入重大项目表…
    </p>
  ),
});
