"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";

export function RestoreProjectButton({ projectId, version }: { projectId: number; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        className="button"
        type="button"
        onClick={async () => {
          try {
            await api(`/api/projects/${projectId}/restore`, { method: "POST", body: { version } });
            router.refresh();
          } catch (e) {
            setError(e instanceof ApiError ? e.message : "恢复失败");
          }
        }}
      >
        恢复
      </button>
      {error && <span className="error-text"> {error}</span>}
    </>
  );
}
