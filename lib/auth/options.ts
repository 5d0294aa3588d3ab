import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { verifyCredentials } from "./credentials";
import { loginSchema } from "./login-schema";

const SESSION_HOURS = 12;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        login: { label: "登录名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await verifyCredentials(prisma(), parsed.data.login, parsed.data.password);
        return user ? { id: String(user.id), name: user.name, email: null } : null;
      },
    }),
  ],
  callbacks: {
    // The token carries only the user id: role and unit are read from the
    // database on every request (lib/auth/actor.ts), so a demotion or a
    // deactivation takes effect at once.
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "number") session.user.id = token.uid;
      return session;
    },
  },
};
