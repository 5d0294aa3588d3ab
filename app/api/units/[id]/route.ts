import { NextResponse } from "next/server";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { unitRenameSchema } from "@/lib/units/unit-input";
import { renameUnit } from "@/lib/units/unit-registry";

export const PATCH = withActor<{ id: string }>("units.manage", async (request, { actor, params }) => {
  const { name } = await parseJson(request, unitRenameSchema);
  await renameUnit(prisma(), actor, idParam(params.id, "单位"), name);
  return NextResponse.json({ ok: true });
});
