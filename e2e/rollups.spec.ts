import { expect, test } from "@playwright/test";
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
  await expect(page.getByTestId("quality-unit-aliases")).toContainText("“市卫健委”与“市卫生健康委”");
});
