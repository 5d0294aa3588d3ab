import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps a path of the application, with its query", () => {
    expect(safeCallbackPath("/plans/wenzhou-2021?domain=1")).toBe("/plans/wenzhou-2021?domain=1");
    expect(safeCallbackPath("/progress")).toBe("/progress");
  });

  it("sends every other host back home", () => {
    const attacks = [
      "/\\evil.example/login",
      "\\\\evil.example",
      "//evil.example/login",
      "/\t/evil.example",
      "/%5Cevil.example", // stays a path on this host: kept, harmless
      "http://evil.example/login",
      "https:evil.example",
      "javascript:alert(1)",
      "data:text/html,hi",
      " //evil.example",
      "\n//evil.example",
      "/\\/evil.example",
    ];
    for (const attack of attacks) {
      const result = safeCallbackPath(attack);
      // Whatever comes back, the browser must resolve it on our own origin.
      expect(new URL(result, "https://annex.gov.example").origin, attack).toBe("https://annex.gov.example");
      expect(result.startsWith("/"), attack).toBe(true);
    }
    expect(safeCallbackPath("/\\evil.example/login")).toBe("/");
    expect(safeCallbackPath("//evil.example/login")).toBe("/");
    expect(safeCallbackPath("http://evil.example/")).toBe("/");
  });

  it("answers home for nothing at all", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });
});
