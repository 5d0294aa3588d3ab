import { expect, test } from "@playwright/test";
import { ACCOUNTS, logIn } from "./accounts";

test("an administrator creates an account on the users page, disables it, and finds both in the audit log", async ({ page, browser }) => {
  const login = `clerk${Date.now() % 100000}`;
  await logIn(page, ACCOUNTS.admin);
  await page.getByRole("link", { name: "用户管理" }).click();
  const form = page.getByRole("region", { name: "新建账号" });
  await form.getByLabel("登录名").fill(login);
  await form.getByLabel("姓名").fill("新来的办事员");
  await form.getByLabel("初始密码").fill("Maple-Signal-482");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(page.locator(".notice")).toHaveText(`已创建账号“${login}”，首次登录须修改密码`);
  const row = page.locator(`tr[data-login="${login}"]`);
  await expect(row).toContainText("待改密码");

  // The person can sign in (to the password change) until disabled.
  const other = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await other.goto("/login");
  await other.getByLabel("登录名").fill(login);
  await other.getByLabel("密码").fill("Maple-Signal-482");
  await other.getByRole("button", { name: "登录" }).click();
  await expect(other).toHaveURL(/\/account\/password/);

  await row.getByRole("button", { name: "停用" }).click();
  await expect(page.locator(".notice")).toHaveText(`已停用“${login}”`);
  await expect(row).toContainText("已停用");
  // Their open session ended with it.
  await other.goto("/account/password");
  await expect(other).toHaveURL(/\/login/);

  await page.getByRole("link", { name: "审计日志" }).click();
  await page.getByLabel("对象").fill(login);
  await page.getByRole("button", { name: "筛选" }).click();
  const events = page.getByTestId("audit-events");
  await expect(events).toContainText("user.create");
  await expect(events).toContainText("user.set-active");
  await expect(events).not.toContainText("Maple-Signal-482");
});

test("the users page and the audit log are the administrators' only", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await expect(page.getByRole("link", { name: "用户管理" })).toHaveCount(0);
  expect((await page.goto("/admin/users"))!.status()).toBe(403);
  expect((await page.request.get("/api/users")).status()).toBe(403);
});
