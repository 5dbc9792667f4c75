-- The outgoing email outbox and the worker heartbeat. Both live in app_private: a schema that
-- PostgREST does not expose (PGRST_DB_SCHEMAS = public), written only by the app server and the
-- worker through their direct database connection. Every message is kept here: in 'mailbox' mode
-- (the embedded default) it is only stored and shown on /dev/mailbox; in 'smtp' mode the
-- send_email job of graphile-worker delivers it and records the outcome.

create schema if not exists app_private;
-- (Schema usage stays granted: RLS policy helpers live in app_private; its tables are not granted.)

create table app_private.outbound_emails (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  template text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'stored', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

comment on table app_private.outbound_emails is
  'Исходящие письма: очередь отправки и журнал (в режиме mailbox — почтовый ящик разработчика).';

create index outbound_emails_created_at_idx on app_private.outbound_emails (created_at desc);
create index outbound_emails_to_address_idx on app_private.outbound_emails (lower(to_address));

-- Not exposed, but should the schema ever be, no policy means nobody but the owner reads it.
alter table app_private.outbound_emails enable row level security;
revoke all on table app_private.outbound_emails from public, anon, authenticated;

create table app_private.worker_heartbeats (
  worker_id text primary key,
  beat_at timestamptz not null default now()
);

comment on table app_private.worker_heartbeats is
  'Отметки живых процессов фоновых задач: /healthz считает обработчик живым, если отметка свежее 20 с.';

alter table app_private.worker_heartbeats enable row level security;
revoke all on table app_private.worker_heartbeats from public, anon, authenticated;
