import { pluralWord } from '$lib/i18n/plural';

const rub = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** «30 000 – 45 000 ₽ в месяц», «от 30 000 ₽», «без оплаты». */
export function formatPay(isPaid: boolean, from: number | null, to: number | null): string {
  if (!isPaid) return 'Без оплаты';
  if (from != null && to != null && from !== to) return `${rub.format(from)} – ${rub.format(to)} ₽ в месяц`;
  if (from != null) return `${to === from ? '' : 'от '}${rub.format(from)} ₽ в месяц`;
  if (to != null) return `до ${rub.format(to)} ₽ в месяц`;
  return 'Оплачивается';
}

/** «возможность», «возможности», «возможностей» for 1, 3, 25. */
export const opportunitiesWord = (n: number) =>
  pluralWord(n, { one: 'возможность', few: 'возможности', many: 'возможностей' });
