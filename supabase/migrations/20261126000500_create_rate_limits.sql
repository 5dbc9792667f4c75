-- Attempt counters for sign-in, sign-up and password reset made through the app's own forms
-- (better-auth limits only its HTTP endpoints; see src/lib/server/rate-limit.ts).
create table app_private.rate_limits (
  key text primary key,
  count integer not null,
  window_start timestamptz not null
);
alter table app_private.rate_limits enable row level security;
revoke all on table app_private.rate_limits from public, anon, authenticated;
create index rate_limits_window_start_idx on app_private.rate_limits (window_start);
