import type { PostgrestError } from '@supabase/supabase-js';
import { describeDbError } from '../errors.ts';
import type { Supabase } from '../supabase.ts';
import type { ExistingRow, Probe, References, UniversityRef } from './check-register.ts';

const IN_CHUNK = 300;

/** A lookup the database refused (not an administrator, …): the preview answers with its message. */
export class LookupRefused extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function refused(error: PostgrestError): LookupRefused {
  const e = describeDbError(error);
  return new LookupRefused(e.status, e.message);
}
const PROBE_CHUNK = 2000;

/** What the checker looks up, read with the administrator's own client (RLS decides). */
export function supabaseReferences(supabase: Supabase): References {
  return {
    async universities(): Promise<UniversityRef[]> {
      const { data, error } = await supabase
        .from('organizations')
        .select('id, name, short_name, inn')
        .eq('kind', 'university');
      if (error) throw refused(error);
      return data;
    },
    async employers(inns: string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      for (let i = 0; i < inns.length; i += IN_CHUNK) {
        const { data, error } = await supabase
          .from('organizations')
          .select('id, inn')
          .eq('kind', 'employer')
          .neq('verification_status', 'rejected')
          .in('inn', inns.slice(i, i + IN_CHUNK));
        if (error) throw refused(error);
        for (const o of data) if (o.inn) found.set(o.inn, o.id);
      }
      return found;
    },
    async organizers(inns: string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      for (let i = 0; i < inns.length; i += IN_CHUNK) {
        const { data, error } = await supabase
          .from('organizations')
          .select('id, inn')
          .neq('verification_status', 'rejected')
          .in('inn', inns.slice(i, i + IN_CHUNK));
        if (error) throw refused(error);
        for (const o of data) if (o.inn) found.set(o.inn, o.id);
      }
      return found;
    },
    async programmeCodes(): Promise<Set<string>> {
      const { data, error } = await supabase.from('programmes').select('code');
      if (error) throw refused(error);
      return new Set(data.map((p) => p.code));
    },
    async existing(register: string, probes: Probe[]): Promise<ExistingRow[]> {
      const out: ExistingRow[] = [];
      for (let i = 0; i < probes.length; i += PROBE_CHUNK) {
        const { data, error } = await supabase.rpc('import_existing_rows', {
          p_register: register,
          p_rows: probes.slice(i, i + PROBE_CHUNK) as never,
        });
        if (error) throw refused(error);
        out.push(...(data as ExistingRow[]));
      }
      return out;
    },
  };
}
