// Which one-click actions Today offers on a signal. The kind of signal says
// what the matter is; whether the action is allowed is the core's decision.
import type { Matter } from '../lib/bindings/Matter'
import type { SignalKind } from '../lib/bindings/SignalKind'

export type QuickAction =
  | 'keep'
  | 'reschedule'
  | 'replied'
  | 'follow_up'
  | 'draft'
  | 'acknowledge'
  | 'feedback_follow_up'
  | 'log_contact'
  | 'open_client'

export function actionsFor(kind: SignalKind): QuickAction[] {
  switch (kind) {
    case 'promise_overdue':
    case 'promise_due_soon':
    case 'promise_slipping':
      return ['keep', 'reschedule']
    case 'request_unanswered':
    case 'request_repeated':
      return ['replied', 'follow_up']
    case 'incident_unacknowledged':
      // Contact the client first: the draft to send, or the word already given.
      return ['draft', 'acknowledge']
    case 'incident_open':
      return ['open_client']
    case 'unhappy_no_follow_up':
      return ['draft', 'feedback_follow_up']
    case 'silence':
    case 'no_recent_feedback':
    // Logging the contact in which you asked is what tells Trato you asked.
    case 'feedback_due':
      return ['log_contact']
  }
}

/** The actions of a matter, each once, in the order its signals ask for them. */
export function actionsForMatter(matter: Matter): QuickAction[] {
  return [...new Set(matter.signals.flatMap((s) => actionsFor(s.kind)))]
}
