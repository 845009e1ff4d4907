// Moments in human words, counted from the journal's "now" in its zone: "today",
// "tomorrow 12:00", "Wed", "Wed 4 Mar"; "2 days late"; "moved twice". Written by
// hand from a moment's numbers in the zone, in the app's language: never from
// the webview's own locale data, which words dates differently from one engine
// (and version) to the next.
import { register, t, locale } from './i18n.svelte'

register({
  en: {
    'when.today': 'today',
    'when.tomorrow': 'tomorrow',
    'when.yesterday': 'yesterday',
    'when.weekday': '{day}',
    'when.date': '{date}',
    'when.at': '{day} {time}',
    'when.at_one': '{day} {time}',
    'when.day_month': '{weekday} {day} {month}',
    'when.day_month_year': '{weekday} {day} {month} {year}',
    'when.short': '{day} {month}',
    'when.late.minute.one': '{n} minute late',
    'when.late.minute.other': '{n} minutes late',
    'when.late.hour.one': '{n} hour late',
    'when.late.hour.other': '{n} hours late',
    'when.late.day.one': '{n} day late',
    'when.late.day.other': '{n} days late',
    'when.moved.1': 'moved once',
    'when.moved.2': 'moved twice',
    'when.moved.other': 'moved {n} times',
    'when.first_due': '{moved}, first due {date}',
    'when.wd.0': 'Sun',
    'when.wd.1': 'Mon',
    'when.wd.2': 'Tue',
    'when.wd.3': 'Wed',
    'when.wd.4': 'Thu',
    'when.wd.5': 'Fri',
    'when.wd.6': 'Sat',
    'when.weekday.0': 'Sun',
    'when.weekday.1': 'Mon',
    'when.weekday.2': 'Tue',
    'when.weekday.3': 'Wed',
    'when.weekday.4': 'Thu',
    'when.weekday.5': 'Fri',
    'when.weekday.6': 'Sat',
    'when.month.1': 'Jan',
    'when.month.2': 'Feb',
    'when.month.3': 'Mar',
    'when.month.4': 'Apr',
    'when.month.5': 'May',
    'when.month.6': 'Jun',
    'when.month.7': 'Jul',
    'when.month.8': 'Aug',
    'when.month.9': 'Sep',
    'when.month.10': 'Oct',
    'when.month.11': 'Nov',
    'when.month.12': 'Dec',
  },
  es: {
    'when.today': 'hoy',
    'when.tomorrow': 'mañana',
    'when.yesterday': 'ayer',
    // "vence el jueves", "desde el jueves": a weekday or a date takes the article, "hoy" does not.
    'when.weekday': 'el {day}',
    'when.date': 'el {date}',
    'when.at': '{day} a las {time}',
    'when.at_one': '{day} a la {time}',
    'when.day_month': '{weekday} {day} {month}',
    'when.day_month_year': '{weekday} {day} {month} {year}',
    'when.short': '{day} {month}',
    'when.late.minute.one': '{n} minuto de retraso',
    'when.late.minute.other': '{n} minutos de retraso',
    'when.late.hour.one': '{n} hora de retraso',
    'when.late.hour.other': '{n} horas de retraso',
    'when.late.day.one': '{n} día de retraso',
    'when.late.day.other': '{n} días de retraso',
    'when.moved.1': 'aplazada una vez',
    'when.moved.2': 'aplazada dos veces',
    'when.moved.other': 'aplazada {n} veces',
    'when.first_due': '{moved}; la primera fecha era el {date}',
    'when.wd.0': 'dom',
    'when.wd.1': 'lun',
    'when.wd.2': 'mar',
    'when.wd.3': 'mié',
    'when.wd.4': 'jue',
    'when.wd.5': 'vie',
    'when.wd.6': 'sáb',
    'when.weekday.0': 'domingo',
    'when.weekday.1': 'lunes',
    'when.weekday.2': 'martes',
    'when.weekday.3': 'miércoles',
    'when.weekday.4': 'jueves',
    'when.weekday.5': 'viernes',
    'when.weekday.6': 'sábado',
    'when.month.1': 'ene',
    'when.month.2': 'feb',
    'when.month.3': 'mar',
    'when.month.4': 'abr',
    'when.month.5': 'may',
    'when.month.6': 'jun',
    'when.month.7': 'jul',
    'when.month.8': 'ago',
    'when.month.9': 'sept',
    'when.month.10': 'oct',
    'when.month.11': 'nov',
    'when.month.12': 'dic',
  },
})

/** A calendar day, with its weekday (0 is Sunday), and a time of day when it has one. */
type Day = { year: number; month: number; day: number; weekday: number; time?: { hour: number; minute: number } }

const DAY_MS = 86_400_000

// Only the numbers are taken from Intl, in a fixed locale and the zone asked for;
// kept, since building a formatter costs far more than using one.
const numbers = new Map<string, Intl.DateTimeFormat>()
function numbersIn(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let f = numbers.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
    numbers.set(key, f)
  }
  return f
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay()
}

/** A moment's day and time in `timeZone`. */
function dayOf(iso: string, timeZone?: string): Day {
  const parts: Record<string, number> = {}
  for (const p of numbersIn(timeZone).formatToParts(new Date(iso))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const { year, month, day } = parts
  // Some engines write midnight as 24 even in a 23-hour cycle.
  return { year, month, day, weekday: weekdayOf(year, month, day), time: { hour: parts.hour % 24, minute: parts.minute } }
}

/** A stored due: a day alone (`2026-03-04`) has no time; a moment is read in the zone. */
function dayOfDue(due: string, timeZone?: string): Day {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due)
  if (!date) return dayOf(due, timeZone)
  const [year, month, day] = date.slice(1).map(Number)
  return { year, month, day, weekday: weekdayOf(year, month, day) }
}

/** Calendar days from `from` to `to`. */
function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS)
}

const pad = (n: number) => String(n).padStart(2, '0')

function withTime(day: string, d: Day): string {
  if (!d.time) return day
  return t(d.time.hour === 1 ? 'when.at_one' : 'when.at', { day, time: `${pad(d.time.hour)}:${pad(d.time.minute)}` })
}

/** "Wed 4 Mar" ("mié 4 mar"), with the year when it is not `thisYear`. */
function dayMonth(d: Day, thisYear?: number): string {
  const words = { weekday: t(`when.wd.${d.weekday}`), day: d.day, month: t(`when.month.${d.month}`), year: d.year }
  return t(d.year === thisYear || thisYear === undefined ? 'when.day_month' : 'when.day_month_year', words)
}

/** A day as a person says it from `now`: today, tomorrow, yesterday, the weekday within a week, else the date. */
function spoken(d: Day, now: Day): string {
  const diff = daysBetween(now, d)
  if (diff === 0) return t('when.today')
  if (diff === 1) return t('when.tomorrow')
  if (diff === -1) return t('when.yesterday')
  if (Math.abs(diff) < 7) return t('when.weekday', { day: t(`when.weekday.${d.weekday}`) })
  return t('when.date', { date: dayMonth(d, now.year) })
}

/**
 * A moment in words from the journal's `now`: "tomorrow 12:00", "Wed 12:00",
 * "Wed 4 Mar 12:00" (Spanish "mañana a las 12:00", "el miércoles a las 12:00").
 * Local midnight is said as the day alone.
 */
export function moment(iso: string, now: string, timeZone?: string): string {
  const d = dayOf(iso, timeZone)
  if (d.time && d.time.hour === 0 && d.time.minute === 0) delete d.time
  return withTime(spoken(d, dayOf(now, timeZone)), d)
}

/** A stored due date in words from `now`: "today", "tomorrow 12:00", "Wed", "Wed 18 Mar". */
export function due(value: string, now: string, timeZone?: string): string {
  const d = dayOfDue(value, timeZone)
  return withTime(spoken(d, dayOf(now, timeZone)), d)
}

/**
 * A stored due date or a moment as a date, whatever `now` is: "Mon 9 Mar",
 * "Mon 9 Mar 12:00" ("lun 9 mar"); the year only when it is not `now`'s.
 */
export function date(value: string, now: string | undefined, timeZone?: string): string {
  const d = dayOfDue(value, timeZone)
  const words = dayMonth(d, now === undefined ? undefined : dayOf(now, timeZone).year)
  return d.time ? `${words} ${pad(d.time.hour)}:${pad(d.time.minute)}` : words
}

/** A day as its number and month, for a chart's axis: "2 Mar" ("2 mar"). */
export function short(day: string): string {
  const d = dayOfDue(day)
  return t('when.short', { day: d.day, month: t(`when.month.${d.month}`) })
}

/** "9 hours late", "2 days late" ("2 días de retraso"): the largest whole unit, at least one minute. */
export function late(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000))
  const [unit, n] = minutes < 60 ? ['minute', minutes] : minutes < 24 * 60 ? ['hour', Math.floor(minutes / 60)] : ['day', Math.floor(minutes / (24 * 60))]
  return t(`when.late.${unit}.${plural(n)}`, { n })
}

/** "moved twice, first due Wed 4 Mar"; nothing for a promise never moved. */
export function moves(moved: number, first: string, now: string | undefined, timeZone?: string): string | null {
  if (moved <= 0) return null
  const times = moved <= 2 ? t(`when.moved.${moved}`) : t('when.moved.other', { n: moved })
  return t('when.first_due', { moved: times, date: date(first, now, timeZone) })
}

/** Which of a message's plural forms a count takes in the app's language. */
function plural(n: number): 'one' | 'other' {
  return new Intl.PluralRules(locale.lang === 'es' ? 'es-ES' : 'en-GB').select(n) === 'one' ? 'one' : 'other'
}
