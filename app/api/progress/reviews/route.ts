import { mutationRoute } from "@/lib/api/routes";
import { reviewReportsMutation } from "@/lib/progress/monthly-reports";

/** Approves or returns submitted reports (each with the version the reviewer saw). */
export const POST = mutationRoute(reviewReportsMutation);
