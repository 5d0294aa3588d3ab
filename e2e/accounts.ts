import type { Page } from "@playwright/test";

// The demo accounts that scripts/e2e-server.ts seeds (lib/plans/demo-data.ts).
export const PASSWORD = "Annex.Demo2021";
export const ACCOUNTS = {
  admin: "admin",
  reviewer: "drc",
  editor: "zjj",
  otherEditor: "jyj",
  viewer: "viewer",
} as const;

export async function logIn(page: Page, login: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
