-- Accounts: better-auth's tables (email + password, sessions, verification tokens, rate limits) in
-- their own schema, which PostgREST does not expose. Generated with better-auth's getMigrations for
-- the options in src/lib/server/auth/options.ts (uuid ids, database rate-limit storage).

create schema if not exists better_auth;
revoke all on schema better_auth from public;

create table better_auth."user" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
create table better_auth."session" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" uuid not null references better_auth."user" ("id") on delete cascade);
create table better_auth."account" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "accountId" text not null, "providerId" text not null, "userId" uuid not null references better_auth."user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);
create table better_auth."verification" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
create table better_auth."rateLimit" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "key" text not null unique, "count" integer not null, "lastRequest" bigint not null);
create index "session_userId_idx" on better_auth."session" ("userId");
create index "account_userId_idx" on better_auth."account" ("userId");
create index "verification_identifier_idx" on better_auth."verification" ("identifier");

-- Defence in depth: even if the schema were exposed, no API role could read a row.
alter table better_auth."user" enable row level security;
alter table better_auth."session" enable row level security;
alter table better_auth."account" enable row level security;
alter table better_auth."verification" enable row level security;
alter table better_auth."rateLimit" enable row level security;
create index "session_expiresAt_idx" on better_auth."session" ("expiresAt");
