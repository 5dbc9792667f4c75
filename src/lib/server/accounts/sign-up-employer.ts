import type { z } from 'zod';
import type { signUpEmployerSchema } from '../../schemas/auth.ts';
import { REPRESENTATIVE_CONSENT_VERSION } from '../../schemas/auth.ts';
import type { Auth } from '../auth/options.ts';
import { anonClient } from '../supabase.ts';
import { createAccount, type AccountResult } from './create-account.ts';
import type { RequestMeta } from './request-meta.ts';

export type SignUpEmployerInput = z.output<typeof signUpEmployerSchema>;

/**
 * An employer's representative signs up with their organization, which stays pending (seen only
 * by its own people and the administration) until the administration verifies it.
 */
export async function signUpEmployer(
  auth: Auth,
  input: SignUpEmployerInput,
  meta: RequestMeta,
): Promise<AccountResult> {
  const { data: taken } = await anonClient().rpc('inn_is_registered', { p_inn: input.inn });
  if (taken) {
    return {
      ok: false,
      field: 'inn',
      message: 'Организация с таким ИНН уже зарегистрирована. Попросите её представителя пригласить вас.',
      status: 409,
    };
  }
  return createAccount(
    auth,
    { name: input.fullName, email: input.email, password: input.password },
    meta,
    (client) =>
      client.rpc('register_employer', {
        p_full_name: input.fullName,
        p_position: input.position,
        p_organization_name: input.organizationName,
        p_inn: input.inn,
        p_industry_code: input.industryCode,
        p_district_code: input.districtCode,
        p_address: input.address,
        p_website: input.website,
        p_consent_version: REPRESENTATIVE_CONSENT_VERSION,
        p_ip: meta.ip ?? undefined,
        p_user_agent: meta.userAgent ?? undefined,
      }),
    { inn: 'inn', industry_code: 'industryCode', district_code: 'districtCode' },
  );
}
