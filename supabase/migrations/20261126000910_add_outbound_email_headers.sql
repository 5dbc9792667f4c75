-- Extra headers of an outgoing letter, e.g. List-Unsubscribe of saved-search alerts (RFC 2369).
-- A flat JSON object of header name → value; the transport passes them to SMTP as they are.

alter table app_private.outbound_emails
  add column headers jsonb not null default '{}'::jsonb
    check (jsonb_typeof(headers) = 'object');
