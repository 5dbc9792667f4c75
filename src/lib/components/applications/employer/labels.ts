import type { ApplicationStatus } from '../../../schemas/pipeline.ts';

/**
 * The states in Russian as the employer reads them, and the chip colour of each. (The student's
 * side words some of them for the student; the database's own labels, for its messages, are in
 * app_private.application_status_label.)
 */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Новый',
  viewed: 'Просмотрен',
  shortlisted: 'В списке кандидатов',
  interview: 'Собеседование',
  offer: 'Предложение отправлено',
  accepted: 'Предложение принято',
  declined: 'Предложение отклонено',
  hired: 'Принят на работу',
  rejected: 'Отказ',
  withdrawn: 'Отозван кандидатом',
};

export const APPLICATION_STATUS_CHIP: Record<ApplicationStatus, '' | 'ok' | 'warn' | 'danger'> = {
  submitted: 'warn',
  viewed: 'warn',
  shortlisted: '',
  interview: '',
  offer: '',
  accepted: 'ok',
  declined: '',
  hired: 'ok',
  rejected: 'danger',
  withdrawn: '',
};

/** What each move is called in the timeline. */
export const EVENT_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Отклик отправлен',
  viewed: 'Отклик просмотрен',
  shortlisted: 'Добавлен в список кандидатов',
  interview: 'Приглашение на собеседование',
  offer: 'Сделано предложение',
  accepted: 'Кандидат принял предложение',
  declined: 'Кандидат отклонил предложение',
  hired: 'Оформлен приём на работу',
  rejected: 'Отказ',
  withdrawn: 'Кандидат отозвал отклик',
};

export const ACTOR_LABELS: Record<string, string> = {
  applicant: 'кандидат',
  employer: 'работодатель',
  system: 'платформа',
};
