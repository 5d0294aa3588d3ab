import Decimal from "decimal.js";
import { expect, test, type Page } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

// The baseline and a 中期调整 through the pages: the DRC prepares and submits
// it, an administrator approves it, version 2 appears with its 调整前后对照表;
// then the DRC splits 全市棚户区改造安置工程 by county from the rows the
// page suggests; the rollups page read as of version 1, 2 and 现行; 市住建局
// proposes a new split of the same project, which the DRC accepts.
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

/** The 合计 row of a rollups table: project count, 总投资 and “十四五”投资 (亿元). */
async function totalRow(page: Page, section: string) {
  const cells = await page.getByTestId(section).getByTestId("total-row").locator("td").allTextContents();
  return cells.slice(1, 4).map((t) => t.trim());
}

test("a reviewer reads the rollups page as of version 1 (the baseline), version 2, then 现行", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto(`${PLAN}/rollups`);
  await page.getByLabel("版本").selectOption({ label: "第1版 原规划（基线）" });
  await expect(page).toHaveURL(/[?&]version=1\b/);
  await expect(page.getByTestId("rollups-version")).toHaveText("（第1版 原规划（基线））");
  // The published annex, by hand: 69 projects, 总投资 2347.7 亿元, 十四五 1843.1 亿元.
  await expect.poll(() => totalRow(page, "rollup-domain")).toEqual(["69", "2347.7", "1843.1"]);
  expect(await totalRow(page, "rollup-county")).toEqual(["69", "2347.7", "1843.1"]);
  await expect(page.getByTestId("rollup-cross").getByTestId("cross-total-row")).toContainText("69 / 2347.7");
  // A version has no months: no status section, no rankings, no progress columns; the export carries the version.
  await expect(page.getByTestId("rollup-status")).toHaveCount(0);
  await expect(page.getByTestId("ranking-county")).toHaveCount(0);
  await expect(page.getByTestId("rollup-domain")).not.toContainText("本年累计完成");
  await expect(page.getByTestId("version-note").getByRole("link", { name: "xlsx" })).toHaveAttribute("href", /version=1/);

  // Version 2: 老旧小区改造 65 → 70 亿元.
  await page.getByLabel("版本").selectOption({ label: "第2版 2023年中期调整" });
  await expect(page).toHaveURL(/[?&]version=2\b/);
  await expect.poll(() => totalRow(page, "rollup-domain")).toEqual(["69", "2352.7", "1843.1"]);
  // Approved before the split of the second journey: version 2 has none (the split is 现行's).
  await expect(page.getByTestId("version-shares-note")).toHaveText("第 2 版没有按区县拆分的项目。");
  await expect(page.getByTestId("county-shares-rollup")).toHaveCount(0);
  // The versions page says the same of version 2 (its row: count, 总投资, 十四五).
  await page.goto(`${PLAN}/versions`);
  const v2 = page.getByTestId("versions").locator("tbody tr").filter({ hasText: "第 2 版" });
  // (亿元 with two decimals there, and the count of 待定/不适用 amounts.)
  const [count, total, fyp] = (await v2.locator("td").allTextContents()).slice(4, 7).map((t) => t.trim());
  expect([count, total!.replace(/（.*$/, ""), fyp]).toEqual(["69", "2352.70", "1843.10"]);

  // 现行: the live rows, whatever other journeys changed since — summed here from the API's rows.
  const { projects } = (await (await page.request.get("/api/projects?plan=wenzhou-2021")).json()) as { projects: { total: { state: string; wan: string | null }; fyp: { state: string; wan: string | null } }[] };
  const sum = (pick: "total" | "fyp") => projects.reduce((s, p) => (p[pick].state === "VALUE" ? s.plus(p[pick].wan!) : s), new Decimal(0)).dividedBy(10_000).toFixed(1);
  await page.goto(`${PLAN}/rollups?version=2`);
  await page.getByLabel("版本").selectOption({ label: "现行（含之后的修改）" });
  await expect(page).not.toHaveURL(/version=/);
  // Figures as of a month use the version in force for it: the default month, October 2025, was
  // before version 2's approval (on the demo date in November), so it reads version 1 …
  await expect(page.getByTestId("version-line")).toContainText("按第1版（原规划（基线））");
  // … and November, the month of the approval, the newest version: the live rows.
  await page.goto(`${PLAN}/rollups?month=2025-11`);
  await expect(page.getByTestId("version-line")).toContainText("按第2版（2023年中期调整）及其后的修改");
  await expect.poll(() => totalRow(page, "rollup-domain")).toEqual([String(projects.length), sum("total"), sum("fyp")]);
  await expect(page.getByTestId("rollup-status")).toBeVisible();

  // A version that does not exist, or is not a number: a message, not an error page.
  await page.goto(`${PLAN}/rollups?version=99`);
  await expect(page.getByTestId("version-problem")).toContainText("该规划没有第 99 版");
  await page.goto(`${PLAN}/rollups?version=abc`);
  await expect(page.getByTestId("version-problem")).toContainText("版本号应为正整数");
});

test("市住建局 proposes a split of 全市棚户区改造安置工程 by percentage; another unit cannot; the DRC accepts it from its to-do", async ({ page, browser }) => {
  await logIn(page, ACCOUNTS.editor);
  const { projects } = await (await page.request.get("/api/projects?plan=wenzhou-2021")).json();
  const project = projects.find((p: { name: string }) => p.name === "全市棚户区改造安置工程");
  await page.goto(`/projects/${project.id}`);
  await page.getByText("申请修改拆分").click();
  const form = page.getByTestId("county-shares-proposal-form");
  await form.getByRole("button", { name: "按建设内容预填" }).click();
  await expect(page.getByLabel("第 1 行区县")).toHaveValue("330302");
  // 10% of 643 亿元 and of 256 亿元, in 万元.
  await page.getByLabel("第 1 行比例").fill("10");
  await expect(page.getByLabel("第 1 行总投资")).toHaveValue("643000");
  await expect(page.getByLabel("第 1 行“十四五”投资")).toHaveValue("256000");
  await form.getByLabel("拆分理由").fill("鹿城区按一成承担，其余按安置套数");
  await form.getByRole("button", { name: "提交拆分申请" }).click();
  await expect(form).toContainText("已提交，等待发改委审核。");
  await expect(page.getByTestId("change-requests")).toContainText("区县拆分申请");

  // Another unit (市教育局) over HTTP: refused, whatever it sends.
  const other = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logIn(other, ACCOUNTS.otherEditor);
  const attack = await other.request.post(`/api/projects/${project.id}/county-shares`, {
    data: { reason: "越权拆分申请", shares: [{ regionCode: "330302", total: { text: "1", unit: "万元" }, fyp: { text: "1", unit: "万元" } }] },
  });
  expect(attack.status()).toBe(403);

  await page.context().clearCookies();
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/");
  await expect(page.getByTestId("todo-county-splits").first()).toContainText("其中区县拆分申请 1 项");
  await page.goto("/change-requests");
  const card = page.locator("[data-testid^=change-request-]").filter({ hasText: "区县拆分申请" }).filter({ hasText: "待审核" });
  await expect(card).toContainText("643000 / 256000");
  await card.getByRole("button", { name: "采纳" }).click();
  await expect(page.locator("[data-testid^=change-request-]").filter({ hasText: "区县拆分申请" }).filter({ hasText: "已采纳" })).toHaveCount(1);
  await page.goto(`/projects/${project.id}`);
  const shares = page.getByTestId("county-shares");
  await expect(shares.locator("tr").filter({ hasText: "鹿城区" })).toContainText("643000");
  await page.goto(`${PLAN}/rollups`);
  await expect(page.getByTestId("county-shares-rollup")).toContainText("已拆分项目未拆分部分");
});

/** The 已拆分项目未拆分部分 line of the rollups page's table by county with shares (its cells' text). */
async function unsplitLine(page: Page) {
  return (await page.getByTestId("county-shares-rollup").locator("tr").filter({ hasText: "已拆分项目未拆分部分" }).locator("td").allTextContents()).map((t) => t.trim());
}

test("a version approved after the split freezes it: version 3's table by county with shares stays when the split changes, 现行 moves", async ({ page, baseURL }) => {
  const post = async (url: string, data: unknown) => {
    const response = await page.request.post(url, { headers: { Origin: baseURL! }, data });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return response.json();
  };
  // The DRC prepares version 3 over the API (a 调整期限/内容 line), an administrator approves it.
  await logIn(page, ACCOUNTS.reviewer);
  const { projects } = await (await page.request.get("/api/projects?plan=wenzhou-2021")).json();
  const housing = projects.find((p: { name: string }) => p.name === "老旧小区改造");
  const { id } = await post(`/api/plans/wenzhou-2021/adjustments`, { title: "2024年中期调整" });
  await post(`/api/adjustments/${id}/lines`, { version: 1, line: { kind: "PERIOD_CONTENT", projectId: housing.id, reason: "内容调整", content: "老旧小区改造（调整后）" } });
  await post(`/api/adjustments/${id}/submit`, { version: 2 });
  await page.context().clearCookies();
  await logIn(page, ACCOUNTS.admin);
  await post(`/api/adjustments/${id}/decision`, { version: 3, decision: "approve" });

  await page.goto(`${PLAN}/rollups?version=3`);
  await expect(page.getByTestId("version-shares-note")).toContainText("按第 3 版批准时的拆分计算");
  const frozen = await unsplitLine(page);
  // 项目数 and 其中拆分计入: the one split project.
  expect(frozen.slice(1, 3)).toEqual(["1", "1"]);
  await page.goto(`${PLAN}/versions`);
  await expect(page.getByTestId("versions").locator("tbody tr").filter({ hasText: "第 3 版" })).toContainText("1 个项目按区县拆分");

  // The split changes live: 1 万元 of each amount to 鹿城区, the rest unsplit (643 and 256 亿元 shown).
  const shantytown = (await (await page.request.get("/api/projects?plan=wenzhou-2021")).json()).projects.find((p: { name: string }) => p.name === "全市棚户区改造安置工程");
  const put = await page.request.put(`/api/projects/${shantytown.id}/county-shares`, {
    headers: { Origin: baseURL! },
    data: { version: shantytown.version, shares: [{ regionCode: "330302", total: { text: "1", unit: "万元" }, fyp: { text: "1", unit: "万元" } }] },
  });
  expect(put.status(), await put.text()).toBe(200);
  await page.goto(`${PLAN}/rollups`);
  expect((await unsplitLine(page)).slice(1, 5)).toEqual(["1", "1", "643.0", "256.0"]);
  await page.goto(`${PLAN}/rollups?version=3`);
  expect(await unsplitLine(page)).toEqual(frozen);
  // Version 3's own page has the same table, with the frozen split (亿元 with two decimals there).
  await page.goto(`${PLAN}/versions/3`);
  const cells = (await page.getByTestId("version-county-shares").locator("tr").filter({ hasText: "已拆分项目未拆分部分" }).locator("td").allTextContents()).map((t) => t.trim());
  expect([cells[1], new Decimal(cells[2]!).toFixed(1, Decimal.ROUND_HALF_UP), new Decimal(cells[3]!).toFixed(1, Decimal.ROUND_HALF_UP)]).toEqual([frozen[1], frozen[3], frozen[4]]);
});
