// What the parts of the client page share: how a failure reads, how an inline
// form is left and where it puts the focus, and how a moment is written.
import { tick } from 'svelte'
import { BackendError } from '../lib/api'
import * as format from '../lib/format'
import { locale, t } from '../lib/i18n.svelte'

/** A refusal in the user's language; anything else as a generic error. */
export { refusal as messageOf } from '../lib/refusal'

/** After the form shows its errors, the first field in error takes the focus. */
export function focusInvalid(form: HTMLFormElement | undefined) {
  tick().then(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

/** Esc leaves an inline form without saving, as it closes the dialog. */
export function escape(e: KeyboardEvent, close: () => void) {
  if (e.key === 'Escape') {
    e.stopPropagation()
    close()
  }
}

/** A moment in the journal's zone and the user's language. */
export const when = (iso: string) => format.dateTime(iso, locale.lang, locale.timeZone)
