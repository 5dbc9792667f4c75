/**
 * Letters of the practice placement workflow (issue 8). Kept apart from templates.ts, which renders
 * them with the same layout: this file only says what each letter says.
 */

const BRAND = 'КемероVоПРОФИ';

/** The same shape as templates.ts's EmailContent. */
interface PlacementEmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  closing?: string[];
}

/** What each party needs to know about one placement. */
export interface PlacementLetterFacts {
  studentName: string;
  organizationName: string;
  universityName: string;
  /** «15.06.2026 — 12.07.2026» */
  period: string;
  /** the link that acts on it (the party's page of the placement) */
  url: string;
}

export interface PlacementEmailTemplateData {
  placement_to_confirm: PlacementLetterFacts;
  placement_confirmed: PlacementLetterFacts & { order: string; forEmployer: boolean };
  placement_accepted: PlacementLetterFacts & { supervisor: string };
  placement_started: PlacementLetterFacts;
  placement_supervisor_link: PlacementLetterFacts & { supervisorName: string; expiresAt: string };
  placement_completed: PlacementLetterFacts & { grade: number };
  placement_closed: PlacementLetterFacts & { grade: number };
  placement_cancelled: PlacementLetterFacts & { reason: string };
}

const line = (value: string) => value.replace(/\s+/g, ' ').trim();
const hello = (name?: string) => (name && line(name) ? `Здравствуйте, ${line(name)}!` : 'Здравствуйте!');
export const GRADE_LABELS: Record<number, string> = {
  5: 'отлично',
  4: 'хорошо',
  3: 'удовлетворительно',
  2: 'неудовлетворительно',
};
const who = (f: PlacementLetterFacts) =>
  `${line(f.studentName)} (${line(f.universityName)}) — практика в «${line(f.organizationName)}», ${f.period}`;

export const placementTemplates: {
  [T in keyof PlacementEmailTemplateData]: (data: PlacementEmailTemplateData[T]) => PlacementEmailContent;
} = {
  placement_to_confirm: (f) => ({
    subject: `Практика ждёт подтверждения вуза: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [
      `Студент принял предложение о практике: ${who(f)}.`,
      'Подтвердите практику приказом вуза («приказ № … от …»), чтобы работодатель мог принять студента.',
    ],
    action: { label: 'Открыть практику', url: f.url },
  }),
  placement_confirmed: (f) => ({
    subject: `Вуз подтвердил практику: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [
      `${line(f.universityName)} подтвердил практику: ${who(f)}. ${line(f.order)}.`,
      f.forEmployer
        ? 'Примите студента и назовите руководителя практики от предприятия: когда практика начнётся, он получит ссылку, чтобы написать характеристику без регистрации.'
        : 'Работодатель примет вас и назовёт руководителя практики.',
    ],
    action: { label: f.forEmployer ? 'Принять студента' : 'Открыть практику', url: f.url },
  }),
  placement_accepted: (f) => ({
    subject: `Работодатель принял студента на практику — ${BRAND}`,
    greeting: hello(),
    paragraphs: [`«${line(f.organizationName)}» принимает на практику: ${who(f)}.`, `${line(f.supervisor)}.`],
    action: { label: 'Открыть практику', url: f.url },
  }),
  placement_started: (f) => ({
    subject: `Практика началась: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [`Сегодня начинается практика: ${who(f)}.`],
    action: { label: 'Открыть практику', url: f.url },
  }),
  placement_supervisor_link: (f) => ({
    subject: `Характеристика практиканта ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(f.supervisorName),
    paragraphs: [
      `Вы — руководитель практики: ${who(f)}.`,
      'Когда практика закончится, напишите характеристику и поставьте оценку по ссылке ниже. Регистрироваться не нужно.',
      `Ссылка одноразовая и действует до ${f.expiresAt}. Не пересылайте её: по ней можно оценить только эту практику.`,
    ],
    action: { label: 'Написать характеристику', url: f.url },
  }),
  placement_completed: (f) => ({
    subject: `Получена характеристика: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [
      `Руководитель практики от предприятия написал характеристику и поставил оценку «${GRADE_LABELS[f.grade] ?? f.grade}»: ${who(f)}.`,
      'Поставьте оценку вуза, чтобы закрыть практику.',
    ],
    action: { label: 'Поставить оценку', url: f.url },
  }),
  placement_closed: (f) => ({
    subject: `Практика закрыта: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [`Вуз закрыл практику с оценкой «${GRADE_LABELS[f.grade] ?? f.grade}»: ${who(f)}.`],
    action: { label: 'Открыть практику', url: f.url },
  }),
  placement_cancelled: (f) => ({
    subject: `Практика отменена: ${line(f.studentName)} — ${BRAND}`,
    greeting: hello(),
    paragraphs: [`Практика отменена: ${who(f)}.`, `Причина: ${f.reason.trim()}`],
    action: { label: 'Открыть практику', url: f.url },
  }),
};
