import { z } from 'zod';
import { KIND_LABELS, OPPORTUNITY_KINDS, SCHEDULE_LABELS, type OpportunityKind } from '../opportunities.ts';
import { formLists, formValues, safeValues, type FieldErrors } from './form.ts';

/**
 * The résumé form of a student or graduate. Education (university, ОКСО programme, year) is not
 * here: it lives in the profile and the résumé shows it from there.
 *
 * Repeatable entries (experience and projects, languages) are numbered fields — `exp-0-title`,
 * `lang-1-level` — so that the form works as a plain POST: a few empty rows wait at the end, and
 * «Добавить ещё» comes back from the server with one more (with JavaScript it adds a row in place).
 * Rows left wholly empty are dropped.
 */

export const SKILLS_MAX = 50;
export const SKILL_MAX_LENGTH = 60;
export const EXPERIENCE_MAX = 30;
export const LANGUAGES_MAX = 15;

export const EXPERIENCE_KIND_LABELS = { work: 'Работа', project: 'Проект' } as const;
export type ExperienceKind = keyof typeof EXPERIENCE_KIND_LABELS;

/** Levels of the Common European Framework, and «родной» (stored as the word, as the database documents). */
export const LANGUAGE_LEVEL_LABELS = {
  A1: 'A1 — начальный',
  A2: 'A2 — элементарный',
  B1: 'B1 — средний',
  B2: 'B2 — выше среднего',
  C1: 'C1 — продвинутый',
  C2: 'C2 — в совершенстве',
  родной: 'Родной',
} as const;
export type LanguageLevel = keyof typeof LANGUAGE_LEVEL_LABELS;

/** Suggestions for the skills field (a datalist): any other skill may be typed. */
export const COMMON_SKILLS = [
  'Python',
  'Java',
  'JavaScript',
  'TypeScript',
  'C++',
  'C#',
  'SQL',
  'PostgreSQL',
  '1С:Предприятие',
  'Git',
  'Linux',
  'Docker',
  'Excel',
  'AutoCAD',
  'КОМПАС-3D',
  'SolidWorks',
  'MATLAB',
  'Анализ данных',
  'Машинное обучение',
  'Бухгалтерский учёт',
  'Делопроизводство',
  'Деловая переписка',
  'Английский язык',
  'Работа в команде',
  'Публичные выступления',
  'Управление проектами',
  'Охрана труда',
  'Электробезопасность',
  'КИПиА',
  'Чтение чертежей',
  'Лабораторные анализы',
  'Маркетинг',
  'Продажи',
  'Графический дизайн',
  'Figma',
] as const;

/** Names of the list fields (checkbox groups, repeated inputs), read with FormData.getAll. */
export const RESUME_LIST_FIELDS = ['skills', 'desiredKinds', 'desiredDistricts', 'desiredSchedules'] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const text = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

const url = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .max(300, `${label}: адрес не длиннее 300 символов`)
        .regex(/^https?:\/\/[^\s/]+\.[^\s]+$/, `${label}: адрес должен начинаться с http:// или https://`)
        .nullable(),
    );

const averageGrade = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const clean = v.replace(',', '.');
    const n = Number(clean);
    if (!/^\d(\.\d{1,2})?$/.test(clean) || n < 2 || n > 5) {
      ctx.addIssue({ code: 'custom', message: 'Средний балл — число от 2 до 5, например 4,5' });
      return z.NEVER;
    }
    return n;
  });

const month = (message: string, { required = false } = {}) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message });
        return null;
      }
      if (!MONTH.test(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v;
    });

const experienceEntry = z
  .object({
    kind: z.enum(['work', 'project'], { error: 'Опыт: выберите «Работа» или «Проект»' }),
    title: z
      .string()
      .trim()
      .min(2, 'Опыт: укажите должность или название проекта')
      .max(200, 'Опыт: название — не длиннее 200 символов'),
    organization: text(200, 'Опыт: организация — не длиннее 200 символов'),
    from: month('Опыт: укажите месяц начала', { required: true }),
    to: month('Опыт: месяц окончания указан неверно'),
    description: text(1000, 'Опыт: описание — не длиннее 1000 символов'),
  })
  .refine((e) => e.to === null || e.from === null || e.to >= e.from, {
    path: ['to'],
    message: 'Опыт: месяц окончания не раньше месяца начала',
  })
  .refine((e) => e.from === null || e.from <= currentMonth(), {
    path: ['from'],
    message: 'Опыт: месяц начала ещё не наступил',
  });

export type ExperienceEntry = z.output<typeof experienceEntry>;

const languageEntry = z.object({
  language: z
    .string()
    .trim()
    .min(2, 'Языки: укажите язык')
    .max(50, 'Языки: название языка — не длиннее 50 символов'),
  level: z.enum(Object.keys(LANGUAGE_LEVEL_LABELS) as [LanguageLevel, ...LanguageLevel[]], {
    error: 'Языки: выберите уровень из списка',
  }),
});

export type LanguageEntry = z.output<typeof languageEntry>;

const skills = z.array(z.string()).transform((values, ctx) => {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values) {
    // one field may carry several skills separated by commas
    for (const part of raw.split(/[,;\n]/)) {
      const skill = part.trim().replace(/\s+/g, ' ');
      if (!skill) continue;
      if (skill.length > SKILL_MAX_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `Навыки: «${skill.slice(0, 30)}…» — не длиннее ${SKILL_MAX_LENGTH} символов`,
        });
        return z.NEVER;
      }
      const key = skill.toLocaleLowerCase('ru-RU');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(skill);
    }
  }
  if (out.length > SKILLS_MAX) {
    ctx.addIssue({ code: 'custom', message: `Навыки: не больше ${SKILLS_MAX}` });
    return z.NEVER;
  }
  return out;
});

const choices = <K extends string>(allowed: readonly K[], message: string) =>
  z.array(z.string()).transform((values, ctx) => {
    const out: K[] = [];
    for (const v of values) {
      if (!v) continue;
      if (!(allowed as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (!out.includes(v as K)) out.push(v as K);
    }
    return out;
  });

export const resumeSchema = z.object({
  headline: text(200, 'Желаемая должность — не длиннее 200 символов'),
  about: text(3000, 'О себе — не длиннее 3000 символов'),
  averageGrade,
  skills,
  experience: z.array(experienceEntry).max(EXPERIENCE_MAX, `Опыт: не больше ${EXPERIENCE_MAX} записей`),
  languages: z.array(languageEntry).max(LANGUAGES_MAX, `Языки: не больше ${LANGUAGES_MAX}`),
  desiredKinds: choices(OPPORTUNITY_KINDS, 'Что ищете: выберите из списка'),
  desiredDistricts: z
    .array(z.string())
    .transform((v) => [...new Set(v.filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(/^[a-z_]{2,40}$/, 'Районы: выберите районы Кемерова из списка'))
        .max(20, 'Районы: не больше 20'),
    ),
  desiredSchedules: choices(
    Object.keys(SCHEDULE_LABELS) as (keyof typeof SCHEDULE_LABELS)[],
    'График: выберите из списка',
  ),
  portfolioUrl: url('Портфолио'),
  githubUrl: url('GitHub'),
});

export type ResumeInput = z.output<typeof resumeSchema>;

/** The current month in Kemerovo, YYYY-MM. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Novokuznetsk',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .slice(0, 7);
}

const EXPERIENCE_FIELDS = ['kind', 'title', 'organization', 'from', 'to', 'description'] as const;
const LANGUAGE_FIELDS = ['language', 'level'] as const;

/** The highest row number sent for a repeatable group (`exp-3-title` → 4 rows). */
export function rowCount(values: Record<string, string>, prefix: string): number {
  let count = 0;
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${prefix}-(\\d{1,2})-`).exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  return count;
}

/** Rows of a repeatable group as objects, with the row number each came from; wholly empty rows dropped. */
function rows<F extends string>(
  values: Record<string, string>,
  prefix: string,
  fields: readonly F[],
  ignoreWhenOnly: readonly F[] = [],
): { index: number; row: Record<F, string> }[] {
  const out: { index: number; row: Record<F, string> }[] = [];
  for (let i = 0; i < rowCount(values, prefix); i++) {
    const row = Object.fromEntries(
      fields.map((f) => [f, (values[`${prefix}-${i}-${f}`] ?? '').trim()]),
    ) as Record<F, string>;
    // a preselected «Работа» in an otherwise empty row is not an entry
    if (fields.every((f) => ignoreWhenOnly.includes(f) || row[f] === '')) continue;
    out.push({ index: i, row });
  }
  return out;
}

export interface ResumeFormTyped {
  values: Record<string, string>;
  lists: Record<(typeof RESUME_LIST_FIELDS)[number], string[]>;
}

export type ResumeFormResult =
  { ok: true; data: ResumeInput } | { ok: false; errors: FieldErrors; typed: ResumeFormTyped };

/**
 * Parses the submitted résumé form. Messages are keyed by the name of the input they belong to
 * (`headline`, `skills`, `exp-2-from`, `lang-0-level`), so the page puts each next to its field.
 */
export function parseResumeForm(form: FormData): ResumeFormResult {
  const values = formValues(form);
  const lists = formLists(form, RESUME_LIST_FIELDS);
  // the «new skills» input adds to the checked ones
  const experienceRows = rows(values, 'exp', EXPERIENCE_FIELDS, ['kind']);
  const languageRows = rows(values, 'lang', LANGUAGE_FIELDS, ['level']);
  const raw = {
    ...values,
    skills: [...lists.skills, values.newSkills ?? ''],
    experience: experienceRows.map((r) => r.row),
    languages: languageRows.map((r) => r.row),
    desiredKinds: lists.desiredKinds,
    desiredDistricts: lists.desiredDistricts,
    desiredSchedules: lists.desiredSchedules,
  };
  const typed = { values: safeValues(values), lists };
  const result = resumeSchema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [head, index, field] = issue.path;
    let key = String(head ?? 'form');
    if (head === 'experience' && typeof index === 'number') {
      key = `exp-${experienceRows[index]?.index ?? index}-${String(field ?? 'title')}`;
    } else if (head === 'languages' && typeof index === 'number') {
      key = `lang-${languageRows[index]?.index ?? index}-${String(field ?? 'language')}`;
    } else if (head === 'skills') {
      key = 'newSkills';
    }
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, typed };
}

export const DESIRED_KIND_OPTIONS = OPPORTUNITY_KINDS.map((k: OpportunityKind) => ({
  value: k,
  label: KIND_LABELS[k],
}));
export const SCHEDULE_OPTIONS = Object.entries(SCHEDULE_LABELS).map(([value, label]) => ({ value, label }));

/** What the attachment field accepts: a PDF of at most 5 MB (the database refuses more). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
