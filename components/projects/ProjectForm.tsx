"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, type Resolver } from "react-hook-form";
import { amountViewToInput } from "@/lib/money/amount-view";
import type { AnnexRow } from "@/lib/projects/annex-row";
import { FIELD_LABELS, type ProjectField } from "@/lib/projects/project-fields";
import { projectCreateSchema, projectPatchSchema, type AmountInput } from "@/lib/projects/project-input";
import { api, ApiError } from "@/components/api-client";
import { formatDateTime } from "@/lib/time/time-zone";

type Option = { value: string | number; label: string };

type FormValues = {
  version?: number;
  domainId: number;
  seq?: number;
  name: string;
  code: string | null;
  type: string;
  period: string;
  locationText: string;
  regionCode: string | null;
  content: string;
  total: AmountInput;
  fyp: AmountInput;
  units: string[];
  contacts?: { unitId: number; contactPerson: string | null; contactPhone: string | null }[];
  confirmWarnings?: boolean;
};

type Props = {
  mode: "edit" | "create";
  planCode: string;
  project?: AnnexRow;
  domains: Option[];
  regions: Option[];
  /** Fields this person may change (the server checks again). */
  editable: ProjectField[];
  /** Units whose contact details this person may change. */
  contactUnitIds: number[];
};

const TEXT_FIELDS: { field: "name" | "type" | "code" | "period" | "locationText"; placeholder?: string }[] = [
  { field: "name" },
  { field: "type", placeholder: "新建、续建、改扩建…" },
  { field: "code", placeholder: "投资项目在线审批监管平台赋码" },
  { field: "period", placeholder: "2021-2025" },
  { field: "locationText", placeholder: "如：瑞安市玉海街道" },
];

export function ProjectForm(props: Props) {
  const router = useRouter();
  const { project, mode } = props;
  const [failure, setFailure] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [conflict, setConflict] = useState<{ current: AnnexRow; differences: { label: string; mine: string; theirs: string }[] } | null>(null);

  const defaults: FormValues = project
    ? {
        version: project.version,
        domainId: project.domainId,
        seq: project.seq,
        name: project.name,
        code: project.code,
        type: project.type,
        period: project.periodText,
        locationText: project.locationText,
        regionCode: null,
        content: project.content,
        total: amountViewToInput(project.total),
        fyp: amountViewToInput(project.fyp),
        units: project.units.map((u) => u.name),
        contacts: project.units.map((u) => ({ unitId: u.unitId, contactPerson: u.contactPerson, contactPhone: u.contactPhone })),
      }
    : {
        domainId: Number(props.domains[0]?.value ?? 0),
        name: "",
        code: null,
        type: "新建",
        period: "2021-2025",
        locationText: "",
        regionCode: null,
        content: "",
        total: { text: "", unit: "亿元" },
        fyp: { text: "", unit: "亿元" },
        units: [],
      };

  const schema = mode === "create" ? projectCreateSchema : projectPatchSchema;
  const form = useForm<FormValues>({ resolver: zodResolver(schema, undefined, { raw: true }) as unknown as Resolver<FormValues>, defaultValues: defaults });
  const { register, handleSubmit, control, formState, getValues, setValue } = form;
  const may = (f: ProjectField) => props.editable.includes(f);
  // Read during render: react-hook-form only tracks the dirty fields of a form that subscribes to them.
  const dirtyFields = formState.dirtyFields as Partial<Record<keyof FormValues, unknown>>;

  async function submit(values: FormValues, confirm = false) {
    setFailure(null);
    try {
      if (mode === "create") {
        const { project: created } = await api<{ project: AnnexRow }>(`/api/projects?plan=${encodeURIComponent(props.planCode)}&via=form`, {
          method: "POST",
          body: { ...values, confirmWarnings: confirm || undefined },
        });
        router.push(`/projects/${created.id}`);
      } else {
        // Only what this person changed: after a conflict, the other person's
        // changes to the other fields must survive this save.
        const dirty = dirtyFields;
        const body: Record<string, unknown> = { version: values.version, confirmWarnings: confirm || undefined };
        for (const f of props.editable) if (f !== "contacts" && dirty[f as keyof FormValues]) body[f] = values[f as keyof FormValues];
        if (dirty.contacts && values.contacts && props.contactUnitIds.length) {
          body.contacts = values.contacts.filter((c) => props.contactUnitIds.includes(c.unitId));
        }
        if (!values.regionCode) delete body.regionCode;
        await api(`/api/projects/${project!.id}?via=form`, { method: "PATCH", body });
        router.push(`/projects/${project!.id}`);
      }
    } catch (error) {
      await explain(error);
    }
  }

  async function explain(error: unknown) {
    if (!(error instanceof ApiError)) return setFailure("保存失败，请稍后重试");
    if (error.code === "needs_confirmation") return setWarnings(error.details?.warnings ?? [error.message]);
    if (error.status === 409 && project) {
      const { project: current } = await api<{ project: AnnexRow }>(`/api/projects/${project.id}`);
      setConflict({ current, differences: differences(project, current) });
      return setFailure(error.message);
    }
    setFailure(error.message);
  }

  function acceptLatestVersion() {
    if (!conflict) return;
    // Keeps everything the person typed; only the base version moves, so the next save is a conscious one.
    setValue("version", conflict.current.version);
    setConflict(null);
    setFailure(null);
  }

  return (
    <form onSubmit={handleSubmit((v) => submit(v))} noValidate className="card project-form" data-testid="project-form">
      {failure && (
        <div className="alert" role="alert" data-testid="form-error">
          {failure}
        </div>
      )}
      {conflict && (
        <div className="conflict" data-testid="conflict">
          <p>
            <strong>他人的修改</strong>（保存于 {formatDateTime(conflict.current.updatedAt)}）：
          </p>
          {conflict.differences.length === 0 ? (
            <p className="muted">对方修改的是您无权查看差异的字段，或只更新了版本。</p>
          ) : (
            <table className="plain">
              <thead>
                <tr>
                  <th>字段</th>
                  <th>您打开时</th>
                  <th>现在（他人保存）</th>
                </tr>
              </thead>
              <tbody>
                {conflict.differences.map((d) => (
                  <tr key={d.label}>
                    <td>{d.label}</td>
                    <td>{d.mine}</td>
                    <td>{d.theirs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">您填写的内容仍保留在下方表单中。确认无误后，可基于最新版本再次保存。</p>
          <button type="button" className="button" onClick={acceptLatestVersion}>
            基于最新版本继续编辑
          </button>
        </div>
      )}
      {warnings && (
        <div className="warning-box" role="alert" data-testid="form-warnings">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <button type="button" className="button primary" onClick={() => submit(getValues(), true)}>
            仍然保存
          </button>{" "}
          <button type="button" className="button" onClick={() => setWarnings(null)}>
            返回修改
          </button>
        </div>
      )}

      <div className="form-grid">
        <Field label={FIELD_LABELS.domainId} error={formState.errors.domainId?.message}>
          <select {...register("domainId", { valueAsNumber: true })} disabled={!may("domainId")} aria-label={FIELD_LABELS.domainId}>
            {props.domains.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={FIELD_LABELS.seq} error={formState.errors.seq?.message} hint={mode === "create" ? "留空则排在最后" : undefined}>
          <input
            type="number"
            {...register("seq", { setValueAs: (v) => (v === "" || v === null ? undefined : Number(v)) })}
            disabled={!may("seq")}
            aria-label={FIELD_LABELS.seq}
          />
        </Field>
        {TEXT_FIELDS.map(({ field, placeholder }) => (
          <Field key={field} label={FIELD_LABELS[field]} error={formState.errors[field]?.message}>
            <input
              {...register(field, field === "code" ? { setValueAs: (v) => (v ? v : null) } : {})}
              placeholder={placeholder}
              disabled={!may(field)}
              aria-label={FIELD_LABELS[field]}
            />
          </Field>
        ))}
        <Field label={FIELD_LABELS.regionCode} hint={project ? `现为：${project.countyLabel}（${project.locationRule}）` : "按建设地点自动识别"}>
          <select
            {...register("regionCode", { setValueAs: (v) => (v ? v : null) })}
            disabled={!may("regionCode")}
            aria-label={FIELD_LABELS.regionCode}
          >
            <option value="">按建设地点自动识别</option>
            {props.regions.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <AmountField label={`${FIELD_LABELS.total}`} name="total" control={control} disabled={!may("total")} error={formState.errors.total?.message ?? formState.errors.total?.root?.message} />
        <AmountField label={`${FIELD_LABELS.fyp}`} name="fyp" control={control} disabled={!may("fyp")} error={formState.errors.fyp?.message ?? formState.errors.fyp?.root?.message} />
      </div>

      <Field label={FIELD_LABELS.content} error={formState.errors.content?.message}>
        <textarea rows={5} {...register("content")} disabled={!may("content")} aria-label={FIELD_LABELS.content} />
      </Field>
      <Field label={`${FIELD_LABELS.units}（每行一个，第一个为牵头单位）`} error={formState.errors.units?.message ?? formState.errors.units?.root?.message}>
        <Controller
          control={control}
          name="units"
          render={({ field }) => (
            <textarea
              rows={3}
              value={field.value.join("\n")}
              onChange={(e) => field.onChange(e.target.value.split("\n").map((s) => s.trim()).filter(Boolean))}
              disabled={!may("units")}
              aria-label={FIELD_LABELS.units}
            />
          )}
        />
      </Field>

      {mode === "edit" && project && props.contactUnitIds.length > 0 && (
        <fieldset className="contacts">
          <legend>联系人</legend>
          {project.units.map((u, index) =>
            props.contactUnitIds.includes(u.unitId) ? (
              <div className="contact-row" key={u.unitId}>
                <span>{u.name}</span>
                <input placeholder="联系人" aria-label={`${u.name} 联系人`} {...register(`contacts.${index}.contactPerson`, { setValueAs: (v) => (v ? v : null) })} />
                <input placeholder="电话" aria-label={`${u.name} 电话`} {...register(`contacts.${index}.contactPhone`, { setValueAs: (v) => (v ? v : null) })} />
                {formState.errors.contacts?.[index]?.contactPhone && <span className="field-error">{formState.errors.contacts[index]?.contactPhone?.message}</span>}
              </div>
            ) : null,
          )}
        </fieldset>
      )}

      <div className="form-actions">
        <button className="button primary" type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "正在保存…" : mode === "create" ? "创建项目" : "保存"}
        </button>
        <button className="button" type="button" onClick={() => router.back()}>
          取消
        </button>
      </div>
    </form>
  );
}

function Field(props: { label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label>
        {props.label}
        {props.children}
      </label>
      {props.hint && <span className="muted field-hint">{props.hint}</span>}
      {props.error && <span className="field-error">{props.error}</span>}
    </div>
  );
}

function AmountField(props: { label: string; name: "total" | "fyp"; control: ReturnType<typeof useForm<FormValues>>["control"]; disabled: boolean; error?: string }) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field }) => (
        <div className="field">
          <label>
            {props.label}
            <span className="amount-input">
              <input
                value={field.value.text}
                onChange={(e) => field.onChange({ ...field.value, text: e.target.value })}
                placeholder="数字、待定或不适用"
                disabled={props.disabled}
                aria-label={props.label}
              />
              <select
                value={field.value.unit}
                onChange={(e) => field.onChange({ ...field.value, unit: e.target.value as "亿元" | "万元" })}
                disabled={props.disabled}
                aria-label={`${props.label}单位`}
              >
                <option value="亿元">亿元</option>
                <option value="万元">万元</option>
              </select>
            </span>
          </label>
          {props.error && <span className="field-error">{props.error}</span>}
        </div>
      )}
    />
  );
}

function differences(mine: AnnexRow, theirs: AnnexRow) {
  const show = (r: AnnexRow) => ({
    [FIELD_LABELS.domainId]: r.domainName,
    [FIELD_LABELS.seq]: String(r.seq),
    [FIELD_LABELS.name]: r.name,
    [FIELD_LABELS.type]: r.type,
    [FIELD_LABELS.period]: r.periodText,
    [FIELD_LABELS.locationText]: r.locationText,
    [FIELD_LABELS.content]: r.content,
    [FIELD_LABELS.total]: amountViewToInput(r.total).text,
    [FIELD_LABELS.fyp]: amountViewToInput(r.fyp).text,
    [FIELD_LABELS.units]: r.units.map((u) => u.name).join("、"),
  });
  const a = show(mine);
  const b = show(theirs);
  return Object.keys(a)
    .filter((k) => a[k] !== b[k])
    .map((label) => ({ label, mine: a[label]!, theirs: b[label]! }));
}
