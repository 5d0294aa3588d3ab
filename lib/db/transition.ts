// One way to change the state of anything that has one (a report, a month, a
// change request, a coordination issue, a deleted project, an import): a
// single conditional UPDATE on (id, version, expected state). When another
// request got there first it matches nothing, and the caller gets a 409 that
// says what the thing is now — never a read followed by an unconditional
// write, which lets two decisions both "succeed".
import { AppError } from "@/lib/errors";

export type Expected<S extends string> = {
  id: number;
  /** The version the person saw; omitted only where the caller holds no version (it then checks the state alone). */
  version?: number;
  /** The states the transition starts from. */
  from: readonly S[];
};

export type CurrentState<S extends string> = { state: S; version: number } | null;

export type TransitionSpec<S extends string> = {
  /** What is changed, for the message: "第 1 项《…》2025年10月的填报". */
  what: string;
  expected: Expected<S>;
  /**
   * The conditional update: an updateMany whose where holds all of `match`
   * (id, version when given — undefined means "any" to Prisma — and the state
   * column in `states`) and whose data bumps the version.
   */
  update: (match: { id: number; version: number | undefined; states: S[] }) => Promise<{ count: number }>;
  /** Reads the current state and version, for the 409. */
  current: () => Promise<CurrentState<S>>;
  /** State names in Chinese. */
  labels: Record<S, string>;
};

export type StaleDetails<S extends string> = { current: { state: S; version: number } | null; expected: { version?: number; from: readonly S[] } };

/**
 * Runs the transition; throws AppError("conflict") — HTTP 409, details
 * { current: { state, version } } — when the row is not in an expected state
 * at the expected version any more (or is gone: 404).
 */
export async function transition<S extends string>(spec: TransitionSpec<S>): Promise<void> {
  const { id, version, from } = spec.expected;
  const { count } = await spec.update({ id, version, states: [...from] });
  if (count === 1) return;
  throw staleTransition(spec.what, spec.expected, await spec.current(), spec.labels);
}

/**
 * The error of a transition that matched nothing, given what the row is now:
 * also for a batch of the same transition done as one statement, which names
 * the first row that did not match.
 */
export function staleTransition<S extends string>(what: string, expected: Expected<S>, current: CurrentState<S>, labels: Record<S, string>): AppError {
  if (!current) return new AppError("not_found", `${what}不存在或已被删除`);
  const details: StaleDetails<S> = { current, expected: { version: expected.version, from: expected.from } };
  if (!expected.from.includes(current.state)) {
    return new AppError("conflict", `${what}当前为“${labels[current.state]}”，已被他人处理，请刷新后重试（本次操作未执行）`, details);
  }
  return new AppError("conflict", `${what}已被他人修改（当前为第 ${current.version} 版，“${labels[current.state]}”），请刷新后重试（本次操作未执行）`, details);
}
