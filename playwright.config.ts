import { defineConfig, devices } from "@playwright/test";
import { E2E_TODAY } from "./e2e/demo-clock";

// End-to-end tests drive Debian's Chromium (Playwright cannot download its own
// browsers on these machines) against the real application, built and served
// by scripts/e2e-server.ts on its own embedded PostgreSQL with the demo data.
const PORT = Number(process.env.E2E_PORT ?? 3100);

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: "largest-import.spec.ts",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: CHROMIUM,
      },
    },
    // The largest import allowed leaves a plan of 149,990 projects behind: after every other spec.
    { name: "largest-import", testMatch: "largest-import.spec.ts", dependencies: ["chromium"], use: { ...devices["Desktop Chrome"], launchOptions: CHROMIUM } },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    env: { E2E_PORT: String(PORT), ANNEX_TODAY: E2E_TODAY },
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
