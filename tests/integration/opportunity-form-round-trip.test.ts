/**
 * Saving a posting's form unchanged changes nothing (issue 10 item 1: saving a demo internship
 * used to wipe its programmes, universities, years, seats and dates). For every kind, a posting is
 * loaded as the edit page loads it, its form is rendered on the server and submitted as a browser
 * without JavaScript would, and saved through the real operation and PostgREST with the employer's
 * JWT; then the whole row is compared with what it was.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import OpportunityForm from '../../src/lib/components/opportunities/OpportunityForm.svelte';
import { OPPORTUNITY_KINDS, type OpportunityKind } from '../../src/lib/opportunities.ts';
import {
  kemerovoToday,
  opportunityFormValues,
  parseOpportunityForm,
  SHOWN_FIELD,
} from '../../src/lib/schemas/opportunity.ts';
import { createOpportunity } from '../../src/lib/server/opportunities/create-opportunity.ts';
import { updateOpportunity } from '../../src/lib/server/opportunities/update-opportunity.ts';
import { loadClassifiers, loadUniversities } from '../../src/lib/server/reference.ts';
import { generateOpportunities, insertOpportunityRows } from '../../scripts/lib/opportunity-generator.ts';
import { testDb } from '../factories/db.ts';
import { submittedForm } from '../factories/form-html.ts';
import {
  closeFactories,
  createAdministrator,
  createEmployer,
  createUniversity,
  verifyEmployer,
  type TestEmployer,
} from '../factories/people.ts';

let employer: TestEmployer;
let universities: string[];

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Every field of every kind filled in, as a person types them. */
function fullPosting(kind: OpportunityKind): Record<string, string | string[]> {
  const common = {
    kind,
    title: `Полностью заполненная публикация (${kind})`,
    description: 'Ищем **студентов** и выпускников.\n\n- наставник\n- [сайт](https://example.ru)',
    industryCode: 'C',
    districtCode: 'leninsky',
    isRemote: 'on',
    address: 'пр-т Кузнецкий, 1',
    contactName: 'Ирина Петрова',
    contactEmail: 'hr@example.ru',
    contactPhone: '+7 (3842) 00-00-00',
    applyBy: inDays(30),
  };
  const targeting = {
    programmeCodes: ['18.03.01', '15.03.04'],
    universityIds: universities,
    yearsOfStudy: ['3', '4'],
  };
  const pay = { isPaid: 'on', payFrom: '30 000', payTo: '45000' };
  switch (kind) {
    case 'internship':
      return {
        ...common,
        ...pay,
        ...targeting,
        durationWeeks: '8',
        schedule: 'flexible',
        seats: '3',
        startsOn: inDays(40),
        endsOn: inDays(96),
      };
    case 'practice':
      return {
        ...common,
        ...pay,
        ...targeting,
        practiceType: 'industrial',
        seats: '5',
        startsOn: inDays(60),
        endsOn: inDays(88),
        durationWeeks: '4',
        schedule: 'full_day',
      };
    case 'stipend':
      return {
        ...common,
        ...targeting,
        payFrom: '7500',
        startsOn: inDays(50),
        endsOn: inDays(300),
        stipendCount: '4',
        selectionCriteria: 'Средний балл не ниже 4,5',
      };
    case 'target_agreement':
      return {
        ...common,
        programmeCode: '18.03.01',
        universityId: universities[0],
        yearsOfStudy: ['1', '2'],
        seats: '6',
        startsOn: inDays(120),
        workYearsAfter: '3',
        payFrom: '5000',
        supportOffered: 'Оплата общежития',
      };
    case 'vacancy':
      return {
        ...common,
        programmeCodes: targeting.programmeCodes,
        universityIds: universities,
        payFrom: '60000',
        payTo: '80000',
        employmentType: 'full',
        schedule: 'shift',
        experience: 'up_to_1',
        seats: '2',
      };
  }
}

function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

/** The whole row as the database holds it, less the time of the last change. */
async function storedRow(id: string): Promise<Record<string, unknown>> {
  const { rows } = await testDb().query<Record<string, unknown>>(
    'select * from public.opportunities where id = $1',
    [id],
  );
  expect(rows).toHaveLength(1);
  const { updated_at: _changedAt, ...row } = rows[0];
  return row;
}

/** The edit page's form for a posting, as it reaches the browser: what the employer sees. */
async function editForm(id: string): Promise<{ kind: OpportunityKind; html: string }> {
  const { data: row, error } = await employer.client.from('opportunities').select('*').eq('id', id).single();
  expect(error).toBeNull();
  const [{ programmes, industries, districts }, universityOptions] = await Promise.all([
    loadClassifiers(employer.client),
    loadUniversities(employer.client),
  ]);
  const { values, lists } = opportunityFormValues(row!);
  const { body } = render(OpportunityForm, {
    props: {
      kind: row!.kind,
      values,
      lists,
      errors: {},
      industries,
      districts,
      programmes,
      universities: universityOptions,
      submitLabel: 'Сохранить',
      today: kemerovoToday(),
    },
  });
  return { kind: row!.kind, html: body };
}

/** Submits the form as the browser would (optionally changed first) and saves it. */
async function save(id: string, form: FormData) {
  const parsed = parseOpportunityForm(form);
  expect(parsed.ok ? {} : parsed.errors).toEqual({});
  if (!parsed.ok) throw new Error('форма не прошла проверку');
  return updateOpportunity(employer.client, id, parsed.data, parsed.fields);
}

beforeAll(async () => {
  const admin = await createAdministrator();
  employer = await createEmployer();
  await verifyEmployer(admin, employer.organizationId);
  universities = [await createUniversity(admin), await createUniversity(admin)];
});

afterAll(async () => {
  await closeFactories();
});

describe('load → save unchanged → every column equal', () => {
  for (const kind of OPPORTUNITY_KINDS) {
    test(`${kind}: a posting with every field filled in`, async () => {
      const parsed = parseOpportunityForm(formData(fullPosting(kind)));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const created = await createOpportunity(
        employer.client,
        { userId: employer.id, organizationId: employer.organizationId },
        parsed.data,
      );
      if (!created.ok) throw new Error(created.message);
      const before = await storedRow(created.id);
      // Fully filled means it: the targeting the search filters on is there to lose.
      if (kind !== 'target_agreement') expect(before.programme_codes).toEqual(['18.03.01', '15.03.04']);
      expect(before.university_ids).toEqual(
        kind === 'target_agreement' ? universities.slice(0, 1) : universities,
      );
      expect(before.seats ?? before.stipend_count).not.toBeNull();

      const { html } = await editForm(created.id);
      expect(await save(created.id, submittedForm(html))).toEqual({ ok: true });
      expect(await storedRow(created.id)).toEqual(before);
    });

    test(`${kind}: a demo posting, with facts its form does not show`, async () => {
      const rows = generateOpportunities(
        60,
        [
          {
            id: employer.organizationId,
            name: 'ООО «Проверка»',
            industry_code: 'C',
            district_code: 'zavodsky',
          },
        ],
        [
          { id: universities[0], short_name: 'КузГТУ' },
          { id: universities[1], short_name: 'КемГУ' },
        ],
        2026,
        { status: 'draft', createdBy: employer.id },
      );
      const demo = rows.find((r) => r.kind === kind);
      if (!demo) throw new Error(`генератор не дал публикацию вида ${kind}`);
      const title = `${demo.title.slice(0, 150)} ${crypto.randomUUID()}`;
      await insertOpportunityRows(testDb(), [{ ...demo, title }]);
      const { rows: found } = await testDb().query<{ id: string }>(
        'select id from public.opportunities where title = $1',
        [title],
      );
      const id = found[0].id;
      const before = await storedRow(id);

      const { html } = await editForm(id);
      expect(await save(id, submittedForm(html))).toEqual({ ok: true });
      expect(await storedRow(id)).toEqual(before);
    });
  }
});

describe('a field the form shows is emptied only when the employer empties it', () => {
  test('unchecking every university empties them; a form without the group keeps them', async () => {
    const parsed = parseOpportunityForm(formData(fullPosting('internship')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await createOpportunity(
      employer.client,
      { userId: employer.id, organizationId: employer.organizationId },
      parsed.data,
    );
    if (!created.ok) throw new Error(created.message);
    const { html } = await editForm(created.id);

    // A form from before the field existed (or that leaves it out): the column stays.
    const without = submittedForm(html);
    without.delete('universityIds');
    without.delete('isPaid');
    for (const shown of without.getAll(SHOWN_FIELD)) {
      if (shown === 'universityIds' || shown === 'isPaid') continue;
      without.append('kept', String(shown));
    }
    without.delete(SHOWN_FIELD);
    for (const kept of without.getAll('kept')) without.append(SHOWN_FIELD, String(kept));
    without.delete('kept');
    expect(await save(created.id, without)).toEqual({ ok: true });
    expect((await storedRow(created.id)).university_ids).toEqual(universities);
    expect((await storedRow(created.id)).is_paid).toBe(true);

    // The form shows the group and nothing is checked: the employer cleared it.
    const cleared = submittedForm(html);
    cleared.delete('universityIds');
    cleared.delete('isPaid');
    expect(await save(created.id, cleared)).toEqual({ ok: true });
    const after = await storedRow(created.id);
    expect(after.university_ids).toEqual([]);
    expect([after.is_paid, after.pay_from, after.pay_to]).toEqual([false, null, null]);
    expect(after.programme_codes).toEqual(['18.03.01', '15.03.04']);
  });
});
