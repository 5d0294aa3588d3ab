"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { createAdjustmentSchema } from "@/lib/versions/adjustment-input";

/** The DRC starts a 中期调整: a name, then its lines on the adjustment's own page. */
export function NewAdjustmentForm({ planCode }: { planCode: string }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="toolbar"
      onSubmit={async (event) => {
        event.preventDefault();
        const parsed = createAdjustmentSchema.safeParse({ planCode, title });
        if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "请检查输入");
        try {
          const { id } = await api<{ id: number }>(`/api/plans/${encodeURIComponent(planCode)}/adjustments`, { method: "POST", body: { title } });
          router.push(`/plans/${encodeURIComponent(planCode)}/adjustments/${id}`);
        } catch (e) {
          setError(e instanceof ApiError ? e.message : "创建失败");
        }
      }}
    >
      <label>
        新建中期调整
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="如：2023年中期调整" aria-label="调整名称" />
      </label>
      <button className="button" type="submit">
        新建
      </button>
      {error && <span className="error-text">{error}</span>}
    </form>
  );
}
