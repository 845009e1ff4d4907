// A refusal in the user's language: the core sends a code and its facts, and
// this is the one place the app turns them into words (from `refusals.ts`).
// Anything that is not a refusal (a broken promise in the JS) is said as
// "something went wrong", with what JavaScript said.
import { BackendError } from './api'
import type { Refusal } from './bindings/Refusal'
import { dateTime, due } from './format'
import { locale, t } from './i18n.svelte'
import './refusals'

/** The codes whose `value` (and `other`) is a due date as stored: `2026-03-04`, or a moment. */
const DUE = new Set(['due_before_made', 'due_already_passed', 'same_due'])

/** The codes about a contacts file: their words start with the file's name. */
const CONTACTS = new Set([
  'contacts_empty',
  'too_large',
  'cant_open',
  'encoding',
  'unknown_format',
  'no_header',
  'no_cards',
  'mapping_malformed',
  'mapping_column_missing',
  'mapping_unknown_field',
  'no_name_column',
  'contacts_unreadable',
])

/** The words for `e`, whatever was thrown. */
export function refusal(e: unknown): string {
  if (e instanceof BackendError) return words(e.error)
  return t('common.error', { message: String((e as Error)?.message ?? e) })
}

/** A refusal's words, its facts filled in as the user's language says them. */
export function words(r: Refusal): string {
  const { lang, timeZone } = locale
  const named = (group: string, name: string | null) => (name === null ? '' : known(`refusal.${group}.${name}`) ?? name)
  const text = t(`refusal.${r.code}`, {
    field: named('field', r.field),
    kind: named('kind', r.kind),
    other: named('kind', r.other),
    // A due date is said as the forms say one; any other value as it was given.
    value: r.value !== null && DUE.has(r.code) ? due(r.value, lang, timeZone) : (r.value ?? ''),
    at: r.at ? dateTime(r.at, lang, timeZone) : '',
    against: r.against ? dateTime(r.against, lang, timeZone) : '',
    day: r.day ? due(r.day, lang) : '',
    limit: r.limit ?? '',
    count: r.count ?? '',
    path: r.path ?? '',
    choices: r.choices.join(', '),
    detail: r.detail ?? '',
  })
  return r.path && CONTACTS.has(r.code) ? `${r.path}: ${text}` : text
}

/** The message `key`, or null when no catalogue has it (a name the core has and the UI does not word). */
function known(key: string): string | null {
  const text = t(key)
  return text === key ? null : text
}
