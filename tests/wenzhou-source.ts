// The published Wenzhou annex as the tests read it: straight from the source
// file, and the county column worked out by hand from its locations (see
// lib/regions/resolve-location.test.ts), never through the application's code.
import { readFileSync } from "node:fs";

export type SourceRow = { seq: number; domain: string; name: string; type: string; period: string; location: string; content: string; totalInvestment: string; fypInvestment: string; units: string[] };

export const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

/** The county column of a published location: 全市, 未定, the zone or the county. */
export const countyOf = (location: string): string =>
  location === "全市" ? "全市" : location === "未定" || location === "—" ? "未定" : location === "经开区" ? "温州经济技术开发区" : location === "瑞安" ? "瑞安市" : location.startsWith("温州高新") ? "温州高新技术产业开发区" : location.slice(0, 3);
