/** Placeholder until the student-side branch lands (it owns this module). */
export const TRANSFER_CONSENT_VERSION = 'transfer-2026-12';

export function transferConsentText(employer: { name: string; inn: string }): string {
  return (
    `Я даю согласие на передачу моих персональных данных (ФИО, контакты, сведения об образовании, резюме и ` +
    `сопроводительное письмо) работодателю ${employer.name} (ИНН ${employer.inn}) для рассмотрения моего отклика. ` +
    `Согласие действует один год; я могу отозвать его в личном кабинете.`
  );
}
