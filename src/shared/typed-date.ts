/**
 * Reading a date a person typed: `1985-03-05`, `3/5/1985` or `5.3.1985` (day and month in the
 * order of their locale), `March 5, 1985`, `5 Mar 85`. Returns `YYYY-MM-DD` or null: never a
 * guess the person cannot see, so the form shows what was understood.
 */

export type DayMonthOrder = 'MD' | 'DM';

export interface TypedDateContext {
  /** Whether `3/5` means March 5 (`MD`, as in en-US) or 3 May (`DM`). */
  readonly order: DayMonthOrder;
  /** `YYYY-MM-DD`: two-digit years are read as the latest year not after this one's (a birth year, say)… */
  readonly today: string;
  /** …or, for dates that must lie ahead, as the next one from this year on. */
  readonly ahead?: boolean;
  /** Month names of the person's language (twelve, January first, then maybe twelve more), besides the English ones. */
  readonly monthNames?: readonly string[];
}

const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The order of day and month in a locale's numeric dates. */
export function dayMonthOrder(locale: string | undefined): DayMonthOrder {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(Date.UTC(2001, 10, 22)));
  const types = parts.map((p) => p.type).filter((t) => t === 'day' || t === 'month');
  return types[0] === 'day' ? 'DM' : 'MD';
}

/** The locale's own month names, lower case: twelve long ones, then twelve short ones. */
export function localMonthNames(locale: string | undefined): string[] {
  return (['long', 'short'] as const).flatMap((width) =>
    Array.from({ length: 12 }, (_, month) =>
      new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2001, month, 15))).toLowerCase().replace(/\.$/, ''),
    ),
  );
}

function monthOfName(word: string, extra: readonly string[]): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = ENGLISH_MONTHS.findIndex((name) => name.startsWith(w));
  if (index >= 0) return index + 1;
  const local = extra.findIndex((name) => name === w || (name.startsWith(w) && w.length >= 3));
  return local >= 0 ? (local % 12) + 1 : null;
}

function fullYear(text: string, { today, ahead }: TypedDateContext): number {
  if (text.length !== 2) return Number(text);
  const thisYear = Number(today.slice(0, 4));
  const century = Math.floor(thisYear / 100) * 100;
  const year = century + Number(text);
  if (ahead) return year < thisYear ? year + 100 : year;
  return year > thisYear ? year - 100 : year;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function iso(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null; // no February 30
}

export function parseTypedDate(text: string, context: TypedDateContext): string | null {
  const tokens = text
    .trim()
    .split(/[\s/.,-]+/)
    .filter(Boolean);
  if (tokens.length !== 3) return null;
  const extra = context.monthNames ?? [];
  const named = tokens.findIndex((t) => /\p{L}/u.test(t));
  if (named >= 0) {
    const month = monthOfName(tokens[named]!, extra);
    const numbers = tokens.filter((_, i) => i !== named);
    if (month === null || !numbers.every((t) => /^\d{1,4}$/.test(t))) return null;
    // `March 5, 1985`, `5 March 1985`, `1985 March 5`.
    const [first, second] = numbers as [string, string];
    const yearFirst = named !== 0 && first.length === 4;
    const [day, year] = yearFirst ? [second, first] : [first, second];
    if (day.length > 2 || (year.length !== 4 && year.length !== 2)) return null;
    return iso(fullYear(year, context), month, Number(day));
  }
  if (!tokens.every((t) => /^\d{1,4}$/.test(t))) return null;
  const [a, b, c] = tokens as [string, string, string];
  if (a.length === 4) return iso(Number(a), Number(b), Number(c)); // 1985-03-05
  if (c.length !== 4 && c.length !== 2) return null;
  const [month, day] = context.order === 'MD' ? [a, b] : [b, a];
  return iso(fullYear(c, context), Number(month), Number(day));
}
