import { expect, test } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

// The baseline and a 中期调整 through the pages: the DRC prepares and submits
// it, an administrator approves it, version 2 appears with its 调整前后对照表;
// then the DRC splits 全市棚户区改造安置工程 by county from the rows the
// page suggests.
test.describe.configure({ mode: "serial" });

const PLAN = "/plans/wenzhou-2021";

test("the DRC prepares a 中期调整, an administrator approves it into version 2", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto(`${PLAN}/versions`);
  await expect(page.getByTestId("versions")).toContainText("原规划（基线）");
  await page.getByLabel("调整名称").fill("2023年中期调整");
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page.getByRole("heading", { name: /中期调整 #\d+：2023年中期调整/ })).toBeVisible();

  await page.getByLabel("调整类型").selectOption({ label: "调整投资" });
  await page.getByLabel("项目", { exact: true }).selectOption({ label: "3. 老旧小区改造" });
  await page.getByLabel("金额单位").selectOption("亿元");
  await page.getByLabel("调整后总投资").fill("70");
  await page.getByLabel("调整理由").fill("改造范围扩大");
  await page.getByRole("button", { name: "添加", exact: true }).click();
  const lines = page.getByTestId("adjustment-lines");
  await expect(lines).toContainText("调整投资");
  await expect(lines).toContainText("650000 万元 → 700000 万元");

  await page.getByRole("button", { name: "提交审批" }).click();
  await expect(page.getByTestId("adjustment-state")).toHaveText("已提交待审批");
  await expect(page.getByText("等待编制人以外的审批人审批")).toBeVisible();
  const url = page.url();

  await page.context().clearCookies();
  await logIn(page, ACCOUNTS.admin);
  await page.goto(url);
  await page.getByRole("button", { name: "批准" }).click();
  await expect(page.getByTestId("adjustment-state")).toHaveText("已批准");
  await page.getByRole("link", { name: "第 2 版" }).click();
  const table = page.getByTestId("changes-table");
  await expect(table).toContainText("老旧小区改造");
  await expect(table).toContainText("调增");
  // 65.00 → 70.00 亿元, +5.00 in the 合计.
  await expect(table.locator("tr.total").first()).toContainText("5.00");
  await page.goto(`${PLAN}/versions`);
  await expect(page.getByTestId("versions")).toContainText("第 2 版");
});

test("the DRC splits 全市棚户区改造安置工程 by county from the suggested rows; a split over the total is refused", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  const response = await page.request.get("/api/projects?plan=wenzhou-2021");
  const { projects } = await response.json();
  const project = projects.find((p: { name: string }) => p.name === "全市棚户区改造安置工程");
  await page.goto(`/projects/${project.id}`);
  const form = page.getByTestId("county-shares-form");
  await expect(form).toContainText("已按建设内容中各区县的数量预填");
  await expect(page.getByLabel("第 1 行区县")).toHaveValue("330302");
  // Too much for 鹿城区: refused with the reason.
  await page.getByLabel("第 1 行总投资").fill("9000000");
  await page.getByRole("button", { name: "保存拆分" }).click();
  await expect(form).toContainText("超过项目总投资");
  await page.getByLabel("第 1 行总投资").fill("358027.1179");
  await page.getByRole("button", { name: "保存拆分" }).click();
  await expect(page.getByTestId("county-shares")).toContainText("鹿城区");
  await expect(page.getByTestId("county-shares")).toContainText("未拆分");
  await page.goto(`${PLAN}/rollups`);
  await expect(page.getByTestId("county-shares-rollup")).toContainText("已拆分项目未拆分部分");
});
