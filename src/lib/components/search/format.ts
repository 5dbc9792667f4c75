const rub = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** «30 000 – 45 000 ₽ в месяц», «от 30 000 ₽», «без оплаты». */
export function formatPay(isPaid: boolean, from: number | null, to: number | null): string {
  if (!isPaid) return 'Без оплаты';
  if (from != null && to != null && from !== to) return `${rub.format(from)} – ${rub.format(to)} ₽ в месяц`;
  if (from != null) return `${to === from ? '' : 'от '}${rub.format(from)} ₽ в месяц`;
  if (to != null) return `до ${rub.format(to)} ₽ в месяц`;
  return 'Оплачивается';
}

/** «1 возможность», «3 возможности», «25 возможностей». */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) return few;
  return many;
}

export const opportunitiesWord = (n: number) => plural(n, 'возможность', 'возможности', 'возможностей');
