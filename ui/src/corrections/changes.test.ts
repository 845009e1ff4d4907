import { beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import * as format from '../lib/format'
import { locale } from '../lib/i18n.svelte'
import { actionText, differenceText } from './changes'

/** As the screens write a moment (the comma after the weekday depends on the ICU at hand). */
const when = (iso: string) => format.dateTime(iso, locale.lang, locale.timeZone)

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
})

describe('the history in plain words', () => {
  it('tells a corrected typo with both versions', () => {
    const typo = { what: 'field', field: 'summary', before: 'Udpate the menu', after: 'Update the menu' } as const
    expect(differenceText(typo)).toBe('Summary: “Udpate the menu” → “Update the menu”')
    locale.lang = 'es'
    expect(differenceText(typo)).toBe('Resumen: «Udpate the menu» → «Update the menu»')
  })

  it('tells an undone Kept by its moment, in both languages', () => {
    const undone = { what: 'event', before: { kind: 'promise', type: 'kept', at: '2026-03-09T09:00:00Z' }, after: null } as const
    expect(actionText('undone')).toBe('Undone')
    expect(when('2026-03-09T09:00:00Z')).toMatch(/^Mon,? 9 Mar, 10:00$/)
    expect(differenceText(undone)).toBe(`The “Kept” of ${when('2026-03-09T09:00:00Z')} was taken back`)
    locale.lang = 'es'
    expect(actionText('undone')).toBe('Acción deshecha')
    expect(when('2026-03-09T09:00:00Z')).toMatch(/^lun,? 9 mar,? 10:00$/)
    expect(differenceText(undone)).toBe(`Se retiró «Cumplida» del ${when('2026-03-09T09:00:00Z')}`)
  })

  it('names choices, moments and requests as the screens do', () => {
    expect(differenceText({ what: 'field', field: 'channel', before: 'email', after: 'call' })).toBe('Channel: Email → Call')
    expect(differenceText({ what: 'field', field: 'due', before: '2026-03-04', after: '2026-03-05' })).toBe('Due date: Wed, 4 Mar 2026 → Thu, 5 Mar 2026')
    expect(differenceText({ what: 'field', field: 'for_request', before: 'r1', after: null }, (id) => (id === 'r1' ? 'Menu update' : null))).toBe(
      'Answers the request: “Menu update” → no request',
    )
    expect(differenceText({ what: 'field', field: 'organisation', before: 'Sol SL', after: null })).toBe('Organisation emptied (was “Sol SL”)')
    expect(differenceText({ what: 'event', before: null, after: { kind: 'request', type: 'follow_up', at: '2026-03-05T10:00:00Z', channel: 'call' } })).toBe(
      `Recorded: The client asked again (Call), ${when('2026-03-05T10:00:00Z')}`,
    )
  })

  it('shows an action it does not know as the history wrote it', () => {
    expect(actionText('merged by an import')).toBe('merged by an import')
  })
})
