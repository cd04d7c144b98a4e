const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the workspace's money (yuan) as people write it: ¥299.00 in either language. Intl's
 * English form, "CN¥299.00", is for telling currencies apart, which no screen here needs to do.
 */
export function formatMoney(amount: number, lang: string): string {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' })));
  return f.format(amount);
}
