import { unsubscribeSavedSearch } from '$lib/server/saved-searches/unsubscribe';
import { text } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * RFC 8058 one-click unsubscribe. Alert letters carry `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`, so mail apps show their own «Отписаться» and their servers POST
 * `List-Unsubscribe=One-Click` to the letter's link: no cookies, no JavaScript, no Origin of ours
 * (src/lib/server/csrf.ts lets this one path through). SvelteKit hands a POST that asks for HTML
 * (the page's plain form) or comes from use:enhance to the page's action instead; this handler
 * gets the machines' requests and answers in plain text, with a status they can act on.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  if (!(await isOneClick(request))) {
    return text(
      'Ожидался запрос отписки в один клик (List-Unsubscribe=One-Click). Чтобы отписаться, откройте ссылку в браузере.',
      { status: 400 },
    );
  }
  const name = await unsubscribeSavedSearch(locals.supabase, params.token);
  if (name === null) {
    // Unknown: already unsubscribed (a repeated request) or a mistyped link. Nothing is sent by it either way.
    return text('Эта рассылка уже отключена или ссылка устарела — писем по ней не будет.', { status: 404 });
  }
  return text(`Готово: письма по поиску «${name}» больше не придут. Сам поиск удалён.`);
};

/** The body RFC 8058 prescribes, sent as application/x-www-form-urlencoded or multipart/form-data. */
async function isOneClick(request: Request): Promise<boolean> {
  try {
    return (await request.formData()).get('List-Unsubscribe') === 'One-Click';
  } catch {
    return false; // no body, or not a form
  }
}

/**
 * A GET that does not ask for HTML (link checkers, curl): what the page says, in plain text, and
 * never an unsubscription — scanners that follow links must not unsubscribe anyone.
 */
export const GET: RequestHandler = () =>
  text(
    'Чтобы отключить письма по сохранённому поиску, откройте эту ссылку в браузере и нажмите «Отписаться».',
    { headers: { 'cache-control': 'no-store' } },
  );
