import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: number; sid?: string };
  }
  interface User {
    sid?: string;
    abs?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    // The server-side session (UserSession.id) and its absolute end (epoch seconds).
    sid?: string;
    abs?: number;
  }
}
