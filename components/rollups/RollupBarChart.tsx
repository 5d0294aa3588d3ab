"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Bars of 总投资 and “十四五”投资 (亿元) per key. Values arrive exact; they become numbers only to be drawn.
 * With `drill`, a bar opens the grid filtered to its key (`?param=key` added to `href`).
 */
/** A long group name (“保障性安居工程及老旧小区改造”) shortened under its bar, whole in the tooltip and the table. */
function shortLabel(key: string): string {
  return key.length > 8 ? `${key.slice(0, 7)}…` : key;
}

export function RollupBarChart({
  data,
  height = 320,
  drill,
}: {
  data: { key: string; totalYi: string; fypYi: string }[];
  height?: number;
  drill?: { href: string; param: string };
}) {
  const router = useRouter();
  const points = data.map((d) => ({ key: d.key, 总投资: Number(d.totalYi), "“十四五”投资": Number(d.fypYi) }));
  const open = drill
    ? (bar: { payload?: { key?: string } }) => {
        const key = bar.payload?.key;
        if (key) router.push(`${drill.href}${drill.href.includes("?") ? "&" : "?"}${drill.param}=${encodeURIComponent(key)}`);
      }
    : undefined;
  return (
    <div className="chart" style={{ height }} title={drill ? "点击柱形查看对应项目" : undefined}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 10, right: 20, bottom: 60, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" angle={-30} textAnchor="end" interval={0} height={70} tick={{ fontSize: 12 }} tickFormatter={shortLabel} />
          <YAxis unit=" 亿" tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} 亿元`} />
          <Legend verticalAlign="top" />
          <Bar dataKey="总投资" fill="#b3261e" isAnimationActive={false} onClick={open} cursor={drill ? "pointer" : undefined} />
          <Bar dataKey="“十四五”投资" fill="#e8a33d" isAnimationActive={false} onClick={open} cursor={drill ? "pointer" : undefined} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
