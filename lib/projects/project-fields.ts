// The fields of a project: what each is called, and who answers for it.
// An implementing unit answers for where and what it builds and when, and for
// its own contact details; the DRC for everything that places the project in
// the plan (domain, 序号, name, type, units) and for the money.
export type ProjectField =
  | "domainId"
  | "seq"
  | "name"
  | "code"
  | "type"
  | "period"
  | "locationText"
  | "regionCode"
  | "content"
  | "total"
  | "fyp"
  | "units"
  | "contacts";

export const FIELD_LABELS: Record<ProjectField | "*", string> = {
  "*": "项目",
  domainId: "领域",
  seq: "序号",
  name: "项目名称",
  code: "项目代码",
  type: "项目类型",
  period: "项目期限",
  locationText: "建设地点",
  regionCode: "所属区县",
  content: "建设内容和规模",
  total: "总投资",
  fyp: "“十四五”投资",
  units: "组织实施单位",
  contacts: "联系人",
};

/** Fields an editor may change on a project of their unit. */
export const UNIT_FIELDS: ReadonlySet<ProjectField> = new Set(["period", "locationText", "content", "contacts"]);

/** DRC fields an editor may ask to change through a change request. */
export const CHANGE_REQUEST_FIELDS: ReadonlySet<ProjectField> = new Set(["domainId", "seq", "total", "fyp"]);
