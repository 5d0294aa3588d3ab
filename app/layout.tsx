import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "重大项目管理",
  description: "“十四五”规划重大项目表：登记、编辑、投资进度与汇总",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
