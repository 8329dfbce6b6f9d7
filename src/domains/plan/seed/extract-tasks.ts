// Extracts the key tasks of the five seed plans from their published texts into seed/tasks.json, which the loader
// reads. Kept beside the data so a reviewer can see how every department and deadline was read out of the text:
//   node --import tsx src/domains/plan/seed/extract-tasks.ts /work/shared/seeds > src/domains/plan/seed/tasks.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedTask } from '../tasks-seed.ts';
import { deadlineOf, normalise, parseResponsibility } from '../tasks-text.ts';

/** Each plan states its tasks differently; `lines` is the 1-based inclusive line range of its task section. */
const PLANS: { file: string; lines: [number, number]; style: 'numbered' | 'headed' | 'annex' }[] = [
  { file: '000_1f7e077fdd932d88.txt', lines: [205, 238], style: 'numbered' },
  { file: '001_b026979addf2063b.txt', lines: [24, 50], style: 'numbered' },
  { file: '002_b28c3bb2e69c7283.txt', lines: [94, 250], style: 'annex' },
  { file: '003_d61584bcdc282ef2.txt', lines: [39, 97], style: 'headed' },
  { file: '004_a04cd55af43d86a8.txt', lines: [54, 82], style: 'numbered' },
];

// 舟山 names the counties once, for every task: "此项及以下各项均需各县〔区〕政府、功能区管委会落实".
const EVERY_TASK: Record<string, string[]> = {
  '004_a04cd55af43d86a8.txt': ['各县(区)政府', '功能区管委会'],
};

function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return (end === -1 ? text : text.slice(0, end)).trim();
}

function extract(dir: string, plan: (typeof PLANS)[number]): SeedTask[] {
  const lines = readFileSync(join(dir, plan.file), 'utf8')
    .split(/\r?\n/)
    .slice(plan.lines[0] - 1, plan.lines[1]);
  const every = EVERY_TASK[plan.file] ?? [];
  const tasks: SeedTask[] = [];
  if (plan.style === 'annex') {
    // The annex: a line with the number, then the task text and its units after the last space.
    for (let i = 0; i < lines.length; i += 1) {
      if (!/^\d+$/.test(lines[i].trim())) continue;
      const body = lines
        .slice(i + 1)
        .find((line) => line.trim() !== '')!
        .trim();
      const split = body.lastIndexOf(' ');
      const { lead, participating } = parseResponsibility(body.slice(split + 1));
      tasks.push({
        number: Number(lines[i].trim()),
        title: body.slice(0, split).trim(),
        leadDepartments: lead,
        participatingDepartments: participating,
        deadline: deadlineOf(body.slice(0, split)),
      });
    }
    return tasks;
  }
  for (const line of lines.map((l) => normalise(l))) {
    const numbered = /^(\d+)[.．、]\s*(.*)$/.exec(line);
    // 许昌 heads each task with a sentence and no number; section headings start with "(一)".
    const body =
      plan.style === 'numbered'
        ? numbered?.[2]
        : /^[(（]|^[一二三四五六七八九十]+、/.test(line)
          ? null
          : line;
    if (!body) continue;
    const unitsAt = body.search(/[[(（【]责任单位|\([^()]*按职责分工/);
    const units = unitsAt === -1 ? '' : body.slice(unitsAt + 1).replace(/[\])）】]\s*$/, '');
    const { lead, participating } = units ? parseResponsibility(units) : { lead: [], participating: [] };
    tasks.push({
      number: tasks.length + 1,
      title: firstSentence(body),
      leadDepartments: lead,
      participatingDepartments: [...new Set([...participating, ...every])],
      deadline: deadlineOf(unitsAt === -1 ? body : body.slice(0, unitsAt)),
    });
  }
  return tasks;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: extract-tasks.ts <folder of the seed plans>');
const out: Record<string, SeedTask[]> = {};
for (const plan of PLANS) out[plan.file] = extract(dir, plan);
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
