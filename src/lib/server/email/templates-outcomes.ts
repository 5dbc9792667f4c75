/**
 * Letters about stipend awards and target-training agreements (issue 8 items 3, 4): one template
 * per record kind, the step and the reader (student, employer, university) choosing the words.
 * templates.ts merges these into its own table, so renderMessage() renders them like any other
 * letter (layout, escaping, link checks). Only types are imported from there: no import cycle.
 */

/** What the layout of templates.ts needs from a template (its EmailContent, structurally). */
interface OutcomeContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  closing?: string[];
}

export type OutcomeAudience = 'student' | 'employer' | 'university';

export type StipendStep = 'created' | 'confirmed' | 'cancelled' | 'finished';
export type TargetStep = 'created' | 'signed_by_employer' | 'in_force' | 'fulfilled' | 'terminated';

export interface OutcomeEmailTemplateData {
  stipend_award_step: {
    step: StipendStep;
    audience: OutcomeAudience;
    studentName: string;
    organizationName: string;
    universityName: string;
    amountPerMonth: number;
    months: number;
    startsOn: string;
    reason?: string | null;
    url: string;
  };
  target_agreement_step: {
    step: TargetStep;
    audience: OutcomeAudience;
    studentName: string;
    organizationName: string;
    universityName: string;
    programme: string;
    workYears: number;
    number?: string | null;
    date?: string | null;
    reason?: string | null;
    url: string;
  };
}

const BRAND_NAME = 'КемероVоПРОФИ';

function line(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const rub = new Intl.NumberFormat('ru-RU');

/** 'YYYY-MM-DD' → «01.09.2026». */
export function ruDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** «1 месяц», «3 месяца», «12 месяцев». */
export function monthsWord(n: number): string {
  return `${n} ${plural(n, 'месяц', 'месяца', 'месяцев')}`;
}

/** «3 года», «5 лет». */
export function yearsWord(n: number): string {
  return `${n} ${plural(n, 'год', 'года', 'лет')}`;
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) return few;
  return many;
}

function stipendAward(d: OutcomeEmailTemplateData['stipend_award_step']): OutcomeContent {
  const org = line(d.organizationName);
  const who = line(d.studentName);
  const terms = `${rub.format(d.amountPerMonth)} ₽ в месяц, ${monthsWord(d.months)} с ${ruDate(d.startsOn)}`;
  const open = { label: 'Открыть стипендии', url: d.url };
  const reason = d.reason ? [`Причина: ${d.reason.trim()}`] : [];
  switch (d.step) {
    case 'created':
      if (d.audience === 'university')
        return {
          subject: `Подтвердите стипендию студента: ${who} — ${BRAND_NAME}`,
          greeting: 'Здравствуйте!',
          paragraphs: [
            `Работодатель ${org} назначает именную стипендию студенту вашего вуза ${who}: ${terms}.`,
            'Подтвердите, что студент обучается и не имеет академических задолженностей, — после этого стипендия начнёт действовать.',
          ],
          action: { label: 'Подтвердить стипендию', url: d.url },
        };
      return {
        subject: `Вам назначают стипендию ${org} — ${BRAND_NAME}`,
        greeting: `Здравствуйте, ${who}!`,
        paragraphs: [
          `Работодатель ${org} назначает вам именную стипендию: ${terms}.`,
          `Стипендия начнёт действовать, когда ${line(d.universityName)} подтвердит, что вы обучаетесь.`,
        ],
        action: open,
      };
    case 'confirmed':
      return {
        subject: `Стипендия ${org} назначена — ${BRAND_NAME}`,
        greeting: d.audience === 'student' ? `Здравствуйте, ${who}!` : 'Здравствуйте!',
        paragraphs: [
          `${line(d.universityName)} подтвердил обучение студента ${who}: стипендия ${org} назначена (${terms}).`,
        ],
        action: open,
      };
    case 'cancelled':
      return {
        subject: `Стипендия ${org} отменена — ${BRAND_NAME}`,
        greeting: d.audience === 'student' ? `Здравствуйте, ${who}!` : 'Здравствуйте!',
        paragraphs: [`Стипендия ${org} студенту ${who} (${terms}) отменена.`, ...reason],
        action: open,
      };
    case 'finished':
      return {
        subject: `Выплаты стипендии ${org} завершены — ${BRAND_NAME}`,
        greeting: d.audience === 'student' ? `Здравствуйте, ${who}!` : 'Здравствуйте!',
        paragraphs: [`Срок стипендии ${org} студенту ${who} (${terms}) закончился.`],
        action: open,
      };
  }
}

function targetAgreement(d: OutcomeEmailTemplateData['target_agreement_step']): OutcomeContent {
  const org = line(d.organizationName);
  const who = line(d.studentName);
  const numbered = d.number && d.date ? ` № ${line(d.number)} от ${ruDate(d.date)}` : '';
  const what = `договор о целевом обучении${numbered} (заказчик ${org}, ${line(d.programme)}, отработка ${yearsWord(d.workYears)})`;
  const greeting = d.audience === 'student' ? `Здравствуйте, ${who}!` : 'Здравствуйте!';
  const reason = d.reason ? [`Причина: ${d.reason.trim()}`] : [];
  switch (d.step) {
    case 'created':
      return {
        subject: `Договор о целевом обучении: ${who} — ${BRAND_NAME}`,
        greeting,
        paragraphs: [
          `На платформе оформляется ${what} со студентом ${who} и вузом ${line(d.universityName)}.`,
          d.audience === 'employer'
            ? 'Заказчик подписывает договор первым: присвойте ему номер и дату и подпишите.'
            : 'Договор подписывают все три стороны. Первым подписывает заказчик; мы напишем, когда придёт ваша очередь.',
        ],
        action: {
          label: d.audience === 'employer' ? 'Подписать договор' : 'Открыть договоры',
          url: d.url,
        },
      };
    case 'signed_by_employer':
      return {
        subject: `Подпишите договор о целевом обучении — ${BRAND_NAME}`,
        greeting,
        paragraphs: [
          `Заказчик ${org} подписал ${what}.`,
          d.audience === 'university'
            ? `Подтвердите договор со стороны вуза: студент ${who}.`
            : 'Проверьте условия и подпишите договор со своей стороны.',
        ],
        action: { label: 'Подписать договор', url: d.url },
      };
    case 'in_force':
      return {
        subject: `Договор о целевом обучении вступил в силу — ${BRAND_NAME}`,
        greeting,
        paragraphs: [`Все три стороны подписали ${what}: договор действует.`],
        action: { label: 'Открыть договор', url: d.url },
      };
    case 'fulfilled':
      return {
        subject: `Договор о целевом обучении исполнен — ${BRAND_NAME}`,
        greeting,
        paragraphs: [`${who} принят(а) на работу к заказчику ${org}: ${what} исполнен.`],
        action: { label: 'Открыть договор', url: d.url },
      };
    case 'terminated':
      return {
        subject: `Договор о целевом обучении расторгнут — ${BRAND_NAME}`,
        greeting,
        paragraphs: [
          `${what.charAt(0).toUpperCase()}${what.slice(1)} со студентом ${who} расторгнут.`,
          ...reason,
        ],
        action: { label: 'Открыть договоры', url: d.url },
      };
  }
}

export const outcomeTemplates: {
  [T in keyof OutcomeEmailTemplateData]: (data: OutcomeEmailTemplateData[T]) => OutcomeContent;
} = {
  stipend_award_step: stipendAward,
  target_agreement_step: targetAgreement,
};
