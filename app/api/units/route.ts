import { NextResponse } from "next/server";
import { json, mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { createUnitMutation, listUnits } from "@/lib/units/unit-registry";

export const GET = readRoute("annex.read", async () => NextResponse.json({ units: await listUnits(prisma()) }));

export const POST = mutationRoute(createUnitMutation, { respond: json(201, "unit") });
