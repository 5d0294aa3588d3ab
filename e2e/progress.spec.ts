import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";
import { REPORTING, REPORTING_PARAM } from "./demo-clock";

// The monthly round as the people do it: 市住建局 (zjj) fills the month for all
// its projects still under way and submits; the DRC returns one with a
// comment; the unit corrects it and resubmits; the DRC approves. The demo
// seed leaves the reporting month (October 2025 on the demo date) of
// 市住建局's projects empty for this.
const source: { seq: number; period: string; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const housing = source.filter((r) => r.units.includes("市住建局"));
const housingSeqs = housing.map((r) => r.seq);
/** Projects whose 建设期限 has not ended by the reporting year still report; the others said 竣工 in the December of their last year. */
const activeSeqs = housing.filter((r) => Number(/(\d{4})\D*$/.exec(r.period)![1]) >= REPORTING.year).map((r) => r.seq);
const finishedSeqs = housingSeqs.filter((s) => !activeSeqs.includes(s));
const { year, month } = REPORTING;
const monthParam = REPORTING_PARAM;

/** A grid row by its 序号 (AG Grid draws pinned and scrolling cells in one row element). */
function rowBySeq(page: Page, seq: number) {
  return page.locator(".ag-row:not(.ag-row-pinned)").filter({ has: page.locator('[col-id="seq"]').getByText(String(seq), { exact: true }) });
}

/** Types into a cell of the report grid, found by the row's 序号. */
async function typeCell(page: Page, seq: number, colId: string, text: string) {
  const cell = rowBySeq(page, seq).locator(`[col-id="${colId}"]`);
  await cell.dblclick();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

test.describe.configure({ mode: "serial" });

test("a unit fills the month for all its projects, the DRC returns one, the unit corrects it, the DRC approves", async ({ browser }) => {
  expect(activeSeqs.length).toBeGreaterThan(1);
  expect(finishedSeqs.length).toBeGreaterThan(0);
  const unitContext = await browser.newContext();
  const unit = await unitContext.newPage();
  await logIn(unit, ACCOUNTS.editor);
  // The unit's home page lists its projects with the month's state; finished ones need no report.
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText(`本单位 ${housingSeqs.length} 个项目`);
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText(`还有 ${activeSeqs.length} 个待填报或待提交`);
  await unit.getByTestId("unit-month-wenzhou-2021").getByRole("link", { name: `填报${year}年${month}月` }).click();
  await expect(unit.getByRole("heading", { level: 1 })).toContainText(`${year}年${month}月投资进度填报 · 市住建局`);
  const grid = unit.getByTestId("report-grid");
  // Exactly 市住建局's projects, none filled yet.
  await expect(grid.locator(".ag-row:not(.ag-row-pinned)")).toHaveCount(housingSeqs.length);
  for (const seq of activeSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("未填报");
  for (const seq of finishedSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("已竣工");

  // 序号 2 goes above its annual plan (512,000 万元 a year: 25.6 亿元 over 2021–2025, 476,160 by September in the demo): saving asks to confirm.
  for (const seq of activeSeqs) await typeCell(unit, seq, "monthWan", seq === 2 ? "100000" : `${seq}0`);
  await typeCell(unit, activeSeqs[0]!, "physicalProgress", "安置房主体结构施工");
  await expect(unit.getByRole("button", { name: `保存草稿（${activeSeqs.length}）` })).toBeVisible();
  // Dismissing the confirmation says that nothing was saved.
  unit.once("dialog", (dialog) => void dialog.dismiss());
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText("未保存：已取消确认");
  for (const seq of activeSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("未保存");
  unit.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("超过");
    void dialog.accept();
  });
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText(`已提交 ${activeSeqs.length} 个项目的${year}年${month}月填报`);
  for (const seq of activeSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("已提交");

  // The DRC: 市住建局 has reported every project still under way; return the first with a comment, approve the rest.
  const drcContext = await browser.newContext();
  const drc = await drcContext.newPage();
  await logIn(drc, ACCOUNTS.reviewer);
  await drc.goto(`/plans/wenzhou-2021/progress/review?month=${monthParam}`);
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(1)).toHaveText(String(activeSeqs.length));
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(5)).toHaveText(String(activeSeqs.length));
  const first = drc.getByTestId(`review-row-${activeSeqs[0]}`);
  await expect(first).toContainText("安置房主体结构施工");
  await first.getByRole("button", { name: "退回" }).click();
  await expect(drc.getByTestId("review-message")).toContainText(`退回第 ${activeSeqs[0]} 项时请填写退回意见`);
  await first.getByLabel(`第 ${activeSeqs[0]} 项退回意见`).fill("请按统计口径核实当月完成数");
  await first.getByRole("button", { name: "退回" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("已退回 1 份填报");
  for (const seq of activeSeqs.slice(1)) await drc.getByTestId(`review-row-${seq}`).getByRole("checkbox").check();
  await drc.getByRole("button", { name: `通过所选（${activeSeqs.length - 1}）` }).click();
  await expect(drc.getByTestId("review-message")).toContainText(`已审核通过 ${activeSeqs.length - 1} 份填报`);

  // The unit sees the comment, corrects the figure (a new revision) and resubmits.
  await unit.reload();
  await expect(unit.getByTestId("returned-reports")).toContainText("请按统计口径核实当月完成数");
  await expect(unit.getByTestId(`state-${activeSeqs[0]}`)).toHaveText("已退回");
  await expect(unit.getByTestId(`state-${activeSeqs[1]}`)).toHaveText("已审核");
  await typeCell(unit, activeSeqs[0]!, "monthWan", "8");
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText("已提交 1 个项目");
  await expect(unit.getByTestId(`state-${activeSeqs[0]}`)).toHaveText("已提交");

  await drc.reload();
  await drc.getByTestId(`review-row-${activeSeqs[0]}`).getByRole("button", { name: "通过" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("已审核通过 1 份填报");
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(7)).toHaveText(String(activeSeqs.length));

  await unit.goto("/");
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText("已全部提交");

  // Both revisions stay in the project's history.
  const projects = (await (await drc.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number }[];
  await drc.goto(`/projects/${projects.find((p) => p.seq === activeSeqs[0])!.id}`);
  await drc.getByText(/月度填报记录/).click();
  const revisions = drc.getByTestId("report-revisions");
  await expect(revisions.locator("tr").filter({ hasText: `${year}年${month}月` }).filter({ hasText: "第 2 次" })).toContainText("已审核");
  await expect(revisions.locator("tr").filter({ hasText: `${year}年${month}月` }).filter({ hasText: "第 1 次" })).toContainText("请按统计口径核实当月完成数");
  await unitContext.close();
  await drcContext.close();
});

test("the DRC sets an annual plan; the grid's progress columns show the rate and the gap to 序时进度", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto(`/plans/wenzhou-2021/annual-plans?year=${year}`);
  await page.getByLabel("第 1 项年度计划").fill("2,400,000");
  await page.getByRole("button", { name: "保存（1）" }).click();
  await expect(page.getByText("已保存 1 个项目的年度计划")).toBeVisible();

  await page.goto(`/plans/wenzhou-2021?progress=${monthParam}`);
  await page.getByLabel("快速搜索").fill("全市各类拆迁安置住房");
  const row = rowBySeq(page, 1);
  // The demo gave 序号 1 2,000,000 万元 a year (100 亿元 over 2021–2025) at 87% of 序时进度:
  // 2,000,000 × 9/12 × 0.87 = 1,305,000 by September; the unit reported 8 for October above.
  // 1,305,008 of 2,400,000 planned: 54.4%; 序时进度 month/12.
  const ytd = 1_305_000 + 8;
  // The annex grid shows its progress columns in 亿元, one decimal: 1,305,008 万元 = 130.5 亿元.
  await expect(row.locator("[col-id='yearToDate']")).toHaveText((ytd / 10_000).toFixed(1));
  const rate = (ytd / 2_400_000) * 100;
  await expect(row.locator("[col-id='annualRate']")).toHaveText(`${rate.toFixed(1)}%`);
  const lag = (month / 12) * 100 - rate;
  const light = lag > 30 ? "红灯" : lag >= 10 ? "黄灯" : "绿灯";
  await expect(row.locator("[col-id='lag']")).toHaveText(`${light} ${lag < 0 ? "超前" : "落后"} ${Math.abs(lag).toFixed(1)}`);
});

test("a viewer reads progress but cannot report, and the API refuses it", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  await page.goto(`/plans/wenzhou-2021/progress?month=${monthParam}`);
  await expect(page.getByTestId("report-grid")).toBeVisible();
  await expect(page.getByRole("button", { name: /提交/ })).toHaveCount(0);
  const response = await page.request.post("/api/plans/wenzhou-2021/progress/reports", {
    data: { year, month, rows: [{ projectId: 1, baseReportId: null, baseVersion: null, monthWan: "1", physicalProgress: "", construction: "PREPARATION", actualStart: null, actualCompletion: null }] },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toBe("您没有执行此操作的权限");
});

test("another unit cannot report on 市住建局's project, whatever it sends", async ({ page }) => {
  await logIn(page, ACCOUNTS.otherEditor);
  const projects = (await (await page.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number }[];
  const only = projects.find((p) => p.seq === 56)!; // 市住建局's alone
  const response = await page.request.post("/api/plans/wenzhou-2021/progress/reports", {
    data: { year, month, rows: [{ projectId: only.id, baseReportId: null, baseVersion: null, monthWan: "1", physicalProgress: "", construction: "PREPARATION", actualStart: null, actualCompletion: null }] },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toMatch(/只能填报本单位作为实施单位的项目/);
});
