"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { loginErrorMessage, loginSchema, type LoginInput } from "@/lib/auth/login-schema";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({ resolver: zodResolver(loginSchema, undefined, { raw: true }), defaultValues: { login: "", password: "" } });

  async function onSubmit(values: LoginInput) {
    setFailure(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      // next-auth hands back the provider's fixed code (never a driver's message).
      setFailure(loginErrorMessage(result?.error ?? (result?.status === 401 ? "CredentialsSignin" : null)));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <div className="field">
        <label htmlFor="login">登录名</label>
        <input id="login" autoComplete="username" autoFocus {...register("login")} />
        {errors.login && <span className="field-error">{errors.login.message}</span>}
      </div>
      <div className="field">
        <label htmlFor="password">密码</label>
        <input id="password" type="password" autoComplete="current-password" {...register("password")} />
        {errors.password && <span className="field-error">{errors.password.message}</span>}
      </div>
      <button className="button primary" type="submit" disabled={isSubmitting} style={{ width: "100%" }}>
        {isSubmitting ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
