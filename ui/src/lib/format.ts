// Dates, times and numbers as the reader's locale writes them, in the
// journal's time zone. Pure functions: the language and zone are arguments.
import type { Language } from './bindings/Language'

const tag = (lang: Language) => (lang === 'es' ? 'es-ES' : 'en-GB')

// Building an Intl formatter costs far more than using one (ICU loads its
// locale and zone data), and a screen formats dozens of values: keep each one.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>()
function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key)
  if (!f) {
    f = make()
    formatters.set(key, f)
  }
  return f as F
}
const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options))

export function date(iso: string, lang: Language, timeZone?: string): string {
  return dateTimeFormat(tag(lang), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso))
}

export function dateTime(iso: string, lang: Language, timeZone?: string): string {
  return dateTimeFormat(tag(lang), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso))
}

/** A due date as stored: a day alone (`2026-03-04`) is shown without a time. */
export function due(value: string, lang: Language, timeZone?: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return dateTimeFormat(tag(lang), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    )
  }
  return dateTime(value, lang, timeZone)
}

/** "3 days ago", "in 2 hours", "hace 3 días": the largest unit that fits. */
export function relative(iso: string, nowIso: string, lang: Language): string {
  const seconds = (new Date(iso).getTime() - new Date(nowIso).getTime()) / 1000
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ]
  const rtf = cached(`r|${lang}`, () => new Intl.RelativeTimeFormat(tag(lang), { numeric: 'auto' }))
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit)
  }
  return rtf.format(0, 'minute')
}

export function number(n: number, lang: Language, digits = 0): string {
  return cached(`n|${lang}|${digits}`, () => new Intl.NumberFormat(tag(lang), { maximumFractionDigits: digits })).format(n)
}
