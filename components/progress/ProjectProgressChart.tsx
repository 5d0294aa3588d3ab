"use client";

// A project's investment curve: by month for a chosen year (completed each
// month, 1–N月累计, and the plan's even pace), and planned vs completed by year.
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ProjectProgressHistory } from "@/lib/progress/project-progress";

export function ProjectProgressChart({ history }: { history: ProjectProgressHistory }) {
  const years = history.years.map((y) => y.year);
  const [year, setYear] = useState(years[years.length - 1] ?? 0);
  if (years.length === 0) return <p className="muted">尚无年度计划和已报送的进度。</p>;
  // Exact strings become numbers only to be drawn.
  const months = history.months
    .filter((m) => m.year === year)
    .map((m) => ({
      month: `${m.month}月`,
      当月完成: m.monthWan === null ? null : Number(m.monthWan),
      本年累计: Number(m.yearToDateWan),
      计划序时: m.planPaceWan === null ? null : Number(m.planPaceWan),
    }));
  const byYear = history.years.map((y) => ({ year: `${y.year}年`, 年度计划: y.plannedWan === null ? null : Number(y.plannedWan), 完成投资: Number(y.completedWan) }));
  return (
    <div className="chart-pair" data-testid="progress-chart">
      <div>
        <div className="toolbar">
          <label>
            年份
            <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="chart" style={{ height: 300 }}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={months} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" tick={{ fontSize: 12 }} />
              <YAxis unit=" 万" tick={{ fontSize: 12 }} width={80} />
              <Tooltip formatter={(v) => `${Number(v).toLocaleString("zh-CN")} 万元`} />
              <Legend verticalAlign="top" />
              <Bar dataKey="当月完成" fill="#e8a33d" isAnimationActive={false} />
              <Line dataKey="本年累计" stroke="#b3261e" strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="计划序时" stroke="#616e7c" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div className="chart" style={{ height: 300, marginTop: "2.6rem" }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={byYear} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="year" tick={{ fontSize: 12 }} />
            <YAxis unit=" 万" tick={{ fontSize: 12 }} width={80} />
            <Tooltip formatter={(v) => `${Number(v).toLocaleString("zh-CN")} 万元`} />
            <Legend verticalAlign="top" />
            <Bar dataKey="年度计划" fill="#9aa5b1" isAnimationActive={false} />
            <Bar dataKey="完成投资" fill="#b3261e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
