import { expect, test } from "@playwright/test";
import { ACCOUNTS, logIn, PASSWORD } from "./accounts";

test("every page needs a session: the annex redirects to the login page", async ({ page }) => {
  await page.goto("/plans/wenzhou-2021");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fplans%2Fwenzhou-2021/);
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
});

test("every API route needs a session", async ({ request }) => {
  const response = await request.get("/api/projects?plan=wenzhou-2021");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "请先登录" } });
});

test("the health check answers without a session", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  // Only whether it is up: the details are an administrator's (e2e/security.spec.ts).
  expect(await response.json()).toEqual({ ok: true });
});

for (const [role, login] of Object.entries(ACCOUNTS)) {
  test(`${role} (${login}) logs in, lands on the plans and is named in the header`, async ({ page }) => {
    await logIn(page, login);
    await expect(page.getByTestId("current-user")).toBeVisible();
    // Other tests may import copies of the plan under other codes: pick this one by its address.
    await page.locator('a[href="/plans/wenzhou-2021"]').first().click();
    await expect(page.getByTestId("shown-count")).toHaveText("69");
  });
}

const refusals = [
  { case: "wrong password", login: ACCOUNTS.reviewer, password: "not-the-password" },
  { case: "unknown login", login: "nobody", password: PASSWORD },
];
for (const refusal of refusals) {
  test(`a refused login (${refusal.case}) says so without saying which part was wrong`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("登录名").fill(refusal.login);
    await page.getByLabel("密码").fill(refusal.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "登录名或密码错误" })).toHaveText("登录名或密码错误");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("empty fields are explained before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入登录名")).toBeVisible();
  await expect(page.getByText("请输入密码")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/plans/wenzhou-2021");
  await expect(page).toHaveURL(/\/login/);
});
