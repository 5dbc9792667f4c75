/**
 * Passwords of at least 10 characters that top the public leaked-password lists (the shorter ones
 * are refused by length anyway), including Russian keyboard patterns. Compared case-insensitively.
 */
const COMMON = new Set(
  [
    '1234567890', '0987654321', '1111111111', '0000000000', '1234554321', '1122334455', '1357924680',
    '12345678910', '123456789a', 'a123456789', '123456789q', 'q123456789', '1234567890q', '123123123123',
    'qwertyuiop', 'qwertyuiop[]', 'asdfghjkl;', 'zxcvbnm,./', 'qwerty1234', 'qwerty12345', 'qwerty123456',
    '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1qaz2wsx3edc', 'zaq12wsxcde3', 'zaq1xsw2cde3',
    '1qazxsw23edc', 'qazwsxedcrfv', 'qweasdzxc123', 'asdfghjkl1', 'password12', 'password123', 'password1234',
    'passw0rd123', 'p@ssw0rd123', 'iloveyou12', 'iloveyou123', 'letmein123', 'welcome123', 'welcome1234',
    'admin12345', 'administrator', 'abcdefghij', 'abcd123456', 'abc1234567', 'football123', 'baseball123',
    'superman123', 'trustno1234', 'sunshine123', 'princess123', 'starwars123', 'dragon1234', 'monkey1234',
    'michael123', 'computer12', 'internet12', 'qwertyqwerty', 'aaaaaaaaaa', 'zzzzzzzzzz', 'qqqqqqqqqq',
    'йцукенгшщз', 'йцукенгшщзхъ', 'фывапролдж', 'ячсмитьбю', 'пароль1234', 'пароль12345', 'пароль123456',
    'parol12345', 'parol123456', 'ktulhu12345', 'marina12345', 'natasha123', 'svetlana12', 'kemerovo2023',
    'kemerovo2024', 'kemerovo2025', 'kemerovo123', 'kuzbass123', 'kuzbass2024', 'student123', 'student2024',
  ].map((p) => p.toLowerCase()),
);

/** True when a password is on the common list or is one repeated character or an obvious run. */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (COMMON.has(p)) return true;
  if (/^(.)\1+$/.test(p)) return true;
  if (/^(.{1,3})\1+$/.test(p)) return true; // 'abcabcabca', '12121212121'
  const runs = ['01234567890', '09876543210', 'abcdefghijklmnopqrstuvwxyz', 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'];
  return runs.some((run) => run.includes(p));
}
