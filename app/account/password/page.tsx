import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { requireSignedIn } from "@/lib/pages/require-page";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

export const metadata = { title: "修改密码 · 重大项目管理" };
export const dynamic = "force-dynamic";

// Outside the (app) layout on purpose: that layout sends a person who must
// change their password here, and must not send them here again.
export default async function ChangePasswordPage() {
  const actor = await requireSignedIn({ passwordChangePage: true });
  return (
    <main className="login-page">
      <div className="card login-card">
        <h1>修改密码</h1>
        {actor.mustChangePassword && (
          <p className="notice" role="status">
            您的密码由管理员设置，首次登录须改为只有您自己知道的密码。
          </p>
        )}
        <p className="muted">
          新密码至少 {PASSWORD_MIN_LENGTH} 个字符，包含小写字母、大写字母、数字、符号中的至少三类，不能包含登录名，不能是常见密码。
        </p>
        <ChangePasswordForm login={actor.login} />
      </div>
    </main>
  );
}
