import { NextResponse } from "next/server";
import { parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { unitCreateSchema } from "@/lib/units/unit-input";
import { createUnit, listUnits } from "@/lib/units/unit-registry";

export const GET = withActor("annex.read", async () => NextResponse.json({ units: await listUnits(prisma()) }));

export const POST = withActor("units.manage", async (request, { actor }) => {
  const unit = await createUnit(prisma(), actor, await parseJson(request, unitCreateSchema));
  return NextResponse.json({ unit }, { status: 201 });
});
