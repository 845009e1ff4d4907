import { describe, expect, it } from 'vitest'
import * as format from './format'

describe('dates for the reader', () => {
  it('show a date-only due as that calendar day, whatever the zone', () => {
    expect(format.due('2026-03-04', 'en', 'America/Los_Angeles')).toBe('Wed, 4 Mar 2026')
    expect(format.due('2026-03-04', 'es', 'Pacific/Kiritimati')).toBe('mié, 4 mar 2026')
  })

  it('show a moment in the journal zone, not the machine one', () => {
    expect(format.dateTime('2026-03-05T08:00:00Z', 'en', 'Europe/Madrid')).toMatch(/^Thu,? 5 Mar, 09:00$/)
    expect(format.dateTime('2026-03-05T08:00:00Z', 'en', 'America/Mexico_City')).toMatch(/^Thu,? 5 Mar, 02:00$/)
  })

  it('say how long ago in words of the language', () => {
    expect(format.relative('2026-03-05T00:00:00Z', '2026-03-05T09:00:00Z', 'en')).toBe('9 hours ago')
    expect(format.relative('2026-03-02T09:00:00Z', '2026-03-05T09:00:00Z', 'es')).toBe('hace 3 días')
    expect(format.relative('2026-03-06T09:00:00Z', '2026-03-05T09:00:00Z', 'en')).toBe('tomorrow')
  })

  it('write numbers as the locale does', () => {
    expect(format.number(1234.5, 'es', 1)).toBe('1234,5')
    expect(format.number(1234.5, 'en', 1)).toBe('1,234.5')
  })
})
