// A county DRC account (瑞安市 330381), made on the users page, in the city's
// plan: it sees its county's projects and nothing of another county's, in
// the grid, the API and the rollups, and switches the rollups' level.
import { expect, test } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";

const PLAN = "wenzhou-2021";

test("a county DRC account sees its county's projects of the city's plan only, and the rollups' level switch", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const login = `radrc${Date.now() % 100000}`;
  await logIn(page, ACCOUNTS.admin);
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "新建账号" });
  await form.getByLabel("登录名").fill(login);
  await form.getByLabel("姓名").fill("瑞安市发改局");
  await form.getByLabel("角色").selectOption("REVIEWER");
  await form.getByLabel("所属地区").selectOption("330381");
  await form.getByLabel("初始密码").fill("Maple-Signal-482");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(page.locator(".notice")).toHaveText(`已创建账号“${login}”，首次登录须修改密码`);
  await expect(page.getByLabel(`${login} 的地区`)).toHaveValue("330381");

  // What the city's DRC sees: every county.
  const drc = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logIn(drc, ACCOUNTS.reviewer);
  const all: { id: number; countyLabel: string }[] = (await (await drc.request.get(`/api/projects?plan=${PLAN}`)).json()).projects;
  const ruian = all.filter((p) => p.countyLabel === "瑞安市");
  const other = all.find((p) => p.countyLabel === "乐清市")!;
  expect(ruian.length).toBeGreaterThan(0);

  const county = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logIn(county, login, "Maple-Signal-482");
  await expect(county).toHaveURL(/\/account\/password/);
  await county.getByLabel("当前密码").fill("Maple-Signal-482");
  await county.getByLabel("新密码", { exact: true }).fill("Harbor-Lantern-915");
  await county.getByLabel("再次输入新密码").fill("Harbor-Lantern-915");
  await county.getByRole("button", { name: "保存新密码" }).click();
  await county.waitForURL((url) => url.pathname === "/");

  // The grid's data: 瑞安's projects, each of them, and no other.
  const mine: { id: number; countyLabel: string }[] = (await (await county.request.get(`/api/projects?plan=${PLAN}`)).json()).projects;
  expect(mine.map((p) => p.id).sort()).toEqual(ruian.map((p) => p.id).sort());
  // Another county's project does not exist for it; its own does.
  expect((await county.request.get(`/api/projects/${other.id}`)).status()).toBe(404);
  expect((await county.request.get(`/api/projects/${other.id}/history`)).status()).toBe(404);
  expect((await county.goto(`/projects/${other.id}`))!.status()).toBe(404);
  expect((await county.request.get(`/api/projects/${ruian[0]!.id}`)).status()).toBe(200);

  // The city's plan says it lists the county's projects only, and offers no plan-wide act.
  await county.goto(`/plans/${PLAN}`);
  await expect(county.getByTestId("regional-view")).toContainText(`只列出位于瑞安市的项目（${ruian.length} 个）`);
  await expect(county.getByRole("link", { name: "新增项目" })).toHaveCount(0);

  // The rollups: by county, 瑞安市 alone; then 含下级规划.
  await county.goto(`/plans/${PLAN}/rollups`);
  const byCounty = county.getByTestId("rollup-county");
  await expect(byCounty.locator("tbody tr")).toHaveCount(1);
  await expect(byCounty.locator("tbody tr").first()).toContainText("瑞安市");
  await expect(byCounty.locator("tbody tr").first()).toContainText(String(ruian.length));
  await county.getByLabel("规划层级").selectOption("all");
  await expect(county).toHaveURL(/levels=all/);
  await expect(county.getByTestId("levels-summary")).toContainText("含下级规划");
  await expect(byCounty.locator("tbody tr")).toHaveCount(1);
  // Versions are the whole plan's: no version selector, and ?version=N is a 404 as the version pages are.
  await expect(county.getByLabel("版本")).toHaveCount(0);
  expect((await county.goto(`/plans/${PLAN}/rollups?version=1`))!.status()).toBe(404);
});
