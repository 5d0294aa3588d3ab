import { z } from "@/lib/validation/zod";

const unitName = z.string().trim().min(2, "单位名称至少 2 个字").max(100, "单位名称过长");
const unitKind = z.enum(["GOVERNMENT", "DEPARTMENT", "ENTERPRISE", "INSTITUTION", "COLLECTIVE", "OTHER"]);

export const unitCreateSchema = z.object({ name: unitName, kind: unitKind.optional() }).strict();
export const unitRenameSchema = z.object({ name: unitName }).strict();
/** Merges the unit of the URL into `intoUnitId`: the other name becomes an alias of the kept unit. */
export const unitMergeSchema = z.object({ intoUnitId: z.number().int().positive() }).strict();

export const UNIT_KIND_LABELS: Record<z.infer<typeof unitKind>, string> = {
  GOVERNMENT: "人民政府/管委会",
  DEPARTMENT: "政府部门",
  ENTERPRISE: "企业",
  INSTITUTION: "事业单位/院校/团体",
  COLLECTIVE: "多个单位的统称",
  OTHER: "其他",
};
