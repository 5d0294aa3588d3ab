import { expect, test } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

test("the DRC reads the rollups, drills down into the grid, and sees where the published rollup is wrong", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021");
  await page.getByRole("link", { name: "汇总", exact: true }).click();
  const byCounty = page.getByTestId("rollup-county");
  await expect(byCounty.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const wholeCity = byCounty.locator("tr").filter({ hasText: "全市" });
  const count = await wholeCity.locator("td").nth(1).textContent();
  await wholeCity.getByRole("link", { name: "全市" }).click();
  await expect(page).toHaveURL(/county=/);
  await expect(page.getByTestId("shown-count")).toHaveText(count!.trim());

  await page.goto("/plans/wenzhou-2021/rollups");
  await expect(page.getByTestId("unit-distinct-total")).toContainText("不重复计算合计");
  await page.getByRole("link", { name: "与公布的分类汇总表核对" }).click();
  await expect(page.getByTestId("reconciliation-summary")).toContainText("与明细不符");
  await expect(page.getByTestId("reconciliation").locator("tr.mismatch").filter({ hasText: "文化" })).toHaveCount(1);
  await expect(page.getByTestId("reconciliation").locator("tr.mismatch").filter({ hasText: "汇总数" })).toHaveCount(1);

  await page.goto("/plans/wenzhou-2021/quality");
  await expect(page.getByTestId("quality-duplicate-names")).toContainText("温州龙舟运动基地");
  // (市卫健委 / 市卫生健康委 is merged by the unit-register test; this pair stays.)
  await expect(page.getByTestId("quality-unit-aliases")).toContainText("“市大数据发展管理局”与“市大数据管理局”");
});

test("the DRC corrects a project's county from the county drill-down, and the rollup follows", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021/rollups");
  const countyRow = (name: string) => page.getByTestId("rollup-county").locator("tr").filter({ has: page.getByRole("link", { name, exact: true }) });
  const undecidedBefore = Number(await countyRow("未定").locator("td").nth(1).textContent());
  // 序号 7 is published with the location “—” (see the source file): it falls under 未定, and says why.
  const row = page.getByTestId("county-row-7");
  await expect(row).toContainText("—");
  await row.getByLabel("第 7 项所属区县").selectOption({ label: "鹿城区" });
  await row.getByRole("button", { name: "改正" }).click();
  await expect(countyRow("未定").locator("td").nth(1)).toHaveText(String(undecidedBefore - 1));
  // It moved to 鹿城区, whose rows show once the county is opened.
  await page.getByTestId("county-drilldown").locator("summary").filter({ hasText: /^鹿城区（/ }).click();
  await expect(page.getByTestId("county-row-7")).toContainText("人工指定为鹿城区");
  await page.goto((await page.getByTestId("county-row-7").locator("a").getAttribute("href"))!);
  await expect(page.getByTestId("history")).toContainText("所属区县");
});

test("the dashboard shows the headline figures, the progress chart, projects behind and late reporters; rankings sit with the rollups", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  await page.goto("/");
  await page.getByRole("link", { name: "概览" }).first().click();
  await expect(page.getByTestId("headline")).toContainText("69 个");
  // The headline's counts open the grid too.
  await page.getByTestId("headline").getByRole("link", { name: /应开工未开工/ }).click();
  await expect(page.getByLabel("项目状态", { exact: true })).toHaveValue("应开工未开工");
  await page.goBack();
  await expect(page.getByTestId("plan-progress-chart").locator(".recharts-line").first()).toBeVisible();
  await expect(page.getByTestId("behind-schedule")).toBeVisible();
  await expect(page.getByTestId("late-reporters")).toBeVisible();
  // The charts and counts open the projects behind them in the grid.
  const redLink = page.getByTestId("behind-schedule").getByRole("heading").getByRole("link");
  const red = (await redLink.textContent())!.replace(/\D/g, "");
  await redLink.click();
  await expect(page.getByLabel("序时进度", { exact: true })).toHaveValue("红灯");
  await expect(page.getByTestId("shown-count")).toHaveText(red);
  await page.goBack();
  await page.getByTestId("dashboard-by-domain").locator(".recharts-bar-rectangle path").first().click();
  await expect(page).toHaveURL(/domain=/);
  await expect(page.getByLabel("领域", { exact: true })).not.toHaveValue("");
  await page.goBack();
  await page.getByRole("link", { name: "汇总与排名" }).click();
  await expect(page.getByTestId("ranking-county").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("rollup-status")).toContainText("在建");
  // A viewer may not correct counties.
  await expect(page.getByTestId("county-drilldown").getByRole("button", { name: "改正" })).toHaveCount(0);
  // Every figure opens its projects in the grid: a status row, and a ranking's light count.
  const rankingLight = page.getByTestId("ranking-county").locator(".lights a").first();
  const lightCount = (await rankingLight.textContent())!.trim();
  const lightHref = (await rankingLight.getAttribute("href"))!;
  const building = page.getByTestId("rollup-status").locator("tr").filter({ has: page.getByRole("link", { name: "在建", exact: true }) });
  const buildingCount = (await building.locator("td").nth(1).textContent())!.trim();
  await building.getByRole("link", { name: "在建", exact: true }).click();
  await expect(page).toHaveURL(/status=/);
  await expect(page.getByLabel("项目状态", { exact: true })).toHaveValue("在建");
  await expect(page.getByTestId("shown-count")).toHaveText(buildingCount);
  await expect(page.getByTestId("export-view-xlsx")).toHaveAttribute("href", /status=.*progress=\d{4}-\d{2}/);
  // The same view through the API, and its refusals.
  const viewUrl = new URL(page.url());
  const api = await page.request.get(`/api/projects?plan=wenzhou-2021&status=${encodeURIComponent("在建")}&progress=${viewUrl.searchParams.get("progress")}`);
  expect((await api.json()).projects).toHaveLength(Number(buildingCount));
  for (const [query, message] of [
    ["status=在建", "需要指定月份"],
    ["light=紫灯&progress=2026-10", "序时进度只能是红灯、黄灯或绿灯"],
    ["status=开工&progress=2026-10", "项目状态只能是"],
    ["status=在建&progress=2026-13", "格式不正确"],
  ]) {
    for (const path of ["/api/projects?plan=wenzhou-2021&", "/api/plans/wenzhou-2021/export?format=xlsx&"]) {
      const refused = await page.request.get(path + query);
      expect(refused.status(), path + query).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain(message);
    }
  }
  await page.goto(lightHref);
  await expect(page.getByTestId("shown-count")).toHaveText(lightCount);
});

test("the DRC reads every plan together: the overview's plan row is the plan's own total, as of a month and a basis", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/");
  await page.getByRole("link", { name: "全部规划汇总" }).click();
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByRole("heading", { name: "全部规划：汇总" })).toBeVisible();
  await expect(page.getByTestId("basis-line")).toContainText("口径：已审核");
  const byPlan = page.getByTestId("overview-by-plan");
  const planRow = byPlan.locator("tbody tr").filter({ hasText: "温州市社会发展和基本公共服务体系" });
  await expect(planRow).toHaveCount(1);
  const cells = async (row: typeof planRow) => (await row.locator("td").allTextContents()).map((t) => t.trim());
  const [, projects, total, fyp] = await cells(planRow);
  // The 合计 counts every plan's projects (other specs may have imported plans of their own), and the
  // county table adds up to the same 合计.
  const totalRow = (await cells(byPlan.getByTestId("total-row"))).slice(1, 4);
  const planProjects = await byPlan.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll("td")[1]?.textContent)));
  expect(String(planProjects.reduce((a, b) => a + b, 0))).toBe(totalRow[0]);
  expect((await cells(page.getByTestId("overview-by-county").getByTestId("total-row"))).slice(1, 4)).toEqual(totalRow);
  // The plan's own rollups page says the same 合计.
  await planRow.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/plans\/wenzhou-2021\/dashboard/);
  await page.goto("/plans/wenzhou-2021/rollups");
  expect((await cells(page.getByTestId("rollup-domain").getByTestId("total-row"))).slice(1, 4)).toEqual([projects, total, fyp]);
});
