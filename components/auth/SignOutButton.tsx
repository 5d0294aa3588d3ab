"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button className="button link-light" type="button" onClick={() => signOut({ callbackUrl: "/login" })}>
      退出
    </button>
  );
}
