/**
 * Test people and organizations, made through the same paths as real ones: a better-auth account,
 * then the registration functions called through PostgREST with the person's own JWT. Only what no
 * API allows on purpose is arranged over a direct connection (a verified email, an administrator).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createAuth, type Auth } from '../../src/lib/server/auth/options.ts';
import { closeDb } from '../../src/lib/server/db.ts';
import { userClient, type Supabase } from '../../src/lib/server/supabase.ts';
import { CONSENT_VERSION } from '../../src/lib/schemas/auth.ts';
import { closeTestDb, testDb } from './db.ts';
import { validInn10 } from './inn.ts';

export interface TestPerson {
  id: string;
  email: string;
  password: string;
  fullName: string;
  /** supabase-js acting as this person: their own JWT, so RLS applies to every call. */
  client: Supabase;
}

/** A person together with the organization they belong to. */
export interface TestMember extends TestPerson {
  organizationId: string;
}

export interface TestEmployer extends TestMember {
  inn: string;
  organizationName: string;
}

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)];

const MALE = {
  first: ['Алексей', 'Дмитрий', 'Иван', 'Сергей', 'Никита', 'Артём', 'Михаил', 'Егор', 'Павел'],
  patronymic: ['Андреевич', 'Викторович', 'Олегович', 'Сергеевич', 'Игоревич', 'Петрович'],
};
const FEMALE = {
  first: ['Анна', 'Мария', 'Екатерина', 'Дарья', 'Полина', 'Ксения', 'Ольга', 'Виктория'],
  patronymic: ['Андреевна', 'Викторовна', 'Олеговна', 'Сергеевна', 'Игоревна', 'Петровна'],
};
const SURNAMES = [
  'Кузнецов',
  'Соколов',
  'Морозов',
  'Васильев',
  'Лебедев',
  'Новиков',
  'Зайцев',
  'Белов',
  'Шубин',
];

/** «Фамилия Имя Отчество» with the surname agreeing in gender. */
export function russianFullName(): string {
  const female = randomInt(2) === 1;
  const names = female ? FEMALE : MALE;
  return `${pick(SURNAMES)}${female ? 'а' : ''} ${pick(names.first)} ${pick(names.patronymic)}`;
}

const EMPLOYER_NAMES = [
  'Кузбасская энергосетевая компания',
  'Кемеровский механический завод',
  'СибЭнергоМонтаж',
  'Азот-Инжиниринг',
  'КемеровоСтройПроект',
  'Кузбасс-Телеком',
  'Разрез Кедровский-Сервис',
];
const UNIVERSITY_NAMES = [
  'Кемеровский государственный университет',
  'Кузбасский государственный технический университет имени Т. Ф. Горбачёва',
  'Кемеровский государственный медицинский университет',
  'Кузбасский государственный аграрный университет имени В. Н. Полецкова',
  'Кемеровский государственный институт культуры',
];
const DISTRICTS = ['zavodsky', 'kirovsky', 'leninsky', 'rudnichny', 'tsentralny'];

let auth: Auth | undefined;
const getAuth = () => (auth ??= createAuth());

/** Throws with PostgREST's message when a call that arranges a test fails. */
async function expectData<R extends { data: unknown; error: { message: string; code?: string } | null }>(
  what: string,
  call: PromiseLike<R>,
): Promise<NonNullable<R['data']>> {
  const { data, error } = await call;
  if (error) throw new Error(`${what}: ${error.message} (${error.code ?? 'без кода'})`);
  if (data === null || data === undefined) throw new Error(`${what}: нет данных`);
  return data;
}

/** An address no other test uses: `${prefix}-<uuid>@example.test`. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID()}@example.test`;
}

/**
 * A better-auth account (email + password) whose email is confirmed, with no profile yet, and a
 * supabase client acting as it. The email is unique per call.
 */
export async function createAccount(
  prefix: string,
  { fullName = russianFullName(), email = uniqueEmail(prefix) } = {},
): Promise<TestPerson> {
  const password = `Кузбасс-${randomUUID()}`;
  const { user } = await getAuth().api.signUpEmail({ body: { name: fullName, email, password } });
  // Tests only: the link of the verification letter is what confirms an address in real life.
  await testDb().query(`update better_auth."user" set "emailVerified" = true where id = $1`, [user.id]);
  const client = await userClient({ sub: user.id, email: user.email });
  return { id: user.id, email: user.email, password, fullName, client };
}

/** The city administration's organization (one per database), made as the admin script does. */
export async function administrationOrganizationId(db: pg.Pool = testDb()): Promise<string> {
  const existing = await db.query<{ id: string }>(
    `select id from public.organizations where kind = 'administration' order by created_at limit 1`,
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const created = await db.query<{ id: string }>(
    `insert into public.organizations (kind, name, short_name, district_code)
     values ('administration', 'Управление экономического развития администрации города Кемерово',
             'УЭР администрации г. Кемерово', 'tsentralny')
     returning id`,
  );
  return created.rows[0].id;
}

/** An employee of the administration: made over a direct connection, never through the API. */
export async function createAdministrator(): Promise<TestMember> {
  const person = await createAccount('admin');
  const organizationId = await administrationOrganizationId();
  await testDb().query('select app_private.make_administrator($1, $2, $3)', [
    person.id,
    person.fullName,
    organizationId,
  ]);
  return { ...person, organizationId };
}

/** A university, added by an administrator through PostgREST. Returns its id. */
export async function createUniversity(
  admin: TestPerson,
  name = `${pick(UNIVERSITY_NAMES)} (${randomUUID().slice(0, 8)})`,
): Promise<string> {
  const row = await expectData(
    'вуз не добавлен',
    admin.client
      .from('organizations')
      .insert({ kind: 'university', name, district_code: pick(DISTRICTS), website: 'https://example.test' })
      .select('id')
      .single(),
  );
  return row.id;
}

/** An invitation to an organization by someone allowed to invite; returns the one-time token. */
export async function inviteToOrganization(
  inviter: TestPerson,
  organizationId: string,
  email: string,
): Promise<string> {
  return expectData(
    'приглашение не создано',
    inviter.client.rpc('create_invitation', { p_organization_id: organizationId, p_email: email }),
  );
}

/** A university employee: invited (by an administrator or a colleague) and accepting. */
export async function createUniversityStaff(inviter: TestPerson, universityId: string): Promise<TestMember> {
  const person = await createAccount('staff');
  const token = await inviteToOrganization(inviter, universityId, person.email);
  await expectData(
    'приглашение не принято',
    person.client.rpc('accept_invitation', {
      p_token: token,
      p_full_name: person.fullName,
      p_position: 'Руководитель центра карьеры',
      p_consent_version: CONSENT_VERSION,
    }),
  );
  return { ...person, organizationId: universityId };
}

export interface StudentOptions {
  universityId: string;
  role?: 'student' | 'graduate';
  programmeCode?: string;
  yearOfStudy?: number;
}

/** A student (or graduate) registering themself. */
export async function createStudent({
  universityId,
  role = 'student',
  programmeCode = pick(['09.03.01', '21.05.04', '38.03.01', '18.03.01', '13.03.02']),
  yearOfStudy = 1 + randomInt(4),
}: StudentOptions): Promise<TestPerson> {
  const person = await createAccount(role);
  await expectData(
    'студент не зарегистрирован',
    person.client.rpc('register_person', {
      p_role: role,
      p_full_name: person.fullName,
      p_university_id: universityId,
      p_programme_code: programmeCode,
      p_year_of_study: yearOfStudy,
      p_graduation_year: new Date().getFullYear() + (role === 'student' ? 5 - yearOfStudy : -1),
      p_consent_version: CONSENT_VERSION,
      p_user_agent: 'vitest',
    }),
  );
  return person;
}

/** An employer's representative registering themself and their (pending) organization. */
export async function createEmployer(
  options: { industryCode?: string; districtCode?: string } = {},
): Promise<TestEmployer> {
  const person = await createAccount('employer');
  const inn = validInn10();
  const organizationName = `ООО «${pick(EMPLOYER_NAMES)}»`;
  const organizationId = await expectData(
    'работодатель не зарегистрирован',
    person.client.rpc('register_employer', {
      p_full_name: person.fullName,
      p_position: 'Специалист по подбору персонала',
      p_organization_name: organizationName,
      p_inn: inn,
      p_industry_code: options.industryCode ?? pick(['B', 'C', 'D', 'F', 'J']),
      p_district_code: options.districtCode ?? pick(DISTRICTS),
      p_address: 'г. Кемерово, пр. Советский, д. 1',
      p_website: 'https://example.test',
      p_consent_version: CONSENT_VERSION,
    }),
  );
  return { ...person, organizationId, inn, organizationName };
}

/** The administration's decision on an employer (through the API, as an administrator). */
export async function verifyEmployer(admin: TestPerson, organizationId: string): Promise<void> {
  await expectData(
    'работодатель не подтверждён',
    admin.client.rpc('set_employer_verification', {
      p_organization_id: organizationId,
      p_status: 'verified',
    }),
  );
}

/** Closes the connections the factories opened (call in afterAll). */
export async function closeFactories(): Promise<void> {
  const pool = auth?.options.database as pg.Pool | undefined;
  auth = undefined;
  await pool?.end();
  await closeDb();
  await closeTestDb();
}
