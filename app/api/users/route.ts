import { NextResponse } from "next/server";
import { mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listUsers } from "@/lib/users/list-users";
import { createUserMutation } from "@/lib/users/user-mutations";

export const GET = readRoute("users.manage", async () => NextResponse.json({ users: await listUsers(prisma()) }));

export const POST = mutationRoute(createUserMutation);
