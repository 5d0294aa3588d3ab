import Link from "next/link";

/** Under (or inside) a collapsed table: how many rows are left out, and 展开全部 to show them. */
export function ShowAllRows({ hidden, total, noun, href, testId }: { hidden: number; total: number; noun: string; href: string; testId: string }) {
  if (hidden === 0) return null;
  return (
    <p className="muted show-all" data-testid={testId}>
      共 {total} 个{noun}，另有 {hidden} 个未列出。{" "}
      <Link href={href} scroll={false} prefetch={false}>
        展开全部
      </Link>
    </p>
  );
}
