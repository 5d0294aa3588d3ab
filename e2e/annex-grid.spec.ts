import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

// Expected figures come from the source file, summed here in integer tenths
// of 亿元 — independently of the application's own money code.
type SourceRow = { domain: string; name: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

function sumYi(values: string[]): string {
  let tenths = 0n;
  for (const v of values) {
    const m = /^(\d+)(?:\.(\d))?$/.exec(v); // 待定 and —— are not numbers
    if (m) tenths += BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0");
  }
  return `${tenths / 10n}.${tenths % 10n}`;
}

async function openAnnex(page: Page) {
  await page.goto("/plans/wenzhou-2021");
  await expect(page.getByTestId("annex-grid").locator(".ag-root")).toBeVisible();
}

function pinnedCell(page: Page, colId: string) {
  return page.locator(`.ag-row-pinned [col-id="${colId}"]`).first();
}

/** The cell of the first project row shown (not the pinned totals). */
function projectCell(page: Page, colId: string) {
  return page.locator(`.ag-row:not(.ag-row-pinned) [col-id="${colId}"]`).first();
}

test("the whole annex: 69 projects and the sums of both amounts", async ({ page }) => {
  expect(source).toHaveLength(69);
  await logIn(page, ACCOUNTS.viewer);
  await openAnnex(page);
  await expect(page.getByTestId("shown-count")).toHaveText("69");
  await expect(page.getByTestId("shown-total")).toHaveText(sumYi(source.map((r) => r.totalInvestment)));
  await expect(page.getByTestId("shown-fyp")).toHaveText(sumYi(source.map((r) => r.fypInvestment)));
  // The figures the issue names, as a second, hand-written check.
  await expect(page.getByTestId("shown-total")).toHaveText("2347.7");
  await expect(page.getByTestId("shown-fyp")).toHaveText("1843.1");
  await expect(pinnedCell(page, "name")).toContainText("合计（69 个项目）");
  await expect(pinnedCell(page, "total")).toHaveText("2347.7");
  await expect(pinnedCell(page, "fyp")).toHaveText("1843.1");
});

test("filtering by domain updates the count and the pinned totals", async ({ page }) => {
  const culture = source.filter((r) => r.domain === "文化");
  await logIn(page, ACCOUNTS.reviewer);
  await openAnnex(page);
  await page.getByRole("combobox", { name: "领域", exact: true }).selectOption("文化");
  await expect(page.getByTestId("shown-count")).toHaveText(String(culture.length));
  await expect(pinnedCell(page, "total")).toHaveText(sumYi(culture.map((r) => r.totalInvestment)));
  await expect(pinnedCell(page, "fyp")).toHaveText(sumYi(culture.map((r) => r.fypInvestment)));
  // The filter is kept in the URL, so the view can be linked to and reloaded.
  await expect(page).toHaveURL(/domain=/);
  await page.reload();
  await expect(page.getByTestId("shown-count")).toHaveText(String(culture.length));
  await page.getByRole("button", { name: "清除筛选" }).click();
  await expect(page.getByTestId("shown-count")).toHaveText("69");
});

test("county, type and unit filters and the quick search", async ({ page }) => {
  await logIn(page, ACCOUNTS.editor);
  await openAnnex(page);
  await page.getByRole("combobox", { name: "区县", exact: true }).selectOption("全市");
  const wholeCity = source.filter((r) => (r as unknown as { location: string }).location === "全市");
  await expect(page.getByTestId("shown-count")).toHaveText(String(wholeCity.length));
  await page.getByRole("button", { name: "清除筛选" }).click();

  await page.getByRole("combobox", { name: "项目类型", exact: true }).selectOption("迭代");
  const iterated = source.filter((r) => (r as unknown as { type: string }).type === "迭代");
  await expect(page.getByTestId("shown-count")).toHaveText(String(iterated.length));
  await page.getByRole("button", { name: "清除筛选" }).click();

  await page.getByRole("combobox", { name: "实施单位", exact: true }).selectOption("市住建局");
  const housing = source.filter((r) => (r as unknown as { units: string[] }).units.includes("市住建局"));
  await expect(page.getByTestId("shown-count")).toHaveText(String(housing.length));
  await page.getByRole("button", { name: "清除筛选" }).click();

  await page.getByLabel("快速搜索").fill("龙舟");
  await expect(page.getByTestId("shown-count")).toHaveText("2");
});

test("待定 and —— are shown as such, and a project opens on its own page", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  await openAnnex(page);
  const pendingRow = source.find((r) => r.totalInvestment === "待定")!;
  await page.getByLabel("快速搜索").fill(pendingRow.name);
  await expect(projectCell(page, "total")).toHaveText("待定");
  await page.getByRole("link", { name: pendingRow.name }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(pendingRow.name);
  await expect(page.getByTestId("project-total")).toHaveText("待定");

  const notApplicable = source.find((r) => r.totalInvestment === "——")!;
  await openAnnex(page);
  await page.getByLabel("快速搜索").fill(notApplicable.name);
  await expect(projectCell(page, "total")).toHaveText("——");
});
