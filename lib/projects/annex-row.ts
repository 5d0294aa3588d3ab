// The shape in which a project travels to the annex grid, the project page and
// the API: plain JSON, money as exact decimal strings in 万元.
import type { AmountState, LocationResolution } from "@/lib/generated/prisma/enums";

export type AmountView = { state: AmountState; wan: string | null };

export type ProjectUnitView = {
  unitId: number;
  name: string;
  publishedName: string;
  isLead: boolean;
  contactPerson: string | null;
  contactPhone: string | null;
};

export type AnnexRow = {
  id: number;
  planCode: string;
  seq: number;
  domainId: number;
  domainPosition: number;
  domainName: string;
  name: string;
  code: string | null;
  type: string;
  periodText: string;
  periodStart: number | null;
  periodEnd: number | null;
  locationText: string;
  locationResolution: LocationResolution;
  locationRule: string;
  regionCode: string | null;
  regionName: string | null;
  /** What the county column shows: the county, 全市, the zone, 未定 or 无法识别. */
  countyLabel: string;
  content: string;
  total: AmountView;
  fyp: AmountView;
  units: ProjectUnitView[];
  version: number;
  updatedAt: string;
};

export function countyLabel(resolution: LocationResolution, regionName: string | null): string {
  switch (resolution) {
    case "COUNTY":
    case "FUNCTIONAL_ZONE":
      return regionName ?? "无法识别";
    case "WHOLE_CITY":
      return "全市";
    case "UNDECIDED":
      return "未定";
    case "UNRESOLVED":
      return "无法识别";
  }
}

/**
 * Where a county label sorts in the official order, as the rollups' SQL orders it:
 * counties by GB/T 2260 code, then the functional zones, then 全市, 未定, 无法识别.
 */
export function countyOrderKey(resolution: LocationResolution, regionCode: string | null): string {
  switch (resolution) {
    case "COUNTY":
      return `0${regionCode ?? ""}`;
    case "FUNCTIONAL_ZONE":
      return `1${regionCode ?? ""}`;
    case "WHOLE_CITY":
      return "2";
    case "UNDECIDED":
      return "3";
    case "UNRESOLVED":
      return "4";
  }
}

/** What the rollups page's county drill-down shows of a project: only these go to the browser (a plan of thousands of projects). */
export type CountyAttributionRow = Pick<AnnexRow, "id" | "seq" | "name" | "version" | "locationText" | "locationRule" | "regionCode">;

export function countyAttributionRow(r: AnnexRow): CountyAttributionRow {
  return { id: r.id, seq: r.seq, name: r.name, version: r.version, locationText: r.locationText, locationRule: r.locationRule, regionCode: r.regionCode };
}

/**
 * What the annex grid reads of a row (its columns, filters, sort and the version a save sends):
 * the page sends only these — for 5,000 projects, a third of the bytes a full row carries
 * (the plan's code, the units' contacts, timestamps) is read by nothing on that page.
 * A saved row comes back whole from the API and replaces its grid row as it is.
 */
export type GridRow = Pick<
  AnnexRow,
  "id" | "seq" | "domainPosition" | "domainName" | "name" | "type" | "periodText" | "locationText" | "locationResolution" | "locationRule" | "regionCode" | "countyLabel" | "content" | "total" | "fyp" | "version"
> & { units: Pick<ProjectUnitView, "unitId" | "name" | "publishedName">[] };

export function gridRow(r: AnnexRow): GridRow {
  return {
    id: r.id,
    seq: r.seq,
    domainPosition: r.domainPosition,
    domainName: r.domainName,
    name: r.name,
    type: r.type,
    periodText: r.periodText,
    locationText: r.locationText,
    locationResolution: r.locationResolution,
    locationRule: r.locationRule,
    regionCode: r.regionCode,
    countyLabel: r.countyLabel,
    content: r.content,
    total: r.total,
    fyp: r.fyp,
    version: r.version,
    units: r.units.map((u) => ({ unitId: u.unitId, name: u.name, publishedName: u.publishedName })),
  };
}
