// The history of sent reminders, as Settings shows it:
// which delivered reminder can still be snoozed, and which already is. Pure
// functions of what the core sent; the rules of reminding stay in the core.
import type { HeldReminder } from '../lib/bindings/HeldReminder'
import type { SentReminder } from '../lib/bindings/SentReminder'
import type { SnoozeForm } from '../lib/bindings/SnoozeForm'

/** What a line of the history offers. */
export type SnoozeOffer =
  | { kind: 'snooze' }
  /** It waits until `until` (a snooze made here, or one the core holds). */
  | { kind: 'snoozed'; until: string }
  /** An earlier delivery of a reminder listed again above: the newer line offers the snooze. */
  | { kind: 'none' }

export type SentLine = { sent: SentReminder; offer: SnoozeOffer }

/**
 * The history, newest first, each line with what it offers. Only a reminder's
 * newest delivery offers a snooze (snoozing re-arms the reminder, not one
 * delivery of it); a reminder the core holds as snoozed shows until when.
 */
export function sentLines(sent: SentReminder[], held: HeldReminder[], snoozedHere: Record<string, string> = {}): SentLine[] {
  const snoozed = new Map<string, string>()
  for (const h of held) if (h.reason === 'snoozed') snoozed.set(h.reminder.key, h.until)
  for (const [key, until] of Object.entries(snoozedHere)) snoozed.set(key, until)
  const seen = new Set<string>()
  return sent.map((s) => {
    const newest = !seen.has(s.key)
    seen.add(s.key)
    if (!newest) return { sent: s, offer: { kind: 'none' } }
    const until = snoozed.get(s.key)
    return { sent: s, offer: until ? { kind: 'snoozed', until } : { kind: 'snooze' } }
  })
}

/** The three snoozes offered: an hour, tomorrow morning (the digest's time), or a chosen local time. */
export const SNOOZE_HOUR: SnoozeForm = { type: 'for', minutes: 60 }
export const SNOOZE_TOMORROW: SnoozeForm = { type: 'until_tomorrow' }
export function snoozeUntil(local: string): SnoozeForm {
  return { type: 'until', at: local }
}
