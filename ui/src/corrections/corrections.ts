// Corrections from the timeline: the draft an entry or one of its events is
// edited from, and what the core receives, which is only what the user
// changed (an untouched moment is not sent back a minute coarser). Also the
// events of an entry as one list, worded as the timeline shows them. Pure
// functions; the core checks every correction again and keeps the history.
import type { Channel } from '../lib/bindings/Channel'
import type { EntryEdit } from '../lib/bindings/EntryEdit'
import type { Event } from '../lib/bindings/Event'
import type { EventEdit } from '../lib/bindings/EventEdit'
import type { EventRef } from '../lib/bindings/EventRef'
import { LIMITS } from '../lib/bindings/Limits'
import type { TimelineEntry } from '../lib/bindings/TimelineEntry'
import { emptyEntry, type EntryDraft, type Problems } from '../lib/forms'
import * as format from '../lib/format'
import { locale, t } from '../lib/i18n.svelte'
import '../client/messages'
import './messages'

/** A moment as the date fields show it for the core to read back (`2026-03-02T10:00`), in the journal's zone. */
export function localMoment(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

/** A due date as the date field shows it: the day alone (due by its end), or the day and its local time. */
function dueText(due: string, timeZone?: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : localMoment(due, timeZone).replace('T', ' ')
}

/** The entry as the edit dialog starts from it. */
export function draftOf(e: TimelineEntry, timeZone?: string): EntryDraft {
  const d: EntryDraft = { ...emptyEntry(e.client_id, e.details.kind), summary: e.summary, channel: e.channel, at: localMoment(e.occurred_at, timeZone) }
  const x = e.details
  switch (x.kind) {
    case 'interaction':
      d.direction = x.direction
      break
    case 'request':
      d.answerBy = x.answer_by ? localMoment(x.answer_by, timeZone) : ''
      break
    case 'promise':
      d.due = dueText(x.due, timeZone)
      d.forRequest = x.for_request ?? ''
      break
    case 'incident':
      d.noticedBy = x.noticed_by
      d.severity = x.severity
      break
    case 'feedback':
      if ('rating' in x.score) {
        d.scale = 'rating'
        d.score = x.score.rating
      } else {
        d.scale = 'nps'
        d.score = x.score.nps
      }
      d.stage = x.stage
      d.cause = x.cause ?? ''
      d.comment = x.comment ?? ''
      break
  }
  return d
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim())

/** An edit that changes nothing: every field left as it is. */
export const NO_EDIT: EntryEdit = {
  summary: null,
  channel: null,
  at: null,
  direction: null,
  answer_by: null,
  due: null,
  for_request: null,
  noticed_by: null,
  severity: null,
  score: null,
  stage: null,
  cause: null,
  comment: null,
}

/** What the user changed from `before` (the entry as the dialog opened) to `after`; the rest stays `null`. */
export function entryEdit(before: EntryDraft, after: EntryDraft): EntryEdit {
  const e: EntryEdit = { ...NO_EDIT }
  const changed = (k: keyof EntryDraft) => before[k] !== after[k]
  if (after.summary.trim() !== before.summary.trim()) e.summary = after.summary.trim()
  if (changed('channel')) e.channel = after.channel
  if (changed('at') && after.at.trim() !== '') e.at = after.at.trim()
  switch (after.kind) {
    case 'interaction':
      if (changed('direction')) e.direction = after.direction
      break
    case 'request':
      if (after.answerBy.trim() !== before.answerBy.trim()) e.answer_by = { to: orNull(after.answerBy) }
      break
    case 'promise':
      if (after.due.trim() !== before.due.trim()) e.due = after.due.trim()
      if (changed('forRequest')) e.for_request = { to: after.forRequest || null }
      break
    case 'incident':
      if (changed('noticedBy')) e.noticed_by = after.noticedBy
      if (changed('severity')) e.severity = after.severity
      break
    case 'feedback':
      if ((changed('scale') || changed('score')) && after.score != null) e.score = after.scale === 'rating' ? { rating: after.score } : { nps: after.score }
      if (changed('stage')) e.stage = after.stage
      if (changed('cause')) e.cause = { to: after.cause || null }
      if (after.comment.trim() !== before.comment.trim()) e.comment = { to: orNull(after.comment) }
      break
  }
  return e
}

/** Whether an edit changes nothing (saving it is then only closing the dialog). */
export function isEmptyEdit(edit: EntryEdit | EventEdit): boolean {
  return Object.values(edit).every((v) => v === null)
}

// ——— Events ———

/** Every event of an entry, in the order they were recorded, as the core numbers them. */
export function eventsOf(e: TimelineEntry): Event[] {
  const d = e.details
  switch (d.kind) {
    case 'request':
      return d.events.map((ev) => ({ kind: 'request', ...ev }))
    case 'promise':
      return d.events.map((ev) => ({ kind: 'promise', ...ev }))
    case 'incident':
      return d.steps.map((s) => ({ kind: 'incident', ...s }))
    case 'feedback':
      return d.follow_ups.map((f) => ({ kind: 'feedback', ...f }))
    default:
      return []
  }
}

/** Which event, for the core: its place and its moment as shown. */
export const eventRef = (index: number, ev: Event): EventRef => ({ index, at: ev.at })

/** What an event was, as the timeline says it, and its words (a reason or a note). */
export function eventText(ev: Event): { text: string; note: string | null } {
  const dueText = (due: string) => format.due(due, locale.lang, locale.timeZone)
  switch (ev.kind) {
    case 'request':
      switch (ev.type) {
        case 'follow_up':
          return { text: t('timeline.followed_up', { channel: t(`channel.${ev.channel}`) }), note: ev.note ?? null }
        case 'reply':
          return { text: ev.promise ? t('timeline.replied_by_promise') : t('timeline.replied'), note: ev.note ?? null }
        case 'done':
          return { text: ev.promise ? t('timeline.done_by_promise') : t('status.done'), note: null }
        default:
          return { text: t(`status.${ev.type}`), note: ev.note ?? null }
      }
    case 'promise':
      switch (ev.type) {
        case 'rescheduled':
          return { text: t('timeline.rescheduled', { due: dueText(ev.due) }), note: ev.reason }
        case 'kept':
          return { text: t('status.kept'), note: null }
        case 'broken':
          return { text: t('status.broken'), note: ev.reason ?? null }
        case 'released':
          return { text: t('status.released'), note: ev.note ?? null }
      }
      break
    case 'incident':
      return { text: t(`timeline.step_${ev.step}`), note: ev.note ?? null }
    case 'feedback':
      return { text: t('timeline.feedback_followed_up'), note: ev.note ?? null }
  }
  return { text: '', note: null }
}

/** Whether the core records this event itself for a promise: it is corrected through the promise. */
export function byPromise(ev: Event): boolean {
  return ev.kind === 'request' && (ev.type === 'reply' || ev.type === 'done') && !!ev.promise
}

/** What an event's correction may change: its words (and whether they are needed), a date, a channel. */
export function eventFields(ev: Event): { note: 'reason' | 'note' | null; noteRequired: boolean; due: boolean; channel: boolean } {
  const fields = { note: 'note' as 'reason' | 'note' | null, noteRequired: false, due: false, channel: false }
  if (ev.kind === 'request' && ev.type === 'follow_up') fields.channel = true
  if (ev.kind === 'request' && ev.type === 'done') fields.note = null
  if (ev.kind === 'promise' && ev.type === 'kept') fields.note = null
  if (ev.kind === 'promise' && (ev.type === 'rescheduled' || ev.type === 'broken')) fields.note = 'reason'
  if (ev.kind === 'promise' && ev.type === 'rescheduled') fields.due = fields.noteRequired = true
  if (ev.kind === 'incident' && ev.step === 'compensated') fields.noteRequired = true
  return fields
}

/** An event while its correction is typed. */
export interface EventDraft {
  at: string
  note: string
  /** A reschedule's new date, as typed. */
  due: string
  channel: Channel
}

export function eventDraftOf(ev: Event, timeZone?: string): EventDraft {
  const { note } = eventText(ev)
  const due = ev.kind === 'promise' && ev.type === 'rescheduled' ? dueText(ev.due, timeZone) : ''
  const channel = ev.kind === 'request' && ev.type === 'follow_up' ? ev.channel : 'other'
  return { at: localMoment(ev.at, timeZone), note: note ?? '', due, channel }
}

/** What the user changed in an event; the rest stays `null`. */
export function eventEdit(ev: Event, before: EventDraft, after: EventDraft): EventEdit {
  const fields = eventFields(ev)
  const edit: EventEdit = { at: null, note: null, due: null, channel: null }
  if (after.at !== before.at && after.at.trim() !== '') edit.at = after.at.trim()
  if (fields.note && after.note.trim() !== before.note.trim()) edit.note = { to: orNull(after.note) }
  if (fields.due && after.due.trim() !== before.due.trim()) edit.due = after.due.trim()
  if (fields.channel && after.channel !== before.channel) edit.channel = after.channel
  return edit
}

/** What can be told before asking the core: a missing moment or date, words the event needs (what a typed date means is the core's to read). */
export function validateEvent(ev: Event, d: EventDraft): Problems {
  const problems: Problems = {}
  const fields = eventFields(ev)
  if (d.at.trim() === '') problems.at = 'correct.error.when_required'
  if (fields.noteRequired && d.note.trim() === '') problems.note = fields.note === 'reason' ? 'action.error.reason_required' : 'action.error.note_required'
  else if ([...d.note].length > LIMITS.text) problems.note = 'entry.error.too_long'
  if (fields.due && d.due.trim() === '') problems.due = 'action.error.due_required'
  return problems
}
