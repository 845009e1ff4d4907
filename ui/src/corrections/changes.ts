// The history of a client or an entry in a person's words: what each change
// was, and what it changed, field by field and event by event, in the
// user's language. The core says what differs; this only words it.
import type { Difference } from '../lib/bindings/Difference'
import type { Event } from '../lib/bindings/Event'
import * as format from '../lib/format'
import { locale, t } from '../lib/i18n.svelte'
import { eventText } from './corrections'
import '../client/messages'
import './messages'

const when = (iso: string) => format.dateTime(iso, locale.lang, locale.timeZone)

const ACTIONS = new Set([
  'created', 'edited', 'deleted', 'restored', 'imported', 'archived', 'unarchived', 'followed_up', 'replied', 'done', 'declined',
  'withdrawn', 'rescheduled', 'kept', 'broken', 'released', 'acknowledged', 'apologized', 'explained', 'fixed', 'compensated',
  'closed', 'undone', 'event_edited', 'event_removed',
])

/** What a change was; an action this UI does not know (an import's own) as the history wrote it. */
export function actionText(action: string): string {
  return ACTIONS.has(action) ? t(`history.action.${action}`) : action.replace(/_/g, ' ')
}

/** Each field's label, by the name the core gives it. */
const LABELS: Record<string, string> = {
  summary: 'entry.summary',
  channel: 'entry.channel',
  occurred_at: 'entry.when',
  direction: 'entry.direction',
  answer_by: 'entry.answer_by',
  due: 'entry.due',
  for_request: 'entry.for_request',
  noticed_by: 'entry.noticed_by',
  severity: 'entry.severity',
  score: 'history.field.score',
  stage: 'entry.stage',
  cause: 'entry.cause',
  comment: 'entry.comment',
  name: 'client.name',
  organisation: 'client.organisation',
  email: 'client.email',
  other_emails: 'history.field.other_emails',
  phone: 'client.phone',
  other_phones: 'history.field.other_phones',
  preferred_channel: 'client.preferred_channel',
  status: 'client.status',
  tags: 'client.tags',
  notes: 'client.notes',
  availability: 'client.availability',
  response_target_hours: 'client.response_target',
}

/** A field's value as a person reads it; free text is quoted. */
function valueText(field: string, value: string, requestSummary: (id: string) => string | null): string {
  switch (field) {
    case 'channel':
    case 'preferred_channel':
      return t(`channel.${value}`)
    case 'occurred_at':
    case 'answer_by':
      return when(value)
    case 'due':
      return format.due(value, locale.lang, locale.timeZone)
    case 'direction':
      return t(value === 'in' ? 'entry.direction_in' : 'entry.direction_out')
    case 'noticed_by':
      return t(value === 'us' ? 'entry.noticed_us' : 'entry.noticed_client')
    case 'severity':
      return t(`entry.severity_${value}`)
    case 'stage':
      return t(`entry.stage_${value}`)
    case 'cause':
      return t(`entry.cause_${value}`)
    case 'status':
      return t(`client.status_${value}`)
    case 'for_request': {
      const summary = requestSummary(value)
      return summary ? t('history.quoted', { text: summary }) : t('history.another_request')
    }
    case 'response_target_hours':
      return t('record.hours', { hours: format.number(Number(value), locale.lang, 1) })
    case 'score':
      return value
    default:
      return t('history.quoted', { text: value })
  }
}

function eventWords(ev: Event): string {
  const { text, note } = eventText(ev)
  return note ? `${text} — ${note}` : text
}

/** One difference in a sentence. `requestSummary` names a request by its id, when the screen knows it. */
export function differenceText(d: Difference, requestSummary: (id: string) => string | null = () => null): string {
  if (d.what === 'event') {
    if (d.before && d.after) {
      return t('history.event_changed', { before: eventWords(d.before), when_before: when(d.before.at), after: eventWords(d.after), when_after: when(d.after.at) })
    }
    if (d.before) return t('history.event_removed', { event: eventText(d.before).text, when: when(d.before.at) })
    if (d.after) return t('history.event_added', { event: eventWords(d.after), when: when(d.after.at) })
    return ''
  }
  const field = LABELS[d.field] ? t(LABELS[d.field]) : d.field
  const show = (v: string) => valueText(d.field, v, requestSummary)
  if (d.before === null && d.after === null) return field
  if (d.before === null) return t('history.set', { field, after: show(d.after!) })
  if (d.after === null) {
    return d.field === 'for_request' ? t('history.changed', { field, before: show(d.before), after: t('history.no_request') }) : t('history.cleared', { field, before: show(d.before) })
  }
  return t('history.changed', { field, before: show(d.before), after: show(d.after) })
}
