"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { api, ApiError } from "@/components/api-client";
import { passwordProblems } from "@/lib/auth/password-policy";
import { changeOwnPasswordSchema } from "@/lib/users/user-schema";
import type { z } from "@/lib/validation/zod";

type Values = z.input<typeof changeOwnPasswordSchema> & { confirm: string };

export function ChangePasswordForm({ login }: { login: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(changeOwnPasswordSchema, undefined, { raw: true }) as never, defaultValues: { currentPassword: "", newPassword: "", confirm: "" } });

  async function onSubmit(values: Values) {
    setFailure(null);
    // The same rule the server applies, said before anything is sent.
    const problems = passwordProblems(values.newPassword, login);
    if (problems.length) return setError("newPassword", { message: problems.join("；") });
    if (values.confirm !== values.newPassword) return setError("confirm", { message: "两次输入的新密码不一致" });
    try {
      await api("/api/account/password", { method: "POST", body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      router.replace("/");
      router.refresh();
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : "修改失败，请稍后重试");
    }
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <div className="field">
        <label htmlFor="currentPassword">当前密码</label>
        <input id="currentPassword" type="password" autoComplete="current-password" {...register("currentPassword")} />
        {errors.currentPassword && <span className="field-error">{errors.currentPassword.message}</span>}
      </div>
      <div className="field">
        <label htmlFor="newPassword">新密码</label>
        <input id="newPassword" type="password" autoComplete="new-password" {...register("newPassword")} />
        {errors.newPassword && <span className="field-error">{errors.newPassword.message}</span>}
      </div>
      <div className="field">
        <label htmlFor="confirm">再次输入新密码</label>
        <input id="confirm" type="password" autoComplete="new-password" {...register("confirm")} />
        {errors.confirm && <span className="field-error">{errors.confirm.message}</span>}
      </div>
      <button className="button primary" type="submit" disabled={isSubmitting} style={{ width: "100%" }}>
        {isSubmitting ? "正在保存…" : "保存新密码"}
      </button>
    </form>
  );
}
