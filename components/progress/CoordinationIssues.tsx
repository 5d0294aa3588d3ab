"use client";

// Problems needing coordination: raised once, followed up until resolved.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { api, ApiError } from "@/components/api-client";
import type { IssueListItem } from "@/lib/progress/coordination-issues";
import { ISSUE_STATE_LABELS, ISSUE_STATES, issueCreateSchema, type IssueCreateInput } from "@/lib/progress/progress-input";
import { formatDate } from "@/lib/time/time-zone";

export function RaiseIssueForm({ projectId }: { projectId: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<IssueCreateInput>({
    resolver: zodResolver(issueCreateSchema, undefined, { raw: true }),
    defaultValues: { projectId, description: "", responsible: "", dueDate: null },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await api(`/api/projects/${projectId}/issues`, { method: "POST", body: { ...values, dueDate: values.dueDate || null } });
      reset();
      setOpen(false);
      setError(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "提交失败");
    }
  });
  if (!open) {
    return (
      <button className="button" onClick={() => setOpen(true)}>
        提出协调事项
      </button>
    );
  }
  return (
    <form className="card" onSubmit={onSubmit} data-testid="raise-issue">
      {error && <div className="alert">{error}</div>}
      <div className="field">
        <label>
          存在问题及需协调事项
          <textarea rows={3} {...register("description")} />
        </label>
        {formState.errors.description && <span className="field-error">{formState.errors.description.message}</span>}
      </div>
      <div className="form-grid">
        <div className="field">
          <label>
            责任单位（需谁协调）
            <input {...register("responsible")} />
          </label>
        </div>
        <div className="field">
          <label>
            要求解决日期
            <input type="date" {...register("dueDate")} />
          </label>
          {formState.errors.dueDate && <span className="field-error">{formState.errors.dueDate.message}</span>}
        </div>
      </div>
      <button className="button primary" type="submit" disabled={formState.isSubmitting}>
        提交
      </button>{" "}
      <button className="button" type="button" onClick={() => setOpen(false)}>
        取消
      </button>
    </form>
  );
}

function IssueCard({ issue, showProject }: { issue: IssueListItem; showProject: boolean }) {
  const router = useRouter();
  const [values, setValues] = useState({ state: issue.state, responsible: issue.responsible, dueDate: issue.dueDate ?? "", resolution: issue.resolution });
  const [error, setError] = useState<string | null>(null);
  const dirty =
    values.state !== issue.state || values.responsible !== issue.responsible || values.dueDate !== (issue.dueDate ?? "") || values.resolution !== issue.resolution;
  async function save() {
    try {
      await api(`/api/issues/${issue.id}`, {
        method: "PATCH",
        body: { version: issue.version, state: values.state, responsible: values.responsible, dueDate: values.dueDate || null, resolution: values.resolution },
      });
      setError(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "保存失败");
    }
  }
  return (
    <div className="card issue" data-testid={`issue-${issue.id}`} style={{ marginBottom: "0.6rem" }}>
      <div>
        <span className={`badge issue-${issue.state.toLowerCase()}`}>{ISSUE_STATE_LABELS[issue.state as keyof typeof ISSUE_STATE_LABELS]}</span>
        {issue.overdue && <span className="badge warn">已超期</span>}{" "}
        {showProject && (
          <Link prefetch={false} href={`/projects/${issue.projectId}`}>
            {issue.projectSeq}. {issue.projectName}
          </Link>
        )}
        <span className="muted">
          {" "}
          · {issue.raisedBy} 提出于 {formatDate(issue.raisedAt)}
        </span>
      </div>
      <p style={{ margin: "0.4rem 0" }}>{issue.description}</p>
      {issue.canUpdate ? (
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <label>
            状态
            <select value={values.state} onChange={(e) => setValues({ ...values, state: e.target.value })}>
              {ISSUE_STATES.map((s) => (
                <option key={s} value={s}>
                  {ISSUE_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            责任单位
            <input value={values.responsible} onChange={(e) => setValues({ ...values, responsible: e.target.value })} />
          </label>
          <label>
            要求解决日期
            <input type="date" value={values.dueDate} onChange={(e) => setValues({ ...values, dueDate: e.target.value })} />
          </label>
          <label style={{ flex: 1 }}>
            解决情况
            <input value={values.resolution} onChange={(e) => setValues({ ...values, resolution: e.target.value })} />
          </label>
          <button className="button" disabled={!dirty} onClick={() => void save()}>
            保存
          </button>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          责任单位：{issue.responsible || "未指定"} · 要求解决：{issue.dueDate ?? "未定"}
          {issue.resolution && ` · 解决情况：${issue.resolution}`}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function IssueList({ issues, showProject }: { issues: IssueListItem[]; showProject: boolean }) {
  if (issues.length === 0) return <p className="muted">没有协调事项。</p>;
  return (
    <div data-testid="issues">
      {issues.map((i) => (
        <IssueCard key={`${i.id}:${i.version}`} issue={i} showProject={showProject} />
      ))}
    </div>
  );
}
