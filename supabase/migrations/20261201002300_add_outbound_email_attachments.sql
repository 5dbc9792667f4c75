-- Files sent with a letter (the .ics invitation to an interview): a JSON array of
-- {filename, contentType, content} with the content in base64. The transport hands them to SMTP as
-- attachments; /dev/mailbox lists them with a download link. Kept small: a letter carries documents
-- the portal generates, never people's uploads (those are served only through the files endpoint).

alter table app_private.outbound_emails
  add column attachments jsonb not null default '[]'::jsonb
    check (jsonb_typeof(attachments) = 'array' and jsonb_array_length(attachments) <= 10
           and octet_length(attachments::text) <= 2000000);
