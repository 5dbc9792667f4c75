import type { ApplicationStatus } from '$lib/applications';

const KEMEROVO = 'Asia/Novokuznetsk';

/** «10 декабря 2026 г., 14:30» in Kemerovo time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString('ru-RU', {
    timeZone: KEMEROVO,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export type PipelineAction = 'shortlist' | 'interview' | 'offer' | 'reject' | 'hire';

/**
 * The moves the employer can make from a state (the database functions decide; the page only
 * offers what they would allow): see the header of 20261201001100_create_applications.sql.
 */
export function nextActions(status: ApplicationStatus, kind: string): PipelineAction[] {
  const hires = kind === 'vacancy' || kind === 'internship';
  switch (status) {
    case 'submitted':
      return ['shortlist', 'interview', 'reject'];
    case 'viewed':
      return ['shortlist', 'interview', 'offer', 'reject'];
    case 'shortlisted':
    case 'interview':
      return ['interview', 'offer', 'reject'];
    case 'offer':
      return ['reject'];
    case 'accepted':
      return hires ? ['hire', 'reject'] : [];
    default:
      return [];
  }
}
