"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";

export function DeleteProjectButton({ projectId, version, planCode, name }: { projectId: number; version: number; planCode: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    if (!window.confirm(`确定删除“${name}”？删除后可在“已删除项目”中恢复。`)) return;
    try {
      await api(`/api/projects/${projectId}?version=${version}`, { method: "DELETE" });
      router.push(`/plans/${planCode}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "删除失败");
    }
  }
  return (
    <>
      <button className="button danger" type="button" onClick={remove}>
        删除项目
      </button>
      {error && <span className="error-text" role="alert"> {error}</span>}
    </>
  );
}
