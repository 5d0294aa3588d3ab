"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeRequestSchema } from "@/lib/projects/project-input";
import { api, ApiError } from "@/components/api-client";

type Props = { projectId: number; domains: { value: number; label: string }[]; current: { domainId: number; seq: number; total: string; fyp: string } };

/** A unit asks the DRC to change the figures that are the DRC's. Validated with the server's schema before sending. */
export function ChangeRequestForm({ projectId, domains, current }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ domainId: "", seq: "", total: "", fyp: "", unit: "亿元" as "亿元" | "万元", reason: "" });
  const [errors, setErrors] = useState<string[]>([]);
  const [sent, setSent] = useState(false);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues({ ...values, [k]: e.target.value });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = {
      ...(values.domainId ? { domainId: Number(values.domainId) } : {}),
      ...(values.seq ? { seq: Number(values.seq) } : {}),
      ...(values.total ? { total: { text: values.total, unit: values.unit } } : {}),
      ...(values.fyp ? { fyp: { text: values.fyp, unit: values.unit } } : {}),
      reason: values.reason,
    };
    const parsed = changeRequestSchema.safeParse(input);
    if (!parsed.success) return setErrors(parsed.error.issues.map((i) => i.message));
    try {
      await api(`/api/projects/${projectId}/change-requests`, { method: "POST", body: input });
      setErrors([]);
      setSent(true);
      setOpen(false);
      router.refresh();
    } catch (error) {
      setErrors([error instanceof ApiError ? error.message : "提交失败"]);
    }
  }

  if (!open) {
    return (
      <>
        <button className="button" type="button" onClick={() => setOpen(true)}>
          申请调整领域、序号或投资额
        </button>
        {sent && <span className="ok-text"> 已提交变更申请，等待发改委审核</span>}
      </>
    );
  }
  return (
    <form className="card change-request-form" onSubmit={submit} data-testid="change-request-form">
      <h2 style={{ marginTop: 0 }}>变更申请</h2>
      <p className="muted">只填写需要调整的项；发改委采纳后生效并记入修改记录。</p>
      {errors.length > 0 && (
        <div className="alert" role="alert">
          {errors.join("；")}
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          领域
          <select value={values.domainId} onChange={set("domainId")} aria-label="申请领域">
            <option value="">不调整</option>
            {domains.filter((d) => d.value !== current.domainId).map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          序号（现为 {current.seq}）
          <input type="number" value={values.seq} onChange={set("seq")} aria-label="申请序号" />
        </label>
        <label className="field">
          总投资（现为 {current.total}）
          <input value={values.total} onChange={set("total")} aria-label="申请总投资" placeholder="数字、待定或不适用" />
        </label>
        <label className="field">
          “十四五”投资（现为 {current.fyp}）
          <input value={values.fyp} onChange={set("fyp")} aria-label="申请十四五投资" placeholder="数字、待定或不适用" />
        </label>
        <label className="field">
          金额单位
          <select value={values.unit} onChange={set("unit")} aria-label="申请金额单位">
            <option value="亿元">亿元</option>
            <option value="万元">万元</option>
          </select>
        </label>
      </div>
      <label className="field">
        理由
        <textarea rows={3} value={values.reason} onChange={set("reason")} aria-label="申请理由" />
      </label>
      <div className="form-actions">
        <button className="button primary" type="submit">
          提交申请
        </button>
        <button className="button" type="button" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}
