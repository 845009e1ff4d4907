import { describe, expect, it } from 'vitest'
import type { HeldReminder } from '../lib/bindings/HeldReminder'
import type { SentReminder } from '../lib/bindings/SentReminder'
import { sentLines, snoozeUntil } from './history'

const SOL = '01900000-0000-7000-8000-000000000001'
const MENU = '01900000-0000-7000-8000-0000000000aa'
const KEY = `promise_overdue/${MENU}/2026-03-04`

function sent(key: string, sent_at: string, extra: Partial<SentReminder> = {}): SentReminder {
  return {
    key,
    kind: 'promise_overdue',
    client_id: SOL,
    entry_id: MENU,
    about: '2026-03-04T23:00:00Z',
    sent_at,
    after_snooze: null,
    in_digest: false,
    title: 'Panadería Sol: promise overdue',
    body: '“New menu online” was due Wed 4 Mar and is 9 hours late.',
    ...extra,
  }
}

function held(key: string, reason: HeldReminder['reason'], until: string): HeldReminder {
  const s = sent(key, '2026-03-05T08:00:00Z')
  return {
    reminder: {
      key,
      kind: s.kind,
      client_id: SOL,
      client: 'Panadería Sol',
      entry_id: MENU,
      summary: 'New menu online',
      about: s.about,
      due_at: s.about,
      repeat: 0,
      after_snooze: null,
      title: s.title,
      body: s.body,
    },
    reason,
    until,
  }
}

describe('the history of sent reminders', () => {
  it('offers a snooze on each reminder’s newest delivery only', () => {
    const lines = sentLines(
      [sent(KEY, '2026-03-05T09:00:00Z', { after_snooze: '2026-03-05T09:00:00Z' }), sent(KEY, '2026-03-05T08:00:00Z'), sent('other', '2026-03-05T07:00:00Z')],
      [],
    )
    expect(lines.map((l) => l.offer.kind)).toEqual(['snooze', 'none', 'snooze'])
  })

  it('shows until when a reminder the core holds as snoozed waits, and nothing to snooze again', () => {
    const lines = sentLines([sent(KEY, '2026-03-05T08:00:00Z')], [held(KEY, 'snoozed', '2026-03-05T09:00:00Z')])
    expect(lines[0].offer).toEqual({ kind: 'snoozed', until: '2026-03-05T09:00:00Z' })
  })

  it('holding by quiet hours is no snooze: the reminder can still be snoozed past them', () => {
    const lines = sentLines([sent(KEY, '2026-03-05T08:00:00Z')], [held(KEY, 'quiet_hours', '2026-03-06T08:00:00Z')])
    expect(lines[0].offer).toEqual({ kind: 'snooze' })
  })

  it('a snooze just made here shows at once, before the next read', () => {
    const lines = sentLines([sent(KEY, '2026-03-05T08:00:00Z')], [], { [KEY]: '2026-03-06T08:00:00Z' })
    expect(lines[0].offer).toEqual({ kind: 'snoozed', until: '2026-03-06T08:00:00Z' })
  })
})

describe('what the forms send', () => {
  it('a chosen end goes as the local time typed, for the core to read in the journal’s zone', () => {
    expect(snoozeUntil('2026-03-05T16:30')).toEqual({ type: 'until', at: '2026-03-05T16:30' })
  })
})
