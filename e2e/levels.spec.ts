// A county DRC account (瑞安市 330381), made on the users page, in the city's
// plan: it sees its county's projects and nothing of another county's, in
// the grid, the API and the rollups, and switches the rollups' level.
import { expect, test } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";
import { REPORTING, REPORTING_PARAM } from "./demo-clock";

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

// One project in a county's and the city's lists (one 项目代码) is reported
// once, in the county's plan: the DRC imports the two plans, gives both rows
// the code, and finds the city's copy read-only with where it is reported;
// the report made and approved in the county shows in the city's grid.
test("a project listed by the county and the city is reported once, in the county, and counted in the city", async ({ page }) => {
  test.setTimeout(480_000);
  const READ = { timeout: 120_000 };
  const run = Date.now() % 1_000_000;
  const code = `2021-330381-84-01-${String(run).padStart(6, "0")}`;
  const plans = {
    city: { code: `e2e-lv-city-${run}`, title: `温州市分级测试规划${run}`, name: "分级测试医院" },
    county: { code: `e2e-lv-county-${run}`, title: `瑞安市分级测试规划${run}`, name: "分级测试医院（县）" },
  };
  await logIn(page, ACCOUNTS.reviewer);
  for (const plan of Object.values(plans)) {
    const csv = [plan.title, "序号,领域,项目名称,项目期限,建设地点,总投资（万元）,“十四五”投资（万元）,责任单位", `1,社会事业,${plan.name},2021-2025,瑞安市,10000,8000,分级测试单位`].join("\n");
    await page.goto(`/import?plan=${plan.code}`);
    await page.getByLabel("导入文件").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByTestId("import-counts")).toContainText("共 1 个项目：新增 1", READ);
    await page.getByRole("button", { name: "确认导入" }).click();
    await expect(page.getByRole("status")).toContainText("已导入：新增 1", READ);
  }
  // The DRC gives both rows the project's code.
  const ids: Record<string, number> = {};
  for (const [key, plan] of Object.entries(plans)) {
    const [project] = (await (await page.request.get(`/api/projects?plan=${plan.code}`)).json()).projects as { id: number; version: number }[];
    const patch = await page.request.patch(`/api/projects/${project!.id}`, { data: { version: project!.version, code } });
    expect(patch.status()).toBe(200);
    ids[key] = project!.id;
  }

  // The city's monthly sheet: the copy says where it is reported, and links there.
  await page.goto(`/plans/${plans.city.code}/progress?month=${REPORTING_PARAM}`);
  await expect(page.getByTestId("reported-in-1")).toHaveText(`《${plans.county.title}》`);
  // A report on the copy is refused with where to report it.
  const refused = await page.request.post(`/api/plans/${plans.city.code}/progress/reports`, {
    data: { year: REPORTING.year, month: REPORTING.month, rows: [{ projectId: ids.city, baseReportId: null, baseVersion: null, monthWan: "1", physicalProgress: "", construction: "UNDER_CONSTRUCTION", actualStart: null, actualCompletion: null }] },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toContain(`（项目代码 ${code}）的月度进度在《${plans.county.title}》中填报`);

  // Reported in the county: 3,000 万元 for the month, submitted and approved there.
  await page.getByTestId("reported-in-1").click();
  await expect(page).toHaveURL(new RegExp(`/plans/${plans.county.code}/progress`));
  const cell = page.locator('.ag-row:not(.ag-row-pinned) [col-id="monthWan"]').first();
  await cell.dblclick();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("3000");
  await page.keyboard.press("Enter");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(page.getByTestId("report-message")).toContainText("已提交 1 个项目");
  // The city's review page has nothing of it; the county's has it.
  await page.goto(`/plans/${plans.city.code}/progress/review?month=${REPORTING_PARAM}`);
  await expect(page.getByTestId("review-row-1")).toHaveCount(0);
  await page.goto(`/plans/${plans.county.code}/progress/review?month=${REPORTING_PARAM}`);
  await page.getByTestId("review-row-1").getByRole("button", { name: "通过" }).click();
  await expect(page.getByTestId("review-message")).toContainText("已审核通过 1 份填报");
  // The page refreshes with nothing left to review; the outcome is still said (it vanished with the last row).
  await expect(page.getByText("没有等待审核的填报。")).toBeVisible();
  await expect(page.getByTestId("review-message")).toContainText("已审核通过 1 份填报");

  // The city's grid reads the county's report: 本年累计 0.3 亿元 on its row and in its 合计.
  await page.goto(`/plans/${plans.city.code}?progress=${REPORTING_PARAM}`);
  await expect(page.locator('.ag-row:not(.ag-row-pinned) [col-id="yearToDate"]').first()).toHaveText("0.3");
  await expect(page.locator('.ag-row-pinned [col-id="yearToDate"]').first()).toHaveText("0.3");
  // Its sheet shows the county's approved report on the copy, read-only.
  await page.goto(`/plans/${plans.city.code}/progress?month=${REPORTING_PARAM}`);
  await expect(page.getByTestId("state-1")).toHaveText("已审核");
});
