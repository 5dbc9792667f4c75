/**
 * The 152-ФЗ consent to transfer a student's personal data to ONE employer, given with each
 * application (separately from the platform's own consent at sign-up). The page shows exactly the
 * text this module makes, and the same text, word for word, is stored with its version in
 * public.data_transfer_consents: what the person agreed to stays provable after the wording changes.
 *
 * Change the wording → change the version.
 */
export const TRANSFER_CONSENT_VERSION = 'transfer-2026-12';

export interface TransferConsentInput {
  /** The person giving the consent, as in their profile. */
  applicantName: string;
  /** The employer the data goes to: its full name, ИНН and address as the platform holds them. */
  employerName: string;
  employerInn: string;
  employerAddress?: string | null;
  /** The posting applied to. */
  postingTitle: string;
}

/** The consent's paragraphs, in order (the page renders them as paragraphs). */
export function transferConsentParagraphs(i: TransferConsentInput): string[] {
  const employer =
    `${i.employerName} (ИНН ${i.employerInn}` + (i.employerAddress ? `, адрес: ${i.employerAddress})` : ')');
  return [
    `Я, ${i.applicantName}, в соответствии со статьями 6 и 9 Федерального закона от 27.07.2006 № 152-ФЗ ` +
      `«О персональных данных» свободно, своей волей и в своём интересе даю согласие на передачу ` +
      `(предоставление) моих персональных данных через платформу КемероVоПРОФИ работодателю — ${employer} — ` +
      `и на их обработку этим работодателем.`,
    `Цель: рассмотрение моего отклика на публикацию «${i.postingTitle}», связь со мной по этому отклику ` +
      `(приглашение на собеседование, предложение, отказ) и оформление практики, стипендии, договора о ` +
      `целевом обучении или приёма на работу, если стороны договорятся.`,
    `Какие данные: фамилия, имя, отчество; адрес электронной почты и телефон; вуз, направление подготовки, ` +
      `курс или год выпуска, средний балл; сведения резюме (навыки, опыт работы и проекты, владение языками, ` +
      `пожелания к работе, ссылки на портфолио); сопроводительное письмо и приложенный к резюме файл. ` +
      `Работодатель получает копию резюме на момент отклика.`,
    `Действия с данными: получение, запись, хранение, уточнение, использование, удаление и уничтожение, ` +
      `с использованием средств автоматизации и без них. Передавать мои данные третьим лицам работодатель не вправе.`,
    `Срок: согласие действует со дня отклика до достижения цели обработки, но не дольше одного года, ` +
      `если я не отзову его раньше.`,
    `Как отозвать: направить работодателю (${i.employerName}) заявление об отзыве согласия в письменной ` +
      `форме или по его адресу электронной почты. После отзыва работодатель прекращает обработку и ` +
      `уничтожает данные в течение 30 дней (ч. 5 ст. 21 152-ФЗ). Отзыв отклика на странице «Мои отклики» ` +
      `прекращает рассмотрение отклика, но согласие не отзывает.`,
  ];
}

/** The whole text as stored with the consent. */
export function transferConsentText(i: TransferConsentInput): string {
  return transferConsentParagraphs(i).join('\n\n');
}
