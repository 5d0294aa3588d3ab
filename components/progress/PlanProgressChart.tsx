"use client";

// The plan's year by month: completed each month and cumulated, against the
// annual plans' even pace (年度计划 × N/12), in 亿元.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PlanMonthPoint } from "@/lib/progress/plan-progress";

export function PlanProgressChart({ points, lastMonth }: { points: PlanMonthPoint[]; lastMonth: number }) {
  // Exact strings become numbers only to be drawn; months not yet reported are not drawn as zero.
  const yi = (wan: string) => Number(wan) / 10_000;
  const data = points.map((p) => ({
    month: `${p.month}月`,
    当月完成: p.month <= lastMonth ? yi(p.completedWan) : null,
    累计完成: p.month <= lastMonth ? yi(p.cumulativeWan) : null,
    计划序时: yi(p.planPaceWan),
  }));
  return (
    <div className="chart" style={{ height: 320 }} data-testid="plan-progress-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis unit=" 亿" tick={{ fontSize: 12 }} width={70} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} 亿元`} />
          <Legend verticalAlign="top" />
          <Bar dataKey="当月完成" fill="#e8a33d" isAnimationActive={false} />
          <Line dataKey="累计完成" stroke="#b3261e" strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="计划序时" stroke="#616e7c" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
