import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Two people saving the same new record at the same moment: both read "none
 * yet", one insert wins, the database's unique index refuses the other. That
 * one is told to reload (409), never shown a 500 and never duplicated.
 */
export async function conflictOnDuplicate<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("conflict", message);
    throw error;
  }
}
