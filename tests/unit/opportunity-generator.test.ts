import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPLOYERS, UNIVERSITIES } from '../../scripts/lib/demo-organizations.ts';
import {
  KIND_WEIGHTS,
  PROGRAMME_NAMES,
  countSentences,
  employerAddress,
  employerWebsite,
  generateOpportunities,
  profileKey,
  renderParagraphs,
  type OpportunityRow,
} from '../../scripts/lib/opportunity-generator.ts';

const root = path.resolve(import.meta.dirname, '../..');
const referenceSql = readFileSync(
  path.join(root, 'supabase/migrations/20261126000100_create_reference_data.sql'),
  'utf8',
);
const districts = new Set(
  [...referenceSql.matchAll(/\('([a-z_]+)', '[^']+', '(?:district|area)'/g)].map((m) => m[1]),
);
const industries = new Set([...referenceSql.matchAll(/\('([A-U])', '/g)].map((m) => m[1]));
/** ОКСО codes of public.programmes with their names */
const programmes = new Map(
  [
    ...referenceSql.matchAll(
      /\('(\d{2}\.0[345]\.\d{2})', '((?:[^']|'')+)', '(?:bachelor|master|specialist)'/g,
    ),
  ].map((m) => [m[1], m[2].replaceAll("''", "'")]),
);

const id = (prefix: string, i: number) => `${prefix}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const employers = EMPLOYERS.map(([name, industry_code, district_code], i) => ({
  id: id('0', i),
  name,
  industry_code,
  district_code,
}));
const universities = UNIVERSITIES.map((u, i) => ({ id: id('1', i), short_name: u.short }));
const universityIds = new Set(universities.map((u) => u.id));
const NOW = new Date('2026-11-26T06:00:00Z');
const rows = generateOpportunities(4000, employers, universities, 2026, { now: NOW });

/** The CHECK constraints of public.opportunities (supabase/migrations/20261126000700_create_opportunities.sql). */
function checkViolations(r: OpportunityRow): string[] {
  const bad: string[] = [];
  const within = (v: number | null, lo: number, hi: number) => v === null || (v >= lo && v <= hi);
  if (r.title.trim().length < 5 || r.title.trim().length > 200) bad.push('title');
  if (r.description_html.length > 30000 || r.description_text.length > 20000) bad.push('description length');
  if (r.description_markdown.length > 10000) bad.push('markdown length');
  if (!r.years_of_study.every((y) => Number.isInteger(y) && y >= 1 && y <= 6)) bad.push('years_of_study');
  if (!within(r.pay_from, 0, 10_000_000) || !within(r.pay_to, 0, 10_000_000)) bad.push('pay bounds');
  if (r.pay_from !== null && r.pay_to !== null && r.pay_from > r.pay_to) bad.push('pay_range');
  if (r.starts_on && r.ends_on && r.starts_on > r.ends_on) bad.push('dates_in_order');
  if (r.schedule && !['full_day', 'shift', 'flexible', 'remote', 'part_time'].includes(r.schedule))
    bad.push('schedule');
  if (r.employment_type && !['full', 'part', 'project', 'temporary'].includes(r.employment_type))
    bad.push('employment_type');
  if (r.experience && !['none', 'up_to_1', '1_to_3', '3_plus'].includes(r.experience)) bad.push('experience');
  if (r.practice_type && !['educational', 'industrial', 'pre_diploma'].includes(r.practice_type))
    bad.push('practice_type');
  if (!within(r.seats, 1, 10000)) bad.push('seats');
  if (!within(r.duration_weeks, 1, 104)) bad.push('duration_weeks');
  if (!within(r.stipend_count, 1, 1000)) bad.push('stipend_count');
  if (!within(r.work_years_after, 1, 10)) bad.push('work_years_after');
  if (r.publish_days < 1 || r.publish_days > 90) bad.push('publish_days');
  if ((r.address ?? '').length > 300 || (r.contact_name ?? '').length > 200) bad.push('contact length');
  if ((r.selection_criteria ?? '').length > 3000 || (r.support_offered ?? '').length > 3000)
    bad.push('texts');
  if (r.contact_email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.contact_email))
    bad.push('contact_email');
  if (r.contact_phone !== null && !/^\+?[0-9 ()-]{6,20}$/.test(r.contact_phone)) bad.push('contact_phone');
  if (['published', 'expired'].includes(r.status) && r.expires_at === null) bad.push('published_has_expiry');
  if (r.status !== 'draft') {
    if (r.kind === 'practice' && r.programme_codes.length === 0) bad.push('practice_has_programmes');
    if (r.kind === 'stipend' && r.pay_from === null) bad.push('stipend_has_amount');
    if (r.kind === 'target_agreement' && (r.programme_codes.length === 0 || r.work_years_after === null))
      bad.push('target_has_programme');
  }
  return bad;
}

describe('generateOpportunities', () => {
  it('gives the same rows for the same seed and moment, and other rows for another seed', () => {
    const again = generateOpportunities(300, employers, universities, 2026, { now: NOW });
    expect(again).toEqual(rows.slice(0, 300));
    const other = generateOpportunities(300, employers, universities, 2027, { now: NOW });
    expect(other.map((r) => r.title)).not.toEqual(again.map((r) => r.title));
  });

  it('satisfies every CHECK constraint of the table', () => {
    const failures = rows.flatMap((r) => checkViolations(r).map((c) => `${c}: ${r.title}`));
    expect(failures).toEqual([]);
  });

  it('uses only real ОКСО codes (those of public.programmes) with their official names', () => {
    expect(programmes.size).toBe(481);
    for (const [code, name] of Object.entries(PROGRAMME_NAMES)) expect(programmes.get(code), code).toBe(name);
    const used = new Set(rows.flatMap((r) => r.programme_codes));
    for (const code of used) expect(programmes.has(code), code).toBe(true);
    // every programme mentioned in a title or a description is a listed one as well
    for (const r of rows) {
      for (const m of `${r.title} ${r.description_text}`.matchAll(/\b\d{2}\.0[345]\.\d{2}\b/g)) {
        expect(programmes.has(m[0]), m[0]).toBe(true);
      }
    }
  });

  it('refers only to existing districts, industries and the universities given', () => {
    for (const r of rows) {
      if (r.district_code !== null) expect(districts.has(r.district_code), r.district_code).toBe(true);
      expect(industries.has(r.industry_code!), String(r.industry_code)).toBe(true);
      for (const u of r.university_ids) expect(universityIds.has(u)).toBe(true);
    }
  });

  it('matches universities to the field: medicine at КемГМУ, mining at КузГТУ, agriculture at the ГСХА', () => {
    const short = new Map(universities.map((u) => [u.id, u.short_name]));
    for (const r of rows) {
      const names = r.university_ids.map((u) => short.get(u));
      if (r.programme_codes.every((c) => /^3[0-4]\./.test(c))) expect(names).toEqual(['КемГМУ']);
      if (r.programme_codes.every((c) => c === '21.05.04')) expect(names).toEqual(['КузГТУ']);
      if (r.programme_codes.every((c) => /^3[56]\./.test(c))) expect(names).toEqual(['Кузбасская ГСХА']);
    }
  });

  it('mixes the kinds roughly as specified', () => {
    const total = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
    for (const [kind, weight] of KIND_WEIGHTS) {
      const share = rows.filter((r) => r.kind === kind).length / rows.length;
      expect(share, kind).toBeGreaterThan(weight / total - 0.04);
      expect(share, kind).toBeLessThan(weight / total + 0.04);
    }
  });

  it('weights employers like the economy and gives every employer at least one posting', () => {
    const byEmployer = new Map<string, number>();
    for (const r of rows) byEmployer.set(r.organization_id, (byEmployer.get(r.organization_id) ?? 0) + 1);
    expect(byEmployer.size).toBe(employers.length);
    const perEmployer = (industry: string) => {
      const ids = employers.filter((e) => e.industry_code === industry).map((e) => e.id);
      return ids.reduce((s, e) => s + (byEmployer.get(e) ?? 0), 0) / ids.length;
    };
    expect(perEmployer('C')).toBeGreaterThan(perEmployer('G'));
    expect(perEmployer('Q')).toBeGreaterThan(perEmployer('I'));
  });

  it('pays realistically for Kemerovo', () => {
    for (const r of rows) {
      if (r.kind === 'internship' && r.is_paid) {
        expect(r.pay_from).toBeGreaterThanOrEqual(20_000);
        expect(r.pay_to ?? r.pay_from).toBeLessThanOrEqual(45_000);
      }
      if (r.kind === 'vacancy') {
        expect(r.pay_from).toBeGreaterThanOrEqual(35_000);
        expect(r.pay_to ?? r.pay_from).toBeLessThanOrEqual(120_000);
      }
      if (r.kind === 'stipend') {
        expect(r.pay_from).toBeGreaterThanOrEqual(3000);
        expect(r.pay_from).toBeLessThanOrEqual(15_000);
        expect(r.stipend_count).toBeGreaterThanOrEqual(1);
      }
      if (r.kind === 'target_agreement') {
        expect(r.university_ids).toHaveLength(1);
        expect(r.work_years_after).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('dates published rows within the last 30 days, expiring later, some within 5 days', () => {
    const now = NOW.getTime();
    const day = 86_400_000;
    let soon = 0;
    for (const r of rows) {
      const published = Date.parse(r.published_at!);
      const expires = Date.parse(r.expires_at!);
      expect(published).toBeLessThanOrEqual(now);
      expect(published).toBeGreaterThanOrEqual(now - 30 * day);
      expect(expires).toBeGreaterThan(now);
      expect(expires - published).toBeLessThanOrEqual(90 * day);
      if (expires - now < 5 * day) soon++;
      if (r.apply_by) expect(r.apply_by >= '2026-11-26').toBe(true);
    }
    expect(soon / rows.length).toBeGreaterThan(0.03);
    expect(soon / rows.length).toBeLessThan(0.15);
    expect(rows.filter((r) => r.apply_by).length / rows.length).toBeGreaterThan(0.8);
  });

  it('writes 3 to 6 sentences in paragraphs, with safe HTML and the same plain text', () => {
    for (const r of rows) {
      const sentences = countSentences(r.description_text);
      expect(sentences, r.description_text).toBeGreaterThanOrEqual(3);
      expect(sentences, r.description_text).toBeLessThanOrEqual(6);
      const paragraphs = r.description_text.split('\n\n');
      expect(r.description_html).toBe(paragraphs.map((p) => `<p>${p}</p>`).join('\n'));
      expect(r.description_html).not.toMatch(/<(?!\/?p>)/);
      // the generated text never needs Markdown escapes: the bulk loader relies on it
      expect(r.description_markdown).toBe(r.description_text);
    }
    const html = renderParagraphs(['<script>alert("x")</script> & *жирный*']).html;
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *жирный*</p>');
  });

  it('writes lifecycle fields for every status', () => {
    const [draft] = generateOpportunities(1, employers, universities, 1, { now: NOW, status: 'draft' });
    expect(draft).toMatchObject({ status: 'draft', published_at: null, expires_at: null });
    const [moderation] = generateOpportunities(1, employers, universities, 1, {
      now: NOW,
      status: 'moderation',
    });
    expect(moderation.published_at).toBeNull();
    expect(Date.parse(moderation.expires_at!)).toBeGreaterThan(NOW.getTime());
    for (const status of ['closed', 'expired'] as const) {
      const [row] = generateOpportunities(1, employers, universities, 1, { now: NOW, status });
      expect(Date.parse(row.expires_at!)).toBeLessThan(NOW.getTime());
      expect(checkViolations(row)).toEqual([]);
    }
  });

  it('picks the profile from the industry and, where it is broad, the name', () => {
    expect(profileKey('C', 'АО «Кузбасский азотно-туковый комбинат»')).toBe('chemistry');
    expect(profileKey('C', 'ООО «Молочная долина Кузбасса»')).toBe('food');
    expect(profileKey('Q', 'ГАУЗ «Городская стоматологическая поликлиника № 2»')).toBe('dental');
    expect(profileKey('B', 'АО «Шахтоуправление „Кедровское“»')).toBe('coal');
  });
});

describe("the demo employer's own page facts", () => {
  it('the address is the one its postings carry; the website is under the demo domain', () => {
    const rows = generateOpportunities(400, employers, universities, 2026, { now: new Date('2026-12-01') });
    for (const employer of employers) {
      const withAddress = rows.find((r) => r.organization_id === employer.id && r.address !== null);
      if (withAddress) expect(employerAddress(employer)).toBe(withAddress.address);
      expect(employerAddress(employer)).toMatch(/^г\. Кемерово, .+, \d+$/);
      expect(employerWebsite(employer.name)).toMatch(/^https:\/\/[a-z0-9-]+\.demo\.kemerovo-profi\.ru$/);
    }
    expect(employerWebsite('ООО «Кузбасс-Софт»')).toBe('https://kuzbass-soft.demo.kemerovo-profi.ru');
  });
});
