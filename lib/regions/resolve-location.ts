// Where a project's published location (建设地点) falls: a county, the whole
// city, a functional zone, not decided, or — when the text matches nothing
// or several counties — unresolved. Never a guess: `rule` tells the DRC
// which name or alias decided it, and the text itself is always kept.
import type { RegionSeed } from "./regions-data";

export type LocationResolution = "COUNTY" | "WHOLE_CITY" | "FUNCTIONAL_ZONE" | "UNDECIDED" | "UNRESOLVED";

/** What resolution needs of a region: the seed's shape, whether read from the seed or the database. */
export type RegionForResolution = RegionSeed;

export type ResolvedLocation = { resolution: LocationResolution; regionCode: string | null; rule: string };

const UNDECIDED_TEXTS = new Map([
  ["", "未填写地点"],
  ["未定", "“未定”：地点未确定"],
  ["待定", "“待定”：地点未确定"],
  ["—", "“—”：未填写地点"],
  ["——", "“——”：未填写地点"],
  ["-", "“-”：未填写地点"],
  ["/", "“/”：未填写地点"],
  ["无", "“无”：未填写地点"],
]);

const WHOLE_CITY_TEXTS = ["全市", "全市域", "市域", "市本级"];

export function normaliseLocation(text: string): string {
  return text.replace(/[\u3000\s]+/g, " ").trim();
}

export function resolveLocation(text: string, regions: RegionForResolution[], cityCode: string): ResolvedLocation {
  const location = normaliseLocation(text);
  const undecided = UNDECIDED_TEXTS.get(location);
  if (undecided !== undefined) return { resolution: "UNDECIDED", regionCode: null, rule: undecided };

  const city = regions.find((r) => r.code === cityCode);
  const cityNames = city ? [city.name, ...city.aliases] : [];
  if (WHOLE_CITY_TEXTS.includes(location) || cityNames.includes(location)) {
    return { resolution: "WHOLE_CITY", regionCode: cityCode, rule: `“${location}”：全市` };
  }

  // The regions below the plan's: a city's counties and zones; a province's cities and their counties too.
  const below = descendants(regions, cityCode);
  const found = below
    .map((region) => ({ region, name: longestNameIn(location, region) }))
    .filter((m): m is { region: RegionForResolution; name: string } => m.name !== null);
  // “温州市瑞安市…” names a county and its city: the county decides.
  const matches = found.filter((m) => !found.some((n) => n !== m && isAncestor(regions, m.region.code, n.region.code)));

  if (matches.length === 0) return { resolution: "UNRESOLVED", regionCode: null, rule: "无法对应到区县" };
  if (matches.length > 1) {
    const names = matches.map((m) => m.region.name).join("、");
    return { resolution: "UNRESOLVED", regionCode: null, rule: `地点涉及多个区县（${names}），未归入单个区县` };
  }

  const { region, name } = matches[0]!;
  const resolution = region.kind === "FUNCTIONAL_ZONE" ? "FUNCTIONAL_ZONE" : "COUNTY";
  return { resolution, regionCode: region.code, rule: ruleFor(location, region, name) };
}

function descendants(regions: RegionForResolution[], code: string): RegionForResolution[] {
  const children = regions.filter((r) => r.parentCode === code);
  return children.flatMap((c) => [c, ...descendants(regions, c.code)]);
}

function isAncestor(regions: RegionForResolution[], ancestor: string, code: string): boolean {
  for (let r = regions.find((x) => x.code === code); r?.parentCode; r = regions.find((x) => x.code === r!.parentCode)) {
    if (r.parentCode === ancestor) return true;
  }
  return false;
}

/** The longest of a region's name and aliases that the location contains. */
function longestNameIn(location: string, region: RegionForResolution): string | null {
  const found = [region.name, ...region.aliases].filter((n) => location.includes(n));
  return found.sort((a, b) => b.length - a.length)[0] ?? null;
}

function ruleFor(location: string, region: RegionForResolution, matched: string): string {
  if (location === region.name) return `名称“${region.name}”`;
  if (location === matched) return `别名“${matched}”→${region.name}`;
  if (matched === region.name) return `地点含“${matched}”`;
  return `地点含别名“${matched}”→${region.name}`;
}
