// Dates typed as text: the core reads them (ISO, or shortcuts such as
// "friday", "mañana 17:00", "next working day", "+3d"). What the UI adds is
// the refusal in the user's language, by the core's code, and the day a
// reschedule starts from, as the business calendar says.
import { backend, BackendError } from './api'
import { t } from './i18n.svelte'

const CODES = new Set(['bad_due', 'bad_moment', 'needs_time', 'skipped_hour', 'out_of_years'])

/** The core's refusal of a typed date in the UI's language; any other refusal in the core's own words. */
export function refusalOf(e: BackendError): string {
  return CODES.has(e.code) ? t(`when.error.${e.code}`) : e.message
}

/** The next working day (`YYYY-MM-DD`), skipping weekends and holidays: what a reschedule starts with. */
export async function nextWorkingDay(): Promise<string> {
  return (await (await backend()).dateShortcuts()).next_working_day
}
