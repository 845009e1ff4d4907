import { afterEach, describe, expect, it } from 'vitest'
import { locale } from './i18n.svelte'
import * as when from './moments'

// Monday 9 March 2026, 09:00 in Madrid: the public example's last morning.
const NOW = '2026-03-09T08:00:00Z'
const MADRID = 'Europe/Madrid'

const HOUR = 3_600_000
const DAY = 24 * HOUR

function inSpanish<T>(f: () => T): T {
  locale.lang = 'es'
  return f()
}

afterEach(() => {
  locale.lang = 'en'
})

describe('a due date in words, from the journal’s now', () => {
  it('says today and tomorrow, with the time when it has one', () => {
    expect(when.due('2026-03-09', NOW, MADRID)).toBe('today')
    expect(when.due('2026-03-10T11:00:00Z', NOW, MADRID)).toBe('tomorrow 12:00')
    expect(inSpanish(() => when.due('2026-03-09', NOW, MADRID))).toBe('hoy')
    expect(inSpanish(() => when.due('2026-03-10T11:00:00Z', NOW, MADRID))).toBe('mañana a las 12:00')
  })

  it('names the weekday within a week, the date beyond', () => {
    expect(when.due('2026-03-11', NOW, MADRID)).toBe('Wed')
    expect(when.due('2026-03-04', NOW, MADRID)).toBe('Wed')
    expect(when.due('2026-03-18', NOW, MADRID)).toBe('Wed 18 Mar')
    expect(when.due('2027-01-05', NOW, MADRID)).toBe('Tue 5 Jan 2027')
    expect(inSpanish(() => when.due('2026-03-11', NOW, MADRID))).toBe('el miércoles')
    expect(inSpanish(() => when.due('2026-03-18', NOW, MADRID))).toBe('el mié 18 mar')
  })

  it('counts days in the journal’s zone, not the machine’s', () => {
    // 05:00 on Tuesday in Mexico City; it is still 02:00 on Monday there.
    expect(when.due('2026-03-10T11:00:00Z', NOW, 'America/Mexico_City')).toBe('tomorrow 05:00')
    // 23:30 UTC on Monday is already Tuesday 00:30 in Madrid.
    expect(when.due('2026-03-09T23:30:00Z', NOW, MADRID)).toBe('tomorrow 00:30')
    // Across the spring change: Monday 30 March 00:30 in Madrid is 22:30 UTC on Sunday.
    expect(when.due('2026-03-29T22:30:00Z', '2026-03-28T12:00:00Z', MADRID)).toBe('Mon 00:30')
  })
})

describe('a moment in words', () => {
  it('says yesterday, a weekday with its time, and a midnight as the day alone', () => {
    expect(when.moment('2026-03-08T10:00:00Z', NOW, MADRID)).toBe('yesterday 11:00')
    expect(when.moment('2026-03-06T15:00:00Z', NOW, MADRID)).toBe('Fri 16:00')
    expect(when.moment('2026-03-04T23:00:00Z', NOW, MADRID)).toBe('Thu')
    expect(inSpanish(() => when.moment('2026-03-06T15:00:00Z', NOW, MADRID))).toBe('el viernes a las 16:00')
    expect(inSpanish(() => when.moment('2026-03-09T00:30:00Z', NOW, MADRID))).toBe('hoy a la 01:30')
  })
})

describe('a date, whatever now is', () => {
  it('writes the weekday, day and month, the year only when it is another', () => {
    expect(when.date('2026-03-09', NOW, MADRID)).toBe('Mon 9 Mar')
    expect(when.date('2026-03-03T09:00:00Z', NOW, MADRID)).toBe('Tue 3 Mar 10:00')
    expect(when.date('2025-12-31', NOW, MADRID)).toBe('Wed 31 Dec 2025')
    expect(inSpanish(() => when.date('2026-03-04', NOW, MADRID))).toBe('mié 4 mar')
  })
})

describe('how late', () => {
  it('takes the largest whole unit, in the plural the language asks for', () => {
    expect(when.late(9 * HOUR)).toBe('9 hours late')
    expect(when.late(1 * HOUR + 59 * 60_000)).toBe('1 hour late')
    expect(when.late(DAY)).toBe('1 day late')
    expect(when.late(2 * DAY + 5 * HOUR)).toBe('2 days late')
    expect(when.late(30_000)).toBe('1 minute late')
    expect(when.late(25 * 60_000)).toBe('25 minutes late')
    expect(inSpanish(() => when.late(DAY))).toBe('1 día de retraso')
    expect(inSpanish(() => when.late(5 * DAY))).toBe('5 días de retraso')
    expect(inSpanish(() => when.late(9 * HOUR))).toBe('9 horas de retraso')
  })
})

describe('a promise that moved', () => {
  it('says how often and where it started', () => {
    expect(when.moves(0, '2026-03-04', NOW, MADRID)).toBeNull()
    expect(when.moves(1, '2026-03-04', NOW, MADRID)).toBe('moved once, first due Wed 4 Mar')
    expect(when.moves(2, '2026-03-04', NOW, MADRID)).toBe('moved twice, first due Wed 4 Mar')
    expect(when.moves(3, '2026-03-04', NOW, MADRID)).toBe('moved 3 times, first due Wed 4 Mar')
    expect(inSpanish(() => when.moves(2, '2026-03-04', NOW, MADRID))).toBe('aplazada dos veces; la primera fecha era el mié 4 mar')
  })
})
