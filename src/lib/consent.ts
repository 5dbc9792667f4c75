/** The consent text a person agrees to at sign-up; its version is recorded with the consent. */
export const CONSENT_TEXT =
  'Я даю согласие на обработку моих персональных данных (ФИО, адрес электронной почты, телефон, ' +
  'сведения об учёбе и работе) для подбора стажировок, практик, стипендий и работы на платформе ' +
  'КемероVоПРОФИ в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных». ' +
  'Согласие можно отозвать, удалив учётную запись.';

/**
 * The consent of an organization's representative (an employer's or a university's staff), shown at
 * the employer's sign-up and when a colleague accepts an invitation: it names the data and purposes
 * of a representative, not a student's studies.
 */
export const REPRESENTATIVE_CONSENT_TEXT =
  'Я даю согласие на обработку моих персональных данных как представителя организации (ФИО, должность, ' +
  'рабочие адрес электронной почты и телефон) для регистрации организации и её проверки администрацией ' +
  'города Кемерово, размещения публикаций от её имени и переписки со студентами, вузами и администрацией ' +
  'на платформе КемероVоПРОФИ в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ ' +
  '«О персональных данных». Согласие можно отозвать, удалив учётную запись.';
