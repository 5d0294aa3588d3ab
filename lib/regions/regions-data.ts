// Reference regions: the cities whose plans the application serves, their
// 市辖区 / 县 / 县级市 with GB/T 2260 codes, and the functional zones that
// plans name as locations. Functional zones have no GB/T 2260 code; they get
// <city code>F<n>. Aliases are the other ways plans write a name.
export type RegionKind = "PROVINCE" | "PREFECTURE" | "DISTRICT" | "COUNTY" | "COUNTY_CITY" | "FUNCTIONAL_ZONE";

export type RegionSeed = {
  code: string;
  name: string;
  kind: RegionKind;
  parentCode: string | null;
  aliases: string[];
};

/** A county's short name (瑞安 for 瑞安市) is an alias where it is unambiguous. */
function county(code: string, name: string, kind: RegionKind, parentCode: string, extra: string[] = []): RegionSeed {
  const short = name.slice(0, -1);
  return { code, name, kind, parentCode, aliases: [...(short.length >= 2 ? [short] : []), ...extra] };
}

export const REGIONS: RegionSeed[] = [
  // The province above the cities: a provincial plan's region, and a province DRC account's.
  { code: "330000", name: "浙江省", kind: "PROVINCE", parentCode: null, aliases: ["浙江"] },
  { code: "330300", name: "温州市", kind: "PREFECTURE", parentCode: "330000", aliases: ["温州"] },
  county("330302", "鹿城区", "DISTRICT", "330300"),
  county("330303", "龙湾区", "DISTRICT", "330300"),
  county("330304", "瓯海区", "DISTRICT", "330300"),
  county("330305", "洞头区", "DISTRICT", "330300"),
  county("330324", "永嘉县", "COUNTY", "330300"),
  county("330326", "平阳县", "COUNTY", "330300"),
  county("330327", "苍南县", "COUNTY", "330300"),
  county("330328", "文成县", "COUNTY", "330300"),
  county("330329", "泰顺县", "COUNTY", "330300"),
  county("330381", "瑞安市", "COUNTY_CITY", "330300"),
  county("330382", "乐清市", "COUNTY_CITY", "330300"),
  county("330383", "龙港市", "COUNTY_CITY", "330300"),
  {
    code: "330300F1",
    name: "温州经济技术开发区",
    kind: "FUNCTIONAL_ZONE",
    parentCode: "330300",
    aliases: ["经开区", "温州经开区", "经济技术开发区", "浙南产业集聚区"],
  },
  {
    code: "330300F2",
    name: "温州高新技术产业开发区",
    kind: "FUNCTIONAL_ZONE",
    parentCode: "330300",
    aliases: ["温州高新区", "高新区", "浙南科技城"],
  },
  { code: "330300F3", name: "温州生态园", kind: "FUNCTIONAL_ZONE", parentCode: "330300", aliases: ["生态园", "三垟湿地"] },
  { code: "330300F4", name: "温州海洋经济发展示范区", kind: "FUNCTIONAL_ZONE", parentCode: "330300", aliases: ["海经区"] },

  { code: "331000", name: "台州市", kind: "PREFECTURE", parentCode: "330000", aliases: ["台州"] },
  county("331002", "椒江区", "DISTRICT", "331000"),
  county("331003", "黄岩区", "DISTRICT", "331000"),
  county("331004", "路桥区", "DISTRICT", "331000"),
  county("331022", "三门县", "COUNTY", "331000"),
  county("331023", "天台县", "COUNTY", "331000"),
  county("331024", "仙居县", "COUNTY", "331000"),
  county("331081", "温岭市", "COUNTY_CITY", "331000"),
  county("331082", "临海市", "COUNTY_CITY", "331000"),
  county("331083", "玉环市", "COUNTY_CITY", "331000"),
  {
    code: "331000F1",
    name: "台州湾新区",
    kind: "FUNCTIONAL_ZONE",
    parentCode: "331000",
    aliases: ["台州湾经济技术开发区", "台州经开区"],
  },
];
