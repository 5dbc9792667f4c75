import { createAuth } from '../auth/options.ts';
import { db } from '../db.ts';

/**
 * An administrator of the city administration, made by an operator's script (never through the
 * web): a verified account, the administrator profile and membership of the administration.
 */
export async function createAdministrator(input: { email: string; fullName: string; password: string }) {
  const { rows } = await db().query<{ id: string }>(
    `select id from public.organizations where kind = 'administration' order by created_at limit 1`,
  );
  const administrationId =
    rows[0]?.id ??
    (
      await db().query<{ id: string }>(
        `insert into public.organizations (kind, name, short_name, verification_status, verified_at)
         values ('administration', 'Управление экономического развития администрации города Кемерово',
                 'УЭР администрации г. Кемерово', 'verified', now())
         returning id`,
      )
    ).rows[0].id;
  const existing = await db().query<{ id: string }>('select id from better_auth."user" where email = $1', [
    input.email,
  ]);
  let userId = existing.rows[0]?.id;
  if (!userId) {
    const { user } = await createAuth().api.signUpEmail({
      body: { email: input.email, name: input.fullName, password: input.password },
    });
    userId = user.id;
  }
  await db().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [userId]);
  await db().query('select app_private.make_administrator($1, $2, $3)', [
    userId,
    input.fullName,
    administrationId,
  ]);
  return userId;
}
