import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, logIn } from "./accounts";

// The monthly round as the people do it: 市住建局 (zjj) fills the month for all
// its projects and submits; the DRC returns one with a comment; the unit
// corrects it and resubmits; the DRC approves. The demo seed leaves the
// current reporting month of 市住建局's projects empty for this.
const source: { seq: number; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const housingSeqs = source.filter((r) => r.units.includes("市住建局")).map((r) => r.seq);

/** The month units report on now (the last month that has ended, in Beijing), worked out here on its own. */
function reportingMonth(): { year: number; month: number } {
  const beijing = new Date(Date.now() + 8 * 3600 * 1000);
  const index = beijing.getUTCFullYear() * 12 + beijing.getUTCMonth() - 1;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
const { year, month } = reportingMonth();
const monthParam = `${year}-${String(month).padStart(2, "0")}`;

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
  const unitContext = await browser.newContext();
  const unit = await unitContext.newPage();
  await logIn(unit, ACCOUNTS.editor);
  // The unit's home page lists its projects with the month's state.
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText(`本单位 ${housingSeqs.length} 个项目`);
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText(`还有 ${housingSeqs.length} 个待填报或待提交`);
  await unit.getByTestId("unit-month-wenzhou-2021").getByRole("link", { name: `填报${year}年${month}月` }).click();
  await expect(unit.getByRole("heading", { level: 1 })).toContainText(`${year}年${month}月投资进度填报 · 市住建局`);
  const grid = unit.getByTestId("report-grid");
  // Exactly 市住建局's projects, none filled yet.
  await expect(grid.locator(".ag-row:not(.ag-row-pinned)")).toHaveCount(housingSeqs.length);
  for (const seq of housingSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("未填报");

  for (const seq of housingSeqs) await typeCell(unit, seq, "monthWan", seq === 56 ? "300" : `${seq}0`);
  await typeCell(unit, housingSeqs[0]!, "physicalProgress", "安置房主体结构施工");
  await expect(unit.getByRole("button", { name: `保存草稿（${housingSeqs.length}）` })).toBeVisible();
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText(`已提交 ${housingSeqs.length} 个项目的${year}年${month}月填报`);
  for (const seq of housingSeqs) await expect(unit.getByTestId(`state-${seq}`)).toHaveText("已提交");

  // The DRC: 市住建局 has reported every project; return 序号 1 with a comment, approve the rest.
  const drcContext = await browser.newContext();
  const drc = await drcContext.newPage();
  await logIn(drc, ACCOUNTS.reviewer);
  await drc.goto(`/plans/wenzhou-2021/progress/review?month=${monthParam}`);
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(1)).toHaveText(String(housingSeqs.length));
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(5)).toHaveText(String(housingSeqs.length));
  const first = drc.getByTestId(`review-row-${housingSeqs[0]}`);
  await expect(first).toContainText("安置房主体结构施工");
  await first.getByRole("button", { name: "退回" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("退回第 1 项时请填写退回意见");
  await first.getByLabel(`第 ${housingSeqs[0]} 项退回意见`).fill("请按统计口径核实当月完成数");
  await first.getByRole("button", { name: "退回" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("已退回 1 份填报");
  for (const seq of housingSeqs.slice(1)) await drc.getByTestId(`review-row-${seq}`).getByRole("checkbox").check();
  await drc.getByRole("button", { name: `通过所选（${housingSeqs.length - 1}）` }).click();
  await expect(drc.getByTestId("review-message")).toContainText(`已审核通过 ${housingSeqs.length - 1} 份填报`);

  // The unit sees the comment, corrects the figure (a new revision) and resubmits.
  await unit.reload();
  await expect(unit.getByTestId("returned-reports")).toContainText("请按统计口径核实当月完成数");
  await expect(unit.getByTestId(`state-${housingSeqs[0]}`)).toHaveText("已退回");
  await expect(unit.getByTestId(`state-${housingSeqs[1]}`)).toHaveText("已审核");
  await typeCell(unit, housingSeqs[0]!, "monthWan", "8");
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText("已提交 1 个项目");
  await expect(unit.getByTestId(`state-${housingSeqs[0]}`)).toHaveText("已提交");

  await drc.reload();
  await drc.getByTestId(`review-row-${housingSeqs[0]}`).getByRole("button", { name: "通过" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("已审核通过 1 份填报");
  await expect(drc.getByTestId("unit-reporting-市住建局").locator("td").nth(7)).toHaveText(String(housingSeqs.length));

  await unit.goto("/");
  await expect(unit.getByTestId("unit-month-wenzhou-2021")).toContainText("已全部提交");

  // Both revisions stay in the project's history.
  const projects = (await (await drc.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number }[];
  await drc.goto(`/projects/${projects.find((p) => p.seq === housingSeqs[0])!.id}`);
  await drc.getByText(/月度填报记录/).click();
  const revisions = drc.getByTestId("report-revisions");
  await expect(revisions.locator("tr").filter({ hasText: `${year}年${month}月` }).filter({ hasText: "第 2 次" })).toContainText("已审核");
  await expect(revisions.locator("tr").filter({ hasText: `${year}年${month}月` }).filter({ hasText: "第 1 次" })).toContainText("请按统计口径核实当月完成数");
  await unitContext.close();
  await drcContext.close();
});

test("the DRC sets an annual plan; the grid's progress columns show the rate and the gap to 序时进度", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  // 序号 56 has 十四五投资 —— in the source, so the demo seed gave it no annual plan and no investment.
  await page.goto(`/plans/wenzhou-2021/annual-plans?year=${year}`);
  await page.getByLabel("第 56 项年度计划").fill("1,200");
  await page.getByRole("button", { name: "保存（1）" }).click();
  await expect(page.getByText("已保存 1 个项目的年度计划")).toBeVisible();

  await page.goto(`/plans/wenzhou-2021?progress=${monthParam}`);
  await page.getByLabel("快速搜索").fill("建设城镇住宅小区数字化安全监管应用");
  const row = rowBySeq(page, 56);
  // 300 reported this month of 1200 planned: 25.0%; 序时进度 month/12.
  await expect(row.locator("[col-id='annualRate']")).toHaveText("25.0%");
  const lag = (month / 12) * 100 - 25;
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
