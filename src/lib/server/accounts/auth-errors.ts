import { APIError } from 'better-auth/api';

/** better-auth error codes → a Russian message and the form field it belongs to. */
const MESSAGES: Record<string, { field: string; message: string }> = {
  USER_ALREADY_EXISTS: {
    field: 'email',
    message: 'Этот адрес уже зарегистрирован. Войдите или восстановите пароль.',
  },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: {
    field: 'email',
    message: 'Этот адрес уже зарегистрирован. Войдите или восстановите пароль.',
  },
  INVALID_EMAIL_OR_PASSWORD: { field: 'form', message: 'Неверный адрес электронной почты или пароль' },
  INVALID_PASSWORD: { field: 'currentPassword', message: 'Пароль введён неверно' },
  SESSION_EXPIRED: { field: 'form', message: 'Для этого действия войдите заново' },
  EMAIL_NOT_VERIFIED: {
    field: 'form',
    message: 'Адрес ещё не подтверждён. Мы отправили письмо со ссылкой ещё раз — проверьте почту.',
  },
  PASSWORD_TOO_SHORT: { field: 'password', message: 'Пароль должен быть не короче 10 символов' },
  PASSWORD_TOO_LONG: { field: 'password', message: 'Пароль должен быть не длиннее 128 символов' },
  PASSWORD_TOO_COMMON: { field: 'password', message: 'Пароль слишком распространён: выберите другой' },
  INVALID_TOKEN: { field: 'token', message: 'Ссылка недействительна или устарела. Запросите новую.' },
  INVALID_EMAIL: { field: 'email', message: 'Адрес электронной почты указан неверно' },
  EMAIL_IS_THE_SAME: { field: 'email', message: 'Это ваш текущий адрес' },
};

export interface AuthFailure {
  field: string;
  message: string;
  status: number;
}

/** Turns a better-auth failure into a field message; unknown errors are rethrown. */
export function describeAuthError(err: unknown): AuthFailure {
  if (err instanceof APIError) {
    const code = (err.body as { code?: string } | undefined)?.code ?? '';
    const known = MESSAGES[code];
    const status = typeof err.statusCode === 'number' ? err.statusCode : 400;
    if (status === 429) return { field: 'form', message: 'Слишком много попыток. Попробуйте позже.', status };
    if (known) return { ...known, status: status >= 500 ? 400 : status };
  }
  throw err;
}
