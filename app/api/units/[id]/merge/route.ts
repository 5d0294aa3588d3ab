import { NextResponse } from "next/server";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { unitMergeSchema } from "@/lib/units/unit-input";
import { mergeUnits } from "@/lib/units/unit-registry";

export const POST = withActor<{ id: string }>("units.manage", async (request, { actor, params }) => {
  const { intoUnitId } = await parseJson(request, unitMergeSchema);
  await mergeUnits(prisma(), actor, idParam(params.id, "单位"), intoUnitId);
  return NextResponse.json({ ok: true });
});
