// Moments in human words, counted from the journal's "now" in its zone: "today",
// "tomorrow 12:00", "Wed", "Wed 4 Mar"; "2 days late"; "moved twice". Written by
// hand from a moment's numbers in the zone, in the app's language: never from
// the webview's own locale data, which words dates differently from one engine
// (and version) to the next.
import { register, t, locale } from './i18n.svelte'

register({
  en: {
    'moment.today': 'today',
    'moment.tomorrow': 'tomorrow',
    'moment.yesterday': 'yesterday',
    'moment.weekday': '{day}',
    'moment.date': '{date}',
    'moment.at': '{day} {time}',
    'moment.at_one': '{day} {time}',
    'moment.day_month': '{weekday} {day} {month}',
    'moment.day_month_year': '{weekday} {day} {month} {year}',
    'moment.short': '{day} {month}',
    'moment.late.minute.one': '{n} minute late',
    'moment.late.minute.other': '{n} minutes late',
    'moment.late.hour.one': '{n} hour late',
    'moment.late.hour.other': '{n} hours late',
    'moment.late.day.one': '{n} day late',
    'moment.late.day.other': '{n} days late',
    'moment.moved.1': 'moved once',
    'moment.moved.2': 'moved twice',
    'moment.moved.other': 'moved {n} times',
    'moment.first_due': '{moved}, first due {date}',
    'moment.wd.0': 'Sun',
    'moment.wd.1': 'Mon',
    'moment.wd.2': 'Tue',
    'moment.wd.3': 'Wed',
    'moment.wd.4': 'Thu',
    'moment.wd.5': 'Fri',
    'moment.wd.6': 'Sat',
    'moment.weekday.0': 'Sun',
    'moment.weekday.1': 'Mon',
    'moment.weekday.2': 'Tue',
    'moment.weekday.3': 'Wed',
    'moment.weekday.4': 'Thu',
    'moment.weekday.5': 'Fri',
    'moment.weekday.6': 'Sat',
    'moment.month.1': 'Jan',
    'moment.month.2': 'Feb',
    'moment.month.3': 'Mar',
    'moment.month.4': 'Apr',
    'moment.month.5': 'May',
    'moment.month.6': 'Jun',
    'moment.month.7': 'Jul',
    'moment.month.8': 'Aug',
    'moment.month.9': 'Sep',
    'moment.month.10': 'Oct',
    'moment.month.11': 'Nov',
    'moment.month.12': 'Dec',
  },
  es: {
    'moment.today': 'hoy',
    'moment.tomorrow': 'mañana',
    'moment.yesterday': 'ayer',
    // "vence el jueves", "desde el jueves": a weekday or a date takes the article, "hoy" does not.
    'moment.weekday': 'el {day}',
    'moment.date': 'el {date}',
    'moment.at': '{day} a las {time}',
    'moment.at_one': '{day} a la {time}',
    'moment.day_month': '{weekday} {day} {month}',
    'moment.day_month_year': '{weekday} {day} {month} {year}',
    'moment.short': '{day} {month}',
    'moment.late.minute.one': '{n} minuto de retraso',
    'moment.late.minute.other': '{n} minutos de retraso',
    'moment.late.hour.one': '{n} hora de retraso',
    'moment.late.hour.other': '{n} horas de retraso',
    'moment.late.day.one': '{n} día de retraso',
    'moment.late.day.other': '{n} días de retraso',
    'moment.moved.1': 'aplazada una vez',
    'moment.moved.2': 'aplazada dos veces',
    'moment.moved.other': 'aplazada {n} veces',
    'moment.first_due': '{moved}; la primera fecha era el {date}',
    'moment.wd.0': 'dom',
    'moment.wd.1': 'lun',
    'moment.wd.2': 'mar',
    'moment.wd.3': 'mié',
    'moment.wd.4': 'jue',
    'moment.wd.5': 'vie',
    'moment.wd.6': 'sáb',
    'moment.weekday.0': 'domingo',
    'moment.weekday.1': 'lunes',
    'moment.weekday.2': 'martes',
    'moment.weekday.3': 'miércoles',
    'moment.weekday.4': 'jueves',
    'moment.weekday.5': 'viernes',
    'moment.weekday.6': 'sábado',
    'moment.month.1': 'ene',
    'moment.month.2': 'feb',
    'moment.month.3': 'mar',
    'moment.month.4': 'abr',
    'moment.month.5': 'may',
    'moment.month.6': 'jun',
    'moment.month.7': 'jul',
    'moment.month.8': 'ago',
    'moment.month.9': 'sept',
    'moment.month.10': 'oct',
    'moment.month.11': 'nov',
    'moment.month.12': 'dic',
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
  return t(d.time.hour === 1 ? 'moment.at_one' : 'moment.at', { day, time: `${pad(d.time.hour)}:${pad(d.time.minute)}` })
}

/** "Wed 4 Mar" ("mié 4 mar"), with the year when it is not `thisYear`. */
function dayMonth(d: Day, thisYear?: number): string {
  const words = { weekday: t(`moment.wd.${d.weekday}`), day: d.day, month: t(`moment.month.${d.month}`), year: d.year }
  return t(d.year === thisYear || thisYear === undefined ? 'moment.day_month' : 'moment.day_month_year', words)
}

/** A day as a person says it from `now`: today, tomorrow, yesterday, the weekday within a week, else the date. */
function spoken(d: Day, now: Day): string {
  const diff = daysBetween(now, d)
  if (diff === 0) return t('moment.today')
  if (diff === 1) return t('moment.tomorrow')
  if (diff === -1) return t('moment.yesterday')
  if (Math.abs(diff) < 7) return t('moment.weekday', { day: t(`moment.weekday.${d.weekday}`) })
  return t('moment.date', { date: dayMonth(d, now.year) })
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
  return t('moment.short', { day: d.day, month: t(`moment.month.${d.month}`) })
}

/** "9 hours late", "2 days late" ("2 días de retraso"): the largest whole unit, at least one minute. */
export function late(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000))
  const [unit, n] = minutes < 60 ? ['minute', minutes] : minutes < 24 * 60 ? ['hour', Math.floor(minutes / 60)] : ['day', Math.floor(minutes / (24 * 60))]
  return t(`moment.late.${unit}.${plural(n)}`, { n })
}

/** "moved twice, first due Wed 4 Mar"; nothing for a promise never moved. */
export function moves(moved: number, first: string, now: string | undefined, timeZone?: string): string | null {
  if (moved <= 0) return null
  const times = moved <= 2 ? t(`moment.moved.${moved}`) : t('moment.moved.other', { n: moved })
  return t('moment.first_due', { moved: times, date: date(first, now, timeZone) })
}

/** Which of a message's plural forms a count takes in the app's language. */
function plural(n: number): 'one' | 'other' {
  return new Intl.PluralRules(locale.lang === 'es' ? 'es-ES' : 'en-GB').select(n) === 'one' ? 'one' : 'other'
}
