import type { Supabase } from '$lib/server/supabase';
import type { CurrentPerson } from '$lib/server/session';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in account, or null. */
      person: CurrentPerson | null;
      /** supabase-js acting as this person (or as anon): every query runs under RLS. */
      supabase: Supabase;
    }
    interface PageData {
      person: import('$lib/types').PublicPerson | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
