// The fields of a 填报模板 upload (multipart: file, month, unit?, basis?), read
// the same way for the preview and for the save.
import { AppError } from "@/lib/errors";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { parseInput } from "@/lib/validation/parse-input";

const MAX_BYTES = 10 * 1024 * 1024;

export function unitParam(raw: FormDataEntryValue | string | null): number | null {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
}

export async function templateUpload(planCode: string, form: FormData | null) {
  const file = form?.get("file");
  if (!(file instanceof File)) throw new AppError("invalid_input", "请选择填好的填报表（.xlsx）");
  if (file.size > MAX_BYTES) throw new AppError("invalid_input", "文件超过 10 MB，不是填报模板");
  const month = parseInput(monthParamSchema, String(form!.get("month") ?? "") || null);
  let basis: unknown = undefined;
  const basisText = form!.get("basis");
  if (typeof basisText === "string" && basisText) {
    try {
      basis = JSON.parse(basisText);
    } catch {
      throw new AppError("invalid_input", "预览信息无效，请重新上传");
    }
  }
  return { planCode, ...month, unitId: unitParam(form!.get("unit")), basis, bytes: new Uint8Array(await file.arrayBuffer()) };
}
