// The benchmark in the browser (Chromium through Playwright, on the bench's
// database and the production build): the annex grid of a large plan from
// navigation to its first rows and to its totals row, scrolling it to the end
// while counting frames in which its viewport showed no row, and the
// dashboard and the rollups page to their last figure.
import { chromium, type Page } from "@playwright/test";
import { signIn } from "./bench-cluster";

export type BrowserTiming = { name: string; runs: number; p50: number; p95: number; target?: string; ok?: boolean };
export type BrowserResult = { timings: BrowserTiming[]; scroll: { rows: number; frames: number; blankFrames: number; lastRowIndex: number; ms: number } };

// The grid's rows and its pinned 合计 row, as AG Grid 36 renders them.
const ROWS = ".ag-grid-scrolling-container .ag-row";
const TOTALS = ".ag-grid-pinned-bottom-rows-container .ag-row";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * Scrolls the grid to its end in the page, a viewport at a time, one step per
 * frame; a frame whose viewport shows no row is blank. Plain JavaScript in a
 * string: the page runs it as it is (tsx would add its own helpers to a
 * compiled function, which the page does not have).
 */
const SCROLL_TO_END = `async (rowsSelector) => {
  // AG Grid 36: the rows scroll in .ag-grid-viewport (its vertical scrollbar mirrors it).
  const viewport = [".ag-grid-viewport", ".ag-body-vertical-scroll-viewport"]
    .map((selector) => document.querySelector(selector))
    .find((el) => el && el.scrollHeight > el.clientHeight);
  function rowsIn() {
    const box = viewport.getBoundingClientRect();
    let visible = 0;
    for (const row of document.querySelectorAll(rowsSelector)) {
      const r = row.getBoundingClientRect();
      if (r.bottom > box.top && r.top < box.bottom && row.textContent) visible++;
    }
    return visible;
  }
  function frame() {
    return new Promise((resolve) => requestAnimationFrame(resolve));
  }
  let frames = 0;
  let blankFrames = 0;
  const start = performance.now();
  for (;;) {
    const before = viewport.scrollTop;
    viewport.scrollTop = before + viewport.clientHeight;
    await frame();
    frames++;
    if (rowsIn() === 0) blankFrames++;
    if (viewport.scrollTop === before) break;
  }
  await frame();
  const indexes = [...document.querySelectorAll(rowsSelector)].map((r) => Number(r.getAttribute("row-index")));
  return { frames, blankFrames, lastRowIndex: Math.max(...indexes), ms: Math.round(performance.now() - start) };
}`;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
  return { p50: at(50), p95: at(95) };
}

/** From the start of navigation to the moment `selector` is visible, in ms. */
async function timeTo(page: Page, url: string, selectors: string[]): Promise<number[]> {
  const start = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  const times: number[] = [];
  for (const selector of selectors) {
    await page.locator(selector).first().waitFor({ state: "visible", timeout: 120_000 });
    times.push(performance.now() - start);
  }
  return times;
}

export async function measureBrowser(options: { url: string; login: string; password: string; planCode: string; rows: number; month: string; runs: number; log: (text: string) => void }): Promise<BrowserResult> {
  const { url } = options;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const cookieHeader = await signIn(url, options.login, options.password);
    await context.addCookies(
      cookieHeader.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
      }),
    );
    const page = await context.newPage();
    // What the page said, for the failure's message: its console errors and its failed responses.
    const trouble: string[] = [];
    page.on("console", (m) => m.type() === "error" && trouble.push(`console: ${m.text().slice(0, 200)}`));
    page.on("pageerror", (e) => trouble.push(`pageerror: ${e.message.slice(0, 200)}`));
    page.on("response", (r) => r.status() >= 400 && trouble.push(`HTTP ${r.status()} ${r.url()}`));
    try {
      return await measurePages(page, options);
    } catch (error) {
      await page.screenshot({ path: ".data/bench-logs/browser-failure.png" }).catch(() => null);
      const said = trouble.slice(0, 5).join("; ");
      throw new Error(`${error instanceof Error ? error.message.split("\n")[0] : String(error)}（页面 ${page.url()}${said ? `；${said}` : ""}；截图 .data/bench-logs/browser-failure.png）`);
    }
  } finally {
    await browser.close();
  }
}

async function measurePages(page: Page, options: Parameters<typeof measureBrowser>[0]): Promise<BrowserResult> {
  const { url, planCode, runs, month, log } = options;
  const timings: BrowserTiming[] = [];
  const gridFirst: number[] = [];
  const gridTotals: number[] = [];
  // One unmeasured visit of each page first (the server's first render of a route compiles nothing, but warms its caches).
  await timeTo(page, `${url}/plans/${planCode}`, [ROWS]);
  for (let i = 0; i < runs; i++) {
    const [first, totals] = await timeTo(page, `${url}/plans/${planCode}`, [ROWS, TOTALS]);
    gridFirst.push(first!);
    gridTotals.push(totals!);
  }
  const rowsLabel = options.rows.toLocaleString("en");
  for (const [name, samples] of [[`浏览器：表格（${rowsLabel} 个项目）首批行`, gridFirst], [`浏览器：表格（${rowsLabel} 个项目）合计行`, gridTotals]] as const) {
    const s = stats(samples);
    timings.push({ name, runs, ...s, target: "p95 < 1500 ms", ok: s.p95 < 1500 });
    log(`${name}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
  }

  // Scrolling to the end, a viewport at a time, one step per frame: a frame whose viewport shows no row is blank.
  const scroll = (await page.evaluate(`(${SCROLL_TO_END})(${JSON.stringify(ROWS)})`)) as Omit<BrowserResult["scroll"], "rows">;
  log(`浏览器：滚动到末行 ${scroll.frames} 帧，空白帧 ${scroll.blankFrames}，末行序号 ${scroll.lastRowIndex}（${scroll.ms} ms）`);

  // BENCH_BROWSER=grid: the grid alone (while working on it), not the pages after it.
  if (process.env.BENCH_BROWSER === "grid") return { timings, scroll: { rows: options.rows, ...scroll } };

  // The last figure of each page: the dashboard's charts and late reporters, the rollups' county drill-down.
  const pages = [
    { name: `概览（${rowsLabel} 个项目，截至 ${month}）`, path: `/plans/${planCode}/dashboard?month=${month}`, last: ["[data-testid=late-reporters]", "[data-testid=dashboard-by-domain] .recharts-surface"], targetMs: 1000 },
    { name: `汇总（${rowsLabel} 个项目，截至 ${month}）`, path: `/plans/${planCode}/rollups?month=${month}`, last: ["[data-testid=county-drilldown-section]", "[data-testid=rollup-county] .recharts-surface"], targetMs: 1000 },
    // Every plan together (/overview): each table's 合计 row is its last figure.
    { name: `全部规划汇总（截至 ${month}）`, path: `/overview?month=${month}`, last: ["[data-testid=overview-by-plan] [data-testid=total-row]", "[data-testid=overview-by-status] [data-testid=total-row]"], targetMs: 2000 },
  ];
  for (const p of pages) {
    await timeTo(page, `${url}${p.path}`, p.last);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(Math.max(...(await timeTo(page, `${url}${p.path}`, p.last))));
    const s = stats(samples);
    const name = `浏览器：${p.name}到最后一个数字`;
    timings.push({ name, runs, ...s, target: `p95 < ${p.targetMs} ms`, ok: s.p95 < p.targetMs });
    log(`${name}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
  }
  return { timings, scroll: { rows: options.rows, ...scroll } };
}
