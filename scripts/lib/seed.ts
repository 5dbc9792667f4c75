/**
 * Demo data for `npm start`, created once per database. Organizations are written directly (this is
 * an admin script, like the administration's own data entry); people go through the real paths: a
 * better-auth account, then the registration function called with the person's own JWT.
 */
import { createAdministrator } from '../../src/lib/server/accounts/create-administrator.ts';
import { createAuth } from '../../src/lib/server/auth/options.ts';
import { db } from '../../src/lib/server/db.ts';
import { userClient } from '../../src/lib/server/supabase.ts';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { DEMO_PASSWORD, demoEmail } from '../../src/lib/server/accounts/demo-accounts.ts';
import { ADMINISTRATION, EMPLOYERS, UNIVERSITIES, demoInn } from './demo-organizations.ts';
import {
  employerAddress,
  employerWebsite,
  generateOpportunities,
  insertOpportunityRows,
} from './opportunity-generator.ts';
import { seedDemoApplications } from './seed-applications.ts';
import { seedDemoIndicators } from './seed-indicators.ts';
import { seedDemoPartners } from './seed-partners.ts';
import { seedDemoRegisters } from './seed-registers.ts';
import { seedDemoUniversity } from './seed-university.ts';

type Log = (scope: string, message: string) => void;

const DESCRIPTIONS: Record<string, string> = {
  A: 'Агропромышленное предприятие Кемеровского округа: растениеводство, тепличное хозяйство, переработка.',
  B: 'Угледобывающее предприятие Кузбасса: добыча, обогащение, промышленная безопасность.',
  C: 'Производственное предприятие Кемерова с собственной программой подготовки молодых специалистов.',
  D: 'Энергетическая компания: выработка и передача тепла и электроэнергии для города.',
  E: 'Коммунальное предприятие: водоснабжение, очистка стоков, обращение с отходами.',
  F: 'Строительная компания: жилые дома, дороги и промышленные объекты Кемерова.',
  G: 'Торговая компания с магазинами во всех районах Кемерова.',
  H: 'Транспортная компания: пассажирские и грузовые перевозки, логистика.',
  I: 'Гостиничный комплекс в центре Кемерова.',
  J: 'ИТ-компания: разработка программного обеспечения и цифровых сервисов для предприятий Кузбасса.',
  K: 'Региональный банк: розничное и корпоративное обслуживание.',
  M: 'Инженерно-консалтинговая компания: проектирование, экспертиза, аудит.',
  P: 'Образовательная организация города Кемерово.',
  Q: 'Медицинская организация города Кемерово: ждём выпускников КемГМУ и медицинских колледжей.',
  R: 'Учреждение культуры: концерты, кружки, городские праздники.',
};

async function insertOrganization(row: {
  kind: 'employer' | 'university' | 'administration';
  name: string;
  short_name?: string | null;
  inn?: string | null;
  industry_code?: string | null;
  district_code?: string | null;
  website?: string | null;
  description?: string | null;
  verification_status: 'pending' | 'verified';
}): Promise<string> {
  const { rows } = await db().query<{ id: string }>(
    `insert into public.organizations
       (kind, name, short_name, inn, industry_code, district_code, website, description, verification_status, verified_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::public.verification_status,
             case when $9::text = 'verified' then now() end)
     returning id`,
    [
      row.kind,
      row.name,
      row.short_name ?? null,
      row.inn ?? null,
      row.industry_code ?? null,
      row.district_code ?? null,
      row.website ?? null,
      row.description ?? null,
      row.verification_status,
    ],
  );
  return rows[0].id;
}

/** Creates a verified account and returns its id. */
async function account(auth: ReturnType<typeof createAuth>, email: string, name: string): Promise<string> {
  const { user } = await auth.api.signUpEmail({ body: { email, name, password: DEMO_PASSWORD } });
  await db().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [user.id]);
  return user.id;
}

async function rpc(userId: string, email: string, fn: string, args: Record<string, unknown>) {
  const client = await userClient({ sub: userId, email });
  const { error } = await client.rpc(fn as never, args as never);
  if (error) throw new Error(`${fn}: ${error.message}`);
}

export async function seedDemo(log: Log): Promise<boolean> {
  const { rows } = await db().query<{ n: number }>('select count(*)::int as n from public.organizations');
  if (rows[0].n > 0) {
    log('seed', 'демо-данные уже есть');
    return false;
  }
  log('seed', 'создаю демо-данные…');
  const auth = createAuth();

  await insertOrganization({
    kind: 'administration',
    name: ADMINISTRATION.name,
    short_name: ADMINISTRATION.short,
    district_code: ADMINISTRATION.district,
    verification_status: 'verified',
  });
  const universities: Record<string, string> = {};
  for (const u of UNIVERSITIES) {
    universities[u.short] = await insertOrganization({
      kind: 'university',
      name: u.name,
      short_name: u.short,
      district_code: u.district,
      website: u.site,
      verification_status: 'verified',
    });
  }
  const employers: string[] = [];
  for (const [i, [name, industry, district]] of EMPLOYERS.entries()) {
    employers.push(
      await insertOrganization({
        kind: 'employer',
        name,
        inn: demoInn(i + 1),
        industry_code: industry,
        district_code: district,
        description: DESCRIPTIONS[industry] ?? null,
        website: employerWebsite(name),
        verification_status: 'verified',
      }),
    );
  }
  // The address its postings carry (the generator draws it from the employer's id).
  for (const [i, [, , district_code]] of EMPLOYERS.entries()) {
    const address = employerAddress({ id: employers[i], district_code });
    await db().query('update public.organizations set address = $1 where id = $2', [address, employers[i]]);
  }

  // People, one per role, through the registration functions.
  const consent = { p_consent_version: CONSENT_VERSION, p_ip: '127.0.0.1', p_user_agent: 'seed' };
  const adminId = await createAdministrator({
    email: demoEmail('admin'),
    fullName: 'Ольга Сергеевна Миронова',
    password: DEMO_PASSWORD,
  });

  const studentId = await account(auth, demoEmail('student'), 'Артём Козлов');
  await rpc(studentId, demoEmail('student'), 'register_person', {
    p_role: 'student',
    p_full_name: 'Артём Козлов',
    p_university_id: universities['КузГТУ'],
    p_programme_code: '18.03.01',
    p_year_of_study: 3,
    p_graduation_year: 2028,
    ...consent,
  });
  const graduateId = await account(auth, demoEmail('graduate'), 'Екатерина Белова');
  await rpc(graduateId, demoEmail('graduate'), 'register_person', {
    p_role: 'graduate',
    p_full_name: 'Екатерина Белова',
    p_university_id: universities['КемГУ'],
    p_programme_code: '09.03.03',
    p_graduation_year: 2026,
    ...consent,
  });

  // The verified employer's representative: their organization is the first of the list.
  const hrId = await account(auth, demoEmail('employer'), 'Наталья Викторовна Орлова');
  await db().query(
    `insert into public.profiles (id, role, full_name, email, email_verified, position)
     values ($1, 'employer_staff', $2, $3, true, 'Начальник отдела кадров')`,
    [hrId, 'Наталья Викторовна Орлова', demoEmail('employer')],
  );
  await db().query(
    `insert into public.memberships (organization_id, profile_id, role) values ($1, $2, 'owner')`,
    [employers[0], hrId],
  );
  await db().query(
    `insert into public.consents (profile_id, text_version, ip, user_agent) values ($1, $2, '127.0.0.1', 'seed')`,
    [hrId, CONSENT_VERSION],
  );

  // An employer that has just signed up and waits for the administration.
  const pendingId = await account(auth, demoEmail('employerPending'), 'Игорь Петрович Лебедев');
  await rpc(pendingId, demoEmail('employerPending'), 'register_employer', {
    p_full_name: 'Игорь Петрович Лебедев',
    p_position: 'Директор по персоналу',
    p_organization_name: 'ООО «Кемеровский завод полимерных труб»',
    p_inn: demoInn(900),
    p_industry_code: 'C',
    p_district_code: 'zavodsky',
    p_address: 'г. Кемерово, ул. Грузовая, 12',
    p_website: '',
    ...consent,
  });

  // A university career-centre officer, invited by the administration.
  const adminClient = await userClient({ sub: adminId, email: demoEmail('admin') });
  const { data: token, error } = await adminClient.rpc('create_invitation', {
    p_organization_id: universities['КемГУ'],
    p_email: demoEmail('university'),
  });
  if (error || !token) throw new Error(`create_invitation: ${error?.message}`);
  const staffId = await account(auth, demoEmail('university'), 'Марина Александровна Соколова');
  await rpc(staffId, demoEmail('university'), 'accept_invitation', {
    p_token: token,
    p_full_name: 'Марина Александровна Соколова',
    p_position: 'Руководитель центра карьеры',
    ...consent,
  });

  await seedDemoUniversity(db(), log);

  // Opportunities: about 400 published across the employers, more for chemistry and healthcare, and
  // for the demo employer also drafts, one in moderation, one closed and one expired. Triggers stay
  // on: each row queues its search-index job, which the worker runs right after the seed.
  const employerRows = EMPLOYERS.map(([name, industry_code, district_code], i) => ({
    id: employers[i],
    name,
    industry_code,
    district_code,
  }));
  const universityRows = Object.entries(universities).map(([short_name, id]) => ({ id, short_name }));
  const now = new Date();
  const opportunities = [
    ...generateOpportunities(400, employerRows, universityRows, 2026, { now }),
    ...(['draft', 'draft', 'moderation', 'closed', 'expired'] as const).flatMap((status, i) =>
      generateOpportunities(1, employerRows.slice(0, 1), universityRows, 3000 + i, { now, status }),
    ),
  ].map((row) => (row.organization_id === employers[0] ? { ...row, created_by: hrId } : row));
  await insertOpportunityRows(db(), opportunities);

  await seedDemoApplications({
    auth,
    log,
    employerId: employers[0],
    hr: { id: hrId, email: demoEmail('employer') },
    student: { id: studentId, email: demoEmail('student') },
    graduate: { id: graduateId, email: demoEmail('graduate') },
    staff: { id: staffId, email: demoEmail('university') },
    universities,
  });
  await seedDemoIndicators(log);
  await seedDemoRegisters({ log, adminId });
  await seedDemoPartners({
    log,
    employerId: employers[0],
    hr: { id: hrId, email: demoEmail('employer') },
    universityId: universities['КемГУ'],
    staff: { id: staffId, email: demoEmail('university') },
    student: { id: studentId, email: demoEmail('student') },
  });

  log(
    'seed',
    `готово: ${UNIVERSITIES.length} вузов, ${EMPLOYERS.length + 1} работодателей, ${opportunities.length} публикаций, 6 демо-входов`,
  );
  return true;
}
