"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Bars of 总投资 and “十四五”投资 (亿元) per key. Values arrive exact; they become numbers only to be drawn. */
export function RollupBarChart({ data, height = 320 }: { data: { key: string; totalYi: string; fypYi: string }[]; height?: number }) {
  const points = data.map((d) => ({ key: d.key, 总投资: Number(d.totalYi), "“十四五”投资": Number(d.fypYi) }));
  return (
    <div className="chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 10, right: 20, bottom: 60, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" angle={-30} textAnchor="end" interval={0} height={70} tick={{ fontSize: 12 }} />
          <YAxis unit=" 亿" tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} 亿元`} />
          <Legend verticalAlign="top" />
          <Bar dataKey="总投资" fill="#b3261e" isAnimationActive={false} />
          <Bar dataKey="“十四五”投资" fill="#e8a33d" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
