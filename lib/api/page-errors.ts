import { notFound } from "next/navigation";
import { AppError } from "./errors";

/** For pages: a missing record renders the 404 page instead of an error. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
