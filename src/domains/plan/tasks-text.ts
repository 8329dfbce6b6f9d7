// How the plans' texts name who answers for a key task and by when: pure functions of the text, used by the
// extraction of the seed tasks (seed/extract-tasks.ts) and tested on the plans' own sentences.

export const normalise = (text: string) => text.replace(/〔/g, '(').replace(/〕/g, ')').trim();

/** Splits "A、B,各县(市、区)政府" at the separators outside brackets. */
function splitDepartments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '（') depth += 1;
    if (char === ')' || char === '）') depth -= 1;
    if (depth === 0 && /[、,，;；]/.test(char)) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.replace(/^(和|及)/, '').trim()).filter((part) => part !== '');
}

/**
 * "X牵头,Y参加,各市政府负责" names lead and participating units; "X、Y按职责分工负责" makes every named unit a
 * lead. Governments of the level below ("各市政府", "各县(市、区)政府") carry the task out and are recorded as
 * participating, so the lead stays the department that answers for it.
 */
export function parseResponsibility(raw: string): { lead: string[]; participating: string[] } {
  const text = normalise(raw)
    .replace(/^责任单位[:：]/, '')
    .replace(/。此项及以下各项.*$/, '')
    .replace(/按职责分工(负责)?/g, '')
    .replace(/。$/, '');
  const lead: string[] = [];
  const participating: string[] = [];
  const clauses = splitClauses(text);
  // Once a clause names who leads ("X牵头，Y按职责分工负责"), the units in the other clauses take part.
  const named = clauses.some((clause) => clause.endsWith('牵头'));
  for (const clause of clauses) {
    if (clause.endsWith('牵头')) lead.push(...splitDepartments(clause.slice(0, -2)));
    else if (clause.endsWith('参加') || clause.endsWith('配合')) {
      participating.push(...splitDepartments(clause.slice(0, -2)));
    } else {
      for (const unit of splitDepartments(clause.replace(/负责$/, ''))) {
        (named || unit.startsWith('各') || unit.startsWith('有关') ? participating : lead).push(unit);
      }
    }
  }
  return { lead: [...new Set(lead)], participating: [...new Set(participating)] };
}

/** Clauses end at a comma that follows 牵头/参加/配合/负责 (the departments inside a clause use 、). */
function splitClauses(text: string): string[] {
  return text
    .split(/(?<=牵头|参加|配合|负责)[,，]/)
    .flatMap((clause) => {
      // "市民政局,各县(市、区)政府(管委会)": the governments after the comma are a clause of their own.
      const at = clause.search(/[,，]各/);
      return at === -1 ? [clause] : [clause.slice(0, at), clause.slice(at + 1)];
    })
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}

/** The latest year the task text commits to ("到2025年", "2022年年底前", "至2025年"), as that year's last day. */
export function deadlineOf(text: string): string | null {
  const years = [
    ...text.matchAll(/(?:到|至|于)(20[2-3]\d)年|(20[2-3]\d)年(?:年)?底前?|(20[2-3]\d)年前/g),
  ].map((match) => Number(match[1] ?? match[2] ?? match[3]));
  return years.length === 0 ? null : `${Math.max(...years)}-12-31`;
}
