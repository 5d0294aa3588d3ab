// Every e2e test fails on a browser console error or an uncaught page error
// (a hydration mismatch, a failed render), in every page of every context the
// test opens — its own page and the contexts it makes for a second person.
// A refused API call the page shows to the person (HTTP 4xx, logged by Chromium
// as "Failed to load resource") is part of the journeys, not an error.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

export * from "@playwright/test";

const EXPECTED = /Failed to load resource: the server responded with a status of 4\d\d/;

export const test = base.extend<{ failOnConsoleErrors: void }>({
  failOnConsoleErrors: [
    async ({ browser, context }, use) => {
      const errors: string[] = [];
      const attach = (page: Page) => {
        page.on("console", (message) => {
          if (message.type() === "error" && !EXPECTED.test(message.text())) errors.push(`${page.url()} — ${message.text()}`);
        });
        page.on("pageerror", (error) => errors.push(`${page.url()} — ${error.message}`));
      };
      const watch = (c: BrowserContext) => {
        c.pages().forEach(attach);
        c.on("page", attach);
      };
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const made = await newContext(options);
        watch(made);
        return made;
      };
      await use();
      browser.newContext = newContext;
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});
