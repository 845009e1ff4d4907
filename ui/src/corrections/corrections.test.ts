import { describe, expect, it, beforeEach } from 'vitest'
import '../lib/messages'
import type { TimelineEntry as Entry } from '../lib/bindings/TimelineEntry'
import type { Event as EntryEvent } from '../lib/bindings/Event'
import { locale } from '../lib/i18n.svelte'
import { NO_EDIT, draftOf, entryEdit, eventDraftOf, eventEdit, eventsOf, isEmptyEdit, localMoment, validateEvent } from './corrections'

const SOL = '01900000-0000-7000-8000-000000000001'

function entry(details: Entry['details'], summary = 'New mneu online'): Entry {
  // Made "now" in the app: to the millisecond, not to the minute a form shows.
  return { id: 'p1', client_id: SOL, occurred_at: '2026-03-02T11:00:17.345Z', recorded_at: '2026-03-02T11:00:17.345Z', channel: 'email', summary, status: 'open', details, due: null, answer_by: null }
}

const promise = entry({ kind: 'promise', due: '2026-03-04', for_request: 'r1', events: [{ type: 'kept', at: '2026-03-09T09:00:00Z' }] })

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
})

describe('editing an entry', () => {
  it('starts from the entry as it is, its moments in the journal’s zone', () => {
    const d = draftOf(promise, 'Europe/Madrid')
    expect([d.summary, d.channel, d.at, d.due, d.forRequest]).toEqual(['New mneu online', 'email', '2026-03-02T12:00', '2026-03-04', 'r1'])
  })

  it('sends a fixed typo alone: the untouched moment is not sent back a minute coarser', () => {
    const before = draftOf(promise, 'Europe/Madrid')
    const edit = entryEdit(before, { ...before, summary: 'New menu online ' })
    expect(edit).toEqual({ ...NO_EDIT, summary: 'New menu online' })
    expect(isEmptyEdit(entryEdit(before, { ...before }))).toBe(true)
  })

  it('sends the kind’s own fields that changed, and a link taken away as none', () => {
    const before = draftOf(promise, 'Europe/Madrid')
    const edit = entryEdit(before, { ...before, due: '2026-03-05 17:00', forRequest: '' })
    expect(edit).toEqual({ ...NO_EDIT, due: '2026-03-05 17:00', for_request: { to: null } })

    const feedback = entry({ kind: 'feedback', score: { rating: 2 }, stage: 'end', cause: 'rapport', comment: 'Slow', follow_ups: [] }, 'Rated 2/5')
    const f = draftOf(feedback)
    expect(entryEdit(f, { ...f, score: 3, cause: '', comment: '  ' })).toEqual({ ...NO_EDIT, score: { rating: 3 }, cause: { to: null }, comment: { to: null } })
  })
})

describe('correcting an event', () => {
  it('lists every kind’s events in the order the core numbers them', () => {
    expect(eventsOf(promise)).toEqual([{ kind: 'promise', type: 'kept', at: '2026-03-09T09:00:00Z' }])
    const incident = entry({ kind: 'incident', noticed_by: 'client', severity: 'major', steps: [{ step: 'acknowledged', at: '2026-03-02T12:00:00Z' }] })
    expect(eventsOf(incident)).toEqual([{ kind: 'incident', step: 'acknowledged', at: '2026-03-02T12:00:00Z' }])
  })

  it('sends a reschedule’s new date and reason, and nothing of what stayed', () => {
    const ev: EntryEvent = { kind: 'promise', type: 'rescheduled', at: '2026-03-05T11:00:00Z', due: '2026-03-06', reason: 'waiting for photos' }
    const before = eventDraftOf(ev, 'Europe/Madrid')
    expect(before).toEqual({ at: '2026-03-05T12:00', note: 'waiting for photos', due: '2026-03-06', channel: 'other' })
    expect(eventEdit(ev, before, { ...before, due: '2026-03-07' })).toEqual({ at: null, note: null, due: '2026-03-07', channel: null })
    expect(validateEvent(ev, { ...before, note: ' ' })).toEqual({ note: 'action.error.reason_required' })
  })

  it('does not send words for an event that has none', () => {
    const ev: EntryEvent = { kind: 'promise', type: 'kept', at: '2026-03-09T09:00:00Z' }
    const before = eventDraftOf(ev, 'Europe/Madrid')
    expect(eventEdit(ev, before, { ...before, at: '2026-03-09T09:30', note: 'x' })).toEqual({ at: '2026-03-09T09:30', note: null, due: null, channel: null })
  })
})

it('writes a moment as a datetime-local input holds it, across a change of offset', () => {
  expect(localMoment('2026-03-29T00:30:00Z', 'Europe/Madrid')).toBe('2026-03-29T01:30')
  expect(localMoment('2026-03-29T01:30:00Z', 'Europe/Madrid')).toBe('2026-03-29T03:30')
})
