import type { ApplicationStatus } from '../../../applications.ts';

/** What the posting page offers the visitor under «Откликнуться» (made by server/applications/load-apply-block.ts). */
export type ApplyBlock =
  | { state: 'applied'; application: { id: string; status: ApplicationStatus; createdAt: string } }
  | { state: 'refused'; message: string; fix: 'sign-in' | 'resume' | 'profile' | null }
  | {
      state: 'open';
      consent: {
        version: string;
        text: string;
        employer: { id: string; name: string; inn: string; address: string | null };
      };
    };
