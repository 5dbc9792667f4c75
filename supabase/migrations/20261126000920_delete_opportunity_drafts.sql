-- Employers delete the drafts they no longer need. Only a posting that was never public may go: a
-- published, closed or expired one stays (it can only be closed), because the city's indicators
-- count what employers offered. A posting rejected by moderation may go as well if it was never
-- public: for a new employer that is a first draft the administration sent back.
--
-- Whether a posting was ever public cannot be read from published_at: sending a closed posting to
-- moderation again clears it, and so does a rejection. The table keeps it instead, in
-- ever_published, which a trigger sets whenever the status becomes 'published' and never clears.
-- Deleting goes through delete_opportunity() like every other lifecycle step, not through a
-- DELETE policy, so the rule lives in one place and a refusal says why.

alter table public.opportunities add column ever_published boolean not null default false;
comment on column public.opportunities.ever_published is
  'The posting has been public at least once (kept by a trigger): it can then never be deleted, only closed.';

-- Postings from before this column. Published, closed and expired ones count as public (a posting
-- closed while in moderation never was, but closed postings are not deletable anyway). A rejected
-- posting may have been published, closed and sent to moderation again: its history is lost, so it
-- is kept like a published one. Without the triggers: this is no change of the postings (their
-- updated_at and the search index stay as they are).
alter table public.opportunities disable trigger opportunities_touch;
alter table public.opportunities disable trigger opportunities_queue_index;
update public.opportunities
   set ever_published = true
 where status in ('published', 'closed', 'expired', 'rejected') or published_at is not null;
alter table public.opportunities enable trigger opportunities_touch;
alter table public.opportunities enable trigger opportunities_queue_index;

create function app_private.remember_publication() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.ever_published := new.status = 'published'
                        or new.ever_published
                        or (tg_op = 'UPDATE' and old.ever_published);
  return new;
end;
$$;
create trigger opportunities_remember_publication before insert or update on public.opportunities
  for each row execute function app_private.remember_publication();

-- The only way to delete a posting: a member of its employer deletes a draft, or a rejected posting
-- that was never public. Returns the title for the confirmation message.
create function public.delete_opportunity(p_id uuid) returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v public.opportunities := app_private.require_opportunity_member(p_id);
begin
  -- The condition again in the DELETE itself: a publication committed meanwhile wins.
  delete from public.opportunities
   where id = p_id
     and (status = 'draft' or (status = 'rejected' and not ever_published));
  if not found then
    raise exception 'удалить можно только черновик; опубликованную публикацию можно снять с публикации'
      using errcode = '22023', hint = 'id';
  end if;
  return v.title;
end;
$$;
revoke all on function public.delete_opportunity(uuid) from public;
grant execute on function public.delete_opportunity(uuid) to authenticated;

drop policy "employers delete their drafts" on public.opportunities;
revoke delete on public.opportunities from authenticated;
