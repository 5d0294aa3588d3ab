// Names of implementing units (组织实施单位) as plans publish them.
export type UnitKind = "GOVERNMENT" | "DEPARTMENT" | "ENTERPRISE" | "INSTITUTION" | "COLLECTIVE" | "OTHER";

export function normaliseUnitName(name: string): string {
  return name.replace(/[\u3000\s]+/g, " ").trim();
}

/**
 * Collective names plans use for "every county government and zone
 * committee": one entry of the units column although it contains a 、, so a
 * cell is never split through it, even before the registry knows it.
 */
export const COLLECTIVE_UNIT_NAMES = ["各县（市、区）政府、功能区管委会", "各县（市、区）人民政府、功能区管委会", "各县（市、区）政府、各功能区管委会"];

const SEPARATORS = new Set([",", "，", "、", "；", ";", "\n", "\r"]);
const OPENING = new Set(["(", "（"]);
const CLOSING = new Set([")", "）"]);

const separatorNamesCache = new WeakMap<readonly string[], string[]>();

/**
 * Of the registry's names, those a split could cut through (they contain a
 * separator), longest first; computed once per registry list, since an
 * import splits thousands of cells against the same few thousand names.
 */
function namesWithSeparators(registryNames: readonly string[]): string[] {
  let names = separatorNamesCache.get(registryNames);
  if (!names) {
    names = [...registryNames, ...COLLECTIVE_UNIT_NAMES].filter((n) => [...n].some((c) => SEPARATORS.has(c))).sort((a, b) => b.length - a.length);
    separatorNamesCache.set(registryNames, names);
  }
  return names;
}

/**
 * Splits a cell naming several units on , ， 、 ； and line breaks — but not
 * inside parentheses (市城发集团（体投集团）), and never through a name the
 * registry already knows (各县（市、区）政府、功能区管委会 is one unit).
 */
export function splitUnitNames(cell: string, registryNames: readonly string[] = []): string[] {
  const knownNames = namesWithSeparators(registryNames);
  const names: string[] = [];
  let rest = cell;
  let current = "";
  let depth = 0;
  while (rest.length > 0) {
    if (current === "" && depth === 0) {
      const known = knownNames.find((n) => rest.startsWith(n));
      if (known) {
        current = known;
        rest = rest.slice(known.length);
        continue;
      }
    }
    const ch = rest[0]!;
    rest = rest.slice(1);
    if (OPENING.has(ch)) depth++;
    if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  names.push(current);
  return [...new Set(names.map(normaliseUnitName).filter(Boolean))];
}

/** A first guess at what kind of body a unit is; the DRC corrects it in the units register. */
export function guessUnitKind(name: string): UnitKind {
  if (name.startsWith("各")) return "COLLECTIVE";
  if (/(人民政府|政府|管委会|街道|镇|乡)$/.test(name)) return "GOVERNMENT";
  if (/(集团|公司|集团）|有限公司|电力局)$/.test(name) || /集团（/.test(name)) return "ENTERPRISE";
  if (/(大学|学院|学校|医院|总会|协会|中心)$/.test(name) && !/^市.*(管理|服务|公积金)中心$/.test(name)) return "INSTITUTION";
  if (/(局|委|办|部|院|分局|中心)$/.test(name)) return "DEPARTMENT";
  return "OTHER";
}

/** The shorter name's characters appear in the longer one, in order (市卫健委 in 市卫生健康委). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * Whether two unit names look like one unit written two ways, for the DRC to
 * decide on (never merged automatically): an abbreviation (市卫健委 /
 * 市卫生健康委, 龙港市政府 / 龙港市人民政府), the city left out (现代集团 /
 * 市现代集团, 市民政局 / 温州市民政局), or a qualifier in brackets.
 */
export function looksLikeAliases(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long === `市${short}` || long === `温州${short}` || long === `温州市${short}`) return true;
  if (long.startsWith(short) && /^[（(].*[)）]$/.test(long.slice(short.length))) return true;
  return (
    long.length > short.length &&
    long.length - short.length <= 4 &&
    short.slice(0, 2) === long.slice(0, 2) &&
    short.at(-1) === long.at(-1) &&
    isSubsequence(short, long)
  );
}
