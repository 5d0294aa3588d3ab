import type { Metadata } from "next";
import "./globals.css";
import { appTimeZone } from "@/lib/time/time-zone";

export const metadata: Metadata = {
  title: "重大项目管理",
  description: "“十四五”规划重大项目表：登记、编辑、投资进度与汇总",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The zone every timestamp is shown in, for the browser to render as the server did (lib/time/time-zone.ts).
    <html lang="zh-CN" data-time-zone={appTimeZone()}>
      <body>{children}</body>
    </html>
  );
}
