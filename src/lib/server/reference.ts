import type { Supabase } from './supabase.ts';

export interface Option {
  value: string;
  label: string;
}

/** Reference data (classifiers) changes only with a migration: read once per process. */
let classifiers: Promise<{ programmes: Option[]; industries: Option[]; districts: Option[] }> | undefined;

export function loadClassifiers(supabase: Supabase) {
  classifiers ??= (async () => {
    const [programmes, industries, districts] = await Promise.all([
      supabase.from('programmes').select('code, name, level').order('code'),
      supabase.from('industries').select('code, name').order('code'),
      supabase.from('districts').select('code, name, kind').order('sort_order'),
    ]);
    const error = programmes.error ?? industries.error ?? districts.error;
    if (error) {
      classifiers = undefined;
      throw new Error(`reference data: ${error.message}`);
    }
    const levels: Record<string, string> = {
      bachelor: 'бакалавриат',
      master: 'магистратура',
      specialist: 'специалитет',
    };
    return {
      programmes: (programmes.data ?? []).map((p) => ({
        value: p.code,
        label: `${p.code} ${p.name} (${levels[p.level]})`,
      })),
      industries: (industries.data ?? []).map((i) => ({ value: i.code, label: `${i.code} — ${i.name}` })),
      districts: (districts.data ?? []).map((d) => ({
        value: d.code,
        label: d.kind === 'district' ? `${d.name} район` : `${d.name} (жилой район)`,
      })),
    };
  })();
  return classifiers;
}

export async function loadUniversities(supabase: Supabase): Promise<Option[]> {
  const { data, error } = await supabase
    .from('organizations')
    .select('id, name, short_name')
    .eq('kind', 'university')
    .order('name');
  if (error) throw new Error(`universities: ${error.message}`);
  return data.map((u) => ({ value: u.id, label: u.short_name ? `${u.short_name} — ${u.name}` : u.name }));
}
