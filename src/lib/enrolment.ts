/** The university's confirmation of a student's claim, in Russian (staff pages). */
export type EnrolmentStatus = 'claimed' | 'confirmed' | 'rejected' | 'left' | 'graduated';

export const ENROLMENT_LABELS: Record<EnrolmentStatus, string> = {
  claimed: 'не подтверждён вузом',
  confirmed: 'подтверждён',
  rejected: 'не подтверждён: отклонён вузом',
  left: 'отчислен',
  graduated: 'выпустился',
};

export const ENROLMENT_TONE: Record<EnrolmentStatus, '' | 'ok' | 'warn' | 'danger'> = {
  claimed: 'warn',
  confirmed: 'ok',
  rejected: 'danger',
  left: '',
  graduated: '',
};
