import { error, json, text, type Handle } from '@sveltejs/kit';

/**
 * Input no person types, refused or cleaned before any route sees it, so that it can never become a
 * 500 (found by sending such input to every action of the application flow):
 * - a NUL byte (`%00`) in the address: Postgres refuses it in text and jsonb (22P05), and no link of
 *   ours has one. 400, with a Russian message.
 * - NUL characters in a form's text fields: removed (they are invisible, and Postgres would refuse the
 *   whole text). Files are untouched.
 * - a body that says it is a form but cannot be read as one (a broken multipart body): 400, with a
 *   Russian message, where `request.formData()` threw a TypeError and the action answered 500.
 */

export const NUL_IN_ADDRESS_MESSAGE = 'В адресе есть недопустимый символ (нулевой байт). Проверьте ссылку.';
export const UNREADABLE_FORM_MESSAGE =
  'Форму не удалось прочитать: она пришла повреждённой. Откройте страницу заново и отправьте форму ещё раз.';

export function addressHasNul(url: URL): boolean {
  return /%00/i.test(url.pathname) || /%00/i.test(url.search) || url.pathname.includes('\u0000');
}

/** The form with NUL characters taken out of its text values; files as they came. */
export function withoutNul(form: FormData): FormData {
  let dirty = false;
  for (const [, value] of form) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return form;
  const clean = new FormData();
  for (const [key, value] of form)
    clean.append(key, typeof value === 'string' ? value.replaceAll('\u0000', '') : value);
  return clean;
}

export const handleMalformedInput: Handle = ({ event, resolve }) => {
  const { request, url } = event;
  if (addressHasNul(url)) {
    return request.headers.get('accept') === 'application/json'
      ? json({ message: NUL_IN_ADDRESS_MESSAGE }, { status: 400 })
      : text(NUL_IN_ADDRESS_MESSAGE, {
          status: 400,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const read = request.formData.bind(request);
    request.formData = async () => {
      let form: FormData;
      try {
        form = await read();
      } catch (err) {
        // undici's TypeErrors for what the client sent: «Failed to parse body as FormData.», a
        // Content-Type that is no form; a body read twice («Body is unusable») is our own defect
        if (err instanceof TypeError && !/unusable/i.test(err.message)) error(400, UNREADABLE_FORM_MESSAGE);
        throw err;
      }
      return withoutNul(form);
    };
  }
  return resolve(event);
};
