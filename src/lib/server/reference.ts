import { processCache } from './cache.ts';
import { anonClient, type Supabase } from './supabase.ts';

export interface Option {
  value: string;
  label: string;
}

/**
 * How long a process keeps the reference lists (programmes, industries, districts, universities,
 * programme groups). They are the same for everyone (anon may read all of them), so they are read
 * with the anon client whatever client the caller has, once a minute at most instead of on every
 * request; a university added or renamed through this process is seen at once (forgetUniversities).
 */
export const REFERENCE_TTL_MS = 60_000;

const LEVELS: Record<string, string> = {
  bachelor: 'бакалавриат',
  master: 'магистратура',
  specialist: 'специалитет',
};

const classifiers = processCache(REFERENCE_TTL_MS, async () => {
  const supabase = anonClient();
  const [programmes, industries, districts] = await Promise.all([
    supabase.from('programmes').select('code, name, level').order('code'),
    supabase.from('industries').select('code, name').order('code'),
    supabase.from('districts').select('code, name, kind').order('sort_order'),
  ]);
  const error = programmes.error ?? industries.error ?? districts.error;
  if (error) throw new Error(`reference data: ${error.message}`);
  return {
    programmes: (programmes.data ?? []).map((p) => ({
      value: p.code,
      label: `${p.code} ${p.name} (${LEVELS[p.level]})`,
    })),
    industries: (industries.data ?? []).map((i) => ({ value: i.code, label: `${i.code} — ${i.name}` })),
    districts: (districts.data ?? []).map((d) => ({
      value: d.code,
      label: d.kind === 'district' ? `${d.name} район` : `${d.name} (жилой район)`,
    })),
  };
});

/** Programmes, industries (ОКВЭД sections) and districts as options, at most a minute old. */
export function loadClassifiers(_supabase?: Supabase) {
  return classifiers.get();
}

const universities = processCache(REFERENCE_TTL_MS, async (): Promise<Option[]> => {
  const { data, error } = await anonClient()
    .from('organizations')
    .select('id, name, short_name')
    .eq('kind', 'university')
    .order('name');
  if (error) throw new Error(`universities: ${error.message}`);
  return data.map((u) => ({ value: u.id, label: u.short_name ? `${u.short_name} — ${u.name}` : u.name }));
});

/** Every university (all are public) as options, at most a minute old. */
export function loadUniversities(_supabase?: Supabase): Promise<Option[]> {
  return universities.get();
}

/** After this process adds or renames a university: the next request reads the list again. */
export function forgetUniversities(): void {
  universities.forget();
}

const programmeGroups = processCache(REFERENCE_TTL_MS, async (): Promise<Option[]> => {
  const { data, error } = await anonClient()
    .from('programmes')
    .select('group_code, group_name')
    .order('group_code');
  if (error) throw new Error(`programme groups: ${error.message}`);
  const seen = new Map<string, string>();
  for (const p of data) if (!seen.has(p.group_code)) seen.set(p.group_code, p.group_name);
  return [...seen].map(([value, name]) => ({ value, label: `${value} ${name}` }));
});

/** Enlarged groups of programmes (УГСН), e.g. «09.00.00 Информатика и вычислительная техника». */
export function loadProgrammeGroups(_supabase?: Supabase): Promise<Option[]> {
  return programmeGroups.get();
}
