// How a matter's card says where it stands in time: the right-hand words
// ("overdue since Wed", "due tomorrow 12:00", "asked again Thu 11:00") and the
// facts beneath its headline ("due today · moved twice, first due Wed 4 Mar",
// "answer by tomorrow 11:00"). The core gives the moments; this words them
// from the journal's now, in the app's language and the journal's zone.
import type { Matter } from '../lib/bindings/Matter'
import { register, t } from '../lib/i18n.svelte'
import * as when from '../lib/moments'

register({
  en: {
    'matter.since.promise_overdue': 'overdue since {when}',
    'matter.since.promise_due_soon': 'due {when}',
    'matter.since.promise_slipping': 'slipping since {when}',
    'matter.since.request_unanswered': 'answer overdue since {when}',
    'matter.since.request_repeated': 'asked again {when}',
    'matter.since.silence': 'contact overdue since {when}',
    'matter.since.incident_unacknowledged': 'client not contacted since {when}',
    'matter.since.incident_open': 'open since {when}',
    'matter.since.unhappy_no_follow_up': 'follow-up overdue since {when}',
    'matter.since.no_recent_feedback': 'feedback overdue since {when}',
    'matter.since.feedback_due': 'a good moment since {when}',
    'matter.draft': 'You could ask:',
    'matter.due': 'due {when}',
    'matter.answer_by': 'answer by {when}',
    'matter.answer_late': 'answer {late}',
    'matter.also': 'Also:',
  },
  es: {
    'matter.since.promise_overdue': 'vencida desde {when}',
    'matter.since.promise_due_soon': 'vence {when}',
    'matter.since.promise_slipping': 'se retrasa desde {when}',
    'matter.since.request_unanswered': 'respuesta vencida desde {when}',
    'matter.since.request_repeated': 'insistió {when}',
    'matter.since.silence': 'contacto pendiente desde {when}',
    'matter.since.incident_unacknowledged': 'sin escribir al cliente desde {when}',
    'matter.since.incident_open': 'abierta desde {when}',
    'matter.since.unhappy_no_follow_up': 'seguimiento pendiente desde {when}',
    'matter.since.no_recent_feedback': 'opinión pendiente desde {when}',
    'matter.since.feedback_due': 'buen momento desde {when}',
    'matter.draft': 'Podrías preguntar:',
    'matter.due': 'vence {when}',
    'matter.answer_by': 'responder como tarde {when}',
    'matter.answer_late': 'respuesta con {late}',
    'matter.also': 'Además:',
  },
})

/** The card's right-hand words: what its headline signal says and since when. */
export function standing(m: Matter, now: string, timeZone?: string): string {
  const lead = m.signals[0]
  // A promise overdue or due soon is about its due date in force, said as the promise was made (a day, or a moment).
  if ((lead.kind === 'promise_overdue' || lead.kind === 'promise_due_soon') && m.due) {
    return t(`matter.since.${lead.kind}`, { when: when.due(m.due.due, now, timeZone) })
  }
  return t(`matter.since.${lead.kind}`, { when: when.moment(lead.since, now, timeZone) })
}

/**
 * What the headline leaves out about time: when a promise is due (or how late
 * it is) and how often it moved; when a request's answer is due. A deadline the
 * headline signal is already about is not said twice.
 */
export function facts(m: Matter, now: string, timeZone?: string): string[] {
  const lead = m.signals[0].kind
  const out: string[] = []
  const overdueBy = (deadline: string) => new Date(now).getTime() - new Date(deadline).getTime()
  if (m.due) {
    if (lead !== 'promise_overdue' && lead !== 'promise_due_soon') {
      const past = overdueBy(m.due.deadline)
      out.push(past >= 0 ? when.late(past) : t('matter.due', { when: when.due(m.due.due, now, timeZone) }))
    }
    const moved = when.moves(m.due.moves, m.due.first, now, timeZone)
    if (moved) out.push(moved)
  }
  if (m.answer_by && lead !== 'request_unanswered') {
    const past = overdueBy(m.answer_by)
    out.push(past > 0 ? t('matter.answer_late', { late: when.late(past) }) : t('matter.answer_by', { when: when.moment(m.answer_by, now, timeZone) }))
  }
  return out
}

/** Words that stand alone on the card start with a capital. */
export function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1)
}
