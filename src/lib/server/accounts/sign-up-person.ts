import type { z } from 'zod';
import type { signUpPersonSchema } from '../../schemas/auth.ts';
import { CONSENT_VERSION } from '../../schemas/auth.ts';
import type { Auth } from '../auth/options.ts';
import { createAccount } from './create-account.ts';
import type { RequestMeta } from './request-meta.ts';

export type SignUpPersonInput = z.output<typeof signUpPersonSchema>;

/** A student or graduate signs up: account, profile, consent record, verification email. */
export function signUpPerson(auth: Auth, input: SignUpPersonInput, meta: RequestMeta) {
  return createAccount(
    auth,
    { name: input.fullName, email: input.email, password: input.password },
    meta,
    (client) =>
      client.rpc('register_person', {
        p_role: input.role,
        p_full_name: input.fullName,
        p_university_id: input.universityId,
        p_programme_code: input.programmeCode,
        p_year_of_study: input.yearOfStudy,
        p_graduation_year: input.graduationYear,
        p_consent_version: CONSENT_VERSION,
        p_ip: meta.ip ?? undefined,
        p_user_agent: meta.userAgent ?? undefined,
      }),
    { university_id: 'universityId' },
  );
}
