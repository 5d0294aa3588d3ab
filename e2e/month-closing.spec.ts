import { expect, test, type Page } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

// Closing a month end to end, on September 2025 (every project reported and
// approved in the demo; October, the round in progress, is left to
// progress.spec.ts): a unit corrects a figure, the DRC approves it and closes
// the month; a unit's save is refused and the DRC's annual-plan change counts
// only from October; September's figures stay as closed; the DRC reopens the
// month with a reason, and the month's history shows both. A project deleted
// before the closing and restored after it does not count in the closed month.
const SEPTEMBER = "2025-09";

function rowBySeq(page: Page, seq: number) {
  return page.locator(".ag-row:not(.ag-row-pinned)").filter({ has: page.locator('[col-id="seq"]').getByText(String(seq), { exact: true }) });
}

/** 序号 1's 完成率 and 序时进度 cells in the annex grid as of a month. */
async function figuresOfFirst(page: Page, month: string) {
  await page.goto(`/plans/wenzhou-2021?progress=${month}`);
  await page.getByLabel("快速搜索").fill("全市各类拆迁安置住房");
  const row = rowBySeq(page, 1);
  await expect(row.locator("[col-id='annualRate']")).not.toHaveText("");
  return { rate: await row.locator("[col-id='annualRate']").textContent(), lag: await row.locator("[col-id='lag']").textContent() };
}

test("the DRC closes a month: writes are refused, a new annual plan counts from the next month, reopening keeps the history", async ({ browser }) => {
  const unitContext = await browser.newContext();
  const unit = await unitContext.newPage();
  await logIn(unit, ACCOUNTS.editor);
  const drcContext = await browser.newContext();
  const drc = await drcContext.newPage();
  await logIn(drc, ACCOUNTS.reviewer);

  // The unit corrects September for 序号 3 (a new revision of an approved report) and submits it.
  await unit.goto(`/plans/wenzhou-2021/progress?month=${SEPTEMBER}`);
  const cell = rowBySeq(unit, 3).locator('[col-id="monthWan"]');
  await cell.dblclick();
  await unit.keyboard.press("ControlOrMeta+a");
  await unit.keyboard.type("1");
  await unit.keyboard.press("Enter");
  unit.on("dialog", (dialog) => void dialog.accept());
  await unit.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(unit.getByTestId("report-message")).toContainText("已提交 1 个项目的2025年9月填报");

  // The DRC cannot close while it awaits review; approves it; closes the month.
  await drc.goto(`/plans/wenzhou-2021/progress/review?month=${SEPTEMBER}`);
  await drc.getByRole("button", { name: "关账本月" }).click();
  await expect(drc.getByTestId("month-closing-message")).toContainText("还有 1 份填报等待审核");
  await drc.getByTestId("review-row-3").getByRole("button", { name: "通过" }).click();
  await expect(drc.getByTestId("review-message")).toContainText("已审核通过 1 份填报");
  const before = await figuresOfFirst(drc, SEPTEMBER);

  // 序号 2 is deleted before the closing: September is closed without it (68 of the demo's 69 projects).
  const listed = (await (await drc.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number; version: number }[];
  const second = listed.find((p) => p.seq === 2)!;
  expect((await drc.request.delete(`/api/projects/${second.id}?version=${second.version}`)).ok()).toBe(true);
  const projectsOn = async (month: string) => {
    await drc.goto(`/plans/wenzhou-2021/dashboard?month=${month}`);
    return drc.getByTestId("headline").locator(".stat").filter({ hasText: "重大项目" }).locator("strong");
  };

  await drc.goto(`/plans/wenzhou-2021/progress/review?month=${SEPTEMBER}`);
  let confirmation = "";
  drc.once("dialog", (dialog) => {
    confirmation = dialog.message();
    void dialog.accept();
  });
  await drc.getByRole("button", { name: "关账本月" }).click();
  await expect(drc.getByTestId("month-closing-message")).toContainText("已关账2025年9月");
  expect(confirmation).toContain("本月应报项目均已报送");
  expect(confirmation).toContain("确认关账吗");
  await expect(drc.getByRole("button", { name: "重新开放本月" })).toBeVisible();

  // Restored after the closing, 序号 2 counts from the open October on; closed September still counts 68.
  expect((await drc.request.post(`/api/projects/${second.id}/restore`, { data: {} })).ok()).toBe(true);
  await expect(await projectsOn(SEPTEMBER)).toHaveText("68 个");
  await expect(await projectsOn("2025-10")).toHaveText("69 个");

  // The unit: the month is read-only, and a save through the API is refused.
  await unit.goto(`/plans/wenzhou-2021/progress?month=${SEPTEMBER}`);
  await expect(unit.getByText(/2025年9月已于 .*关账，不能再修改/)).toBeVisible();
  const projects = (await (await unit.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number }[];
  const first = projects.find((p) => p.seq === 1)!;
  const refused = await unit.request.post("/api/plans/wenzhou-2021/progress/reports", {
    data: { year: 2025, month: 9, rows: [{ projectId: first.id, baseReportId: null, baseVersion: null, monthWan: "1", physicalProgress: "", construction: "UNDER_CONSTRUCTION", actualStart: null, actualCompletion: null }] },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/2025年9月已由发改委关账/);

  // The DRC changes 2025's annual plan of 序号 1: it counts from October; September keeps its figures.
  await drc.goto("/plans/wenzhou-2021/annual-plans?year=2025");
  await drc.getByLabel("第 1 项年度计划").fill("9,000,000");
  await drc.getByRole("button", { name: "保存（1）" }).click();
  await expect(drc.getByText("已保存 1 个项目的年度计划，自 10 月起生效")).toBeVisible();
  expect(await figuresOfFirst(drc, SEPTEMBER)).toEqual(before);
  const october = await figuresOfFirst(drc, "2025-10");
  // The annex grid shows its progress columns in 亿元: 9,000,000 万元 = 900.0 亿元.
  await expect(rowBySeq(drc, 1).locator("[col-id='annualPlan']")).toHaveText("900.0");
  expect(october.rate).not.toEqual(before.rate);

  // Reopening needs a reason; the month's history keeps the closing and the reopening.
  await drc.goto(`/plans/wenzhou-2021/progress/review?month=${SEPTEMBER}`);
  await drc.getByRole("button", { name: "重新开放本月" }).click();
  await expect(drc.getByTestId("month-closing-message")).toContainText("请填写重新开放的原因");
  await drc.getByLabel("重新开放原因").fill("市住建局申请更正9月数据");
  await drc.getByRole("button", { name: "重新开放本月" }).click();
  await expect(drc.getByTestId("month-closing-message")).toContainText("已重新开放2025年9月");
  const history = drc.getByTestId("month-history");
  await expect(history.locator("tbody tr")).toHaveCount(2);
  await expect(history.locator("tbody tr").nth(0)).toContainText("关账");
  await expect(history.locator("tbody tr").nth(1)).toContainText("重新开放");
  await expect(history.locator("tbody tr").nth(1)).toContainText("市住建局申请更正9月数据");
  await expect(drc.getByRole("button", { name: "关账本月" })).toBeVisible();
  // Open again, September counts the live projects: 序号 2 too.
  await expect(await projectsOn(SEPTEMBER)).toHaveText("69 个");

  await unitContext.close();
  await drcContext.close();
});
