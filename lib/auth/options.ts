import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "@/lib/audit/audit-events";
import { prisma } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/connection-errors";
import { clientAddress, userAgent } from "./client-address";
import { LOGIN_ERROR_CODES, lockedError, loginSchema } from "./login-schema";
import { endSession, SESSION_ABSOLUTE_MS } from "./sessions";
import { signIn } from "./sign-in";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  // The cookie never outlives the absolute cap; the server-side session
  // (lib/auth/sessions.ts) decides on every request whether it still counts.
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  jwt: {
    // next-auth re-signs the token on every /api/auth/session call with a
    // fresh expiry: capped here at the session's absolute end.
    async encode(params) {
      const maxAge = params.maxAge ?? SESSION_ABSOLUTE_MS / 1000;
      const end = params.token?.abs;
      const left = typeof end === "number" ? Math.max(0, end - Math.floor(Date.now() / 1000)) : maxAge;
      return encode({ ...params, maxAge: Math.min(maxAge, left) });
    },
  },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        login: { label: "登录名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const request = { clientAddress: clientAddress(req?.headers), userAgent: userAgent(req?.headers) };
        let outcome;
        try {
          outcome = await signIn(prisma(), parsed.data, request, new Date());
        } catch (error) {
          // next-auth would put the error's own message (a driver's, say) in
          // the login page's URL: only fixed codes leave this function.
          console.error(error);
          throw new Error(isDatabaseUnavailable(error) ? LOGIN_ERROR_CODES.unavailable : LOGIN_ERROR_CODES.other);
        }
        if (outcome.ok) {
          return { id: String(outcome.user.id), name: outcome.user.name, email: null, sid: outcome.sessionId, abs: Math.floor(outcome.expiresAt.getTime() / 1000) };
        }
        if (outcome.reason === "locked") throw new Error(lockedError(outcome.lock.until));
        return null;
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and the server-side session's id only:
    // role and unit are read from the database on every request, and the
    // session row says whether the token still counts (lib/auth/session.ts).
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = user.sid;
        token.abs = user.abs;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "number" && typeof token.sid === "string") {
        session.user.id = token.uid;
        session.user.sid = token.sid;
      }
      if (typeof token.abs === "number") session.expires = new Date(token.abs * 1000).toISOString();
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid !== "string") return;
      const now = new Date();
      const ended = await endSession(prisma(), token.sid, "logout", now);
      if (ended) {
        const user = await prisma().user.findUnique({ where: { id: ended.userId }, select: { login: true } });
        await recordAudit(prisma(), { at: now, actor: { userId: ended.userId, login: user?.login ?? "" }, action: "auth.logout", outcome: "SUCCESS" });
      }
    },
  },
};
