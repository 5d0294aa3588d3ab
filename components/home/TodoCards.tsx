// The home page's "today" lists: each item a link to the page filtered to it.
import Link from "next/link";
import type { ReviewerTodo, TodoIssue, UnitTodo } from "@/lib/progress/todo";
import { monthKey, monthLabel } from "@/lib/progress/reporting-calendar";

function IssueItems({ issues }: { issues: TodoIssue[] }) {
  return (
    <ul>
      {issues.map((i) => (
        <li key={i.id} data-testid={`todo-issue-${i.id}`}>
          <Link prefetch={false} href={`/projects/${i.projectId}#issues`}>
            第 {i.projectSeq} 项《{i.projectName}》
          </Link>
          ：{i.description}
          {i.responsible && <span className="muted">（{i.responsible}）</span>}{" "}
          {i.dueDate && <span className={i.overdue ? "badge report-returned" : "badge warn"}>{i.overdue ? `已逾期，要求 ${i.dueDate} 前解决` : `${i.dueDate} 到期`}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ReviewerTodoCard({ todo }: { todo: ReviewerTodo }) {
  const plan = `/plans/${todo.planCode}`;
  const m = monthKey(todo.month);
  const nothing = todo.awaitingReviewTotal === 0 && todo.changeRequests === 0 && todo.lateUnits.length === 0 && todo.issues.length === 0 && todo.newRed.length === 0;
  return (
    <div className="todo" data-testid={`reviewer-todo-${todo.planCode}`}>
      <h3>今日待办</h3>
      {nothing && <p className="muted">没有待办事项。</p>}
      <div className="todo-grid">
        <section data-testid="todo-review">
          <h4>
            <Link prefetch={false} href={`${plan}/progress/review?month=${m}`}>等待审核的填报（{todo.awaitingReviewTotal}）</Link>
          </h4>
          {todo.awaitingReview.length === 0 ? (
            <p className="muted">无</p>
          ) : (
            <ul>
              {todo.awaitingReview.map((a) => (
                <li key={`${a.year}-${a.month}-${a.unitId}`} data-testid={`todo-review-${a.unitName}-${monthKey(a)}`}>
                  <Link prefetch={false} href={`${plan}/progress/review?month=${monthKey(a)}&unit=${a.unitId}`}>
                    {a.unitName} · {monthLabel(a)}
                  </Link>{" "}
                  <span className="todo-count">{a.reports}</span> 份
                </li>
              ))}
            </ul>
          )}
        </section>
        <section data-testid="todo-change-requests">
          <h4>
            <Link prefetch={false} href="/change-requests">待审核的变更申请（{todo.changeRequests}）</Link>
          </h4>
          {todo.changeRequests === 0 && <p className="muted">无</p>}
          {todo.countySplitProposals > 0 && <p data-testid="todo-county-splits">其中区县拆分申请 {todo.countySplitProposals} 项</p>}
        </section>
        <section data-testid="todo-late-units">
          <h4>
            <Link prefetch={false} href={`${plan}/progress/review?month=${m}`}>
              {todo.deadlinePassed ? `${monthLabel(todo.month)}逾期未报的单位` : `${monthLabel(todo.month)}尚未报齐的单位（截止 ${todo.deadline}）`}（{todo.lateUnits.length}）
            </Link>
          </h4>
          {todo.lateUnits.length === 0 ? (
            <p className="muted">无</p>
          ) : (
            <ul>
              {todo.lateUnits.map((u) => (
                <li key={u.unitId} data-testid={`todo-late-${u.unitName}`}>
                  <Link prefetch={false} href={`${plan}/progress?month=${m}&unit=${u.unitId}`}>{u.unitName}</Link> <span className="todo-count">{u.projects}</span> 个项目
                </li>
              ))}
            </ul>
          )}
        </section>
        <section data-testid="todo-issues">
          <h4>
            <Link prefetch={false} href={`${plan}/issues`}>到期或逾期的协调事项（{todo.issues.length}）</Link>
          </h4>
          {todo.issues.length === 0 ? <p className="muted">无</p> : <IssueItems issues={todo.issues} />}
        </section>
        <section data-testid="todo-new-red">
          <h4>
            <Link prefetch={false} href={`${plan}?light=${encodeURIComponent("红灯")}&progress=${m}&basis=submitted`}>{monthLabel(todo.month)}新亮红灯的项目（{todo.newRed.length}）</Link>
          </h4>
          {todo.newRed.length === 0 ? (
            <p className="muted">无</p>
          ) : (
            <ul className="todo-inline">
              {todo.newRed.map((p) => (
                <li key={p.projectId} data-testid={`todo-red-${p.seq}`}>
                  <Link prefetch={false} href={`/projects/${p.projectId}`}>
                    {p.seq}. {p.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

export function UnitTodoCard({ todo, planCode }: { todo: UnitTodo; planCode: string }) {
  if (todo.returned.length === 0 && todo.issues.length === 0) return null;
  return (
    <div className="todo" data-testid={`unit-todo-${planCode}`}>
      {todo.returned.length > 0 && (
        <section className="alert" data-testid="todo-returned">
          <strong>发改委退回的填报（{todo.returned.length}），请修改后重新提交：</strong>
          <ul>
            {todo.returned.map((r) => (
              <li key={`${r.projectId}-${r.year}-${r.month}`}>
                <Link prefetch={false} href={`/plans/${planCode}/progress?month=${monthKey(r)}`}>
                  {monthLabel(r)} 第 {r.seq} 项《{r.name}》
                </Link>
                {r.comment ? `：${r.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      {todo.issues.length > 0 && (
        <section data-testid="todo-unit-issues">
          <h4>
            <Link prefetch={false} href={`/plans/${planCode}/issues`}>需要本单位推进的协调事项（{todo.issues.length}）</Link>
          </h4>
          <IssueItems issues={todo.issues} />
        </section>
      )}
    </div>
  );
}
