// Dates typed as text: the core reads them (ISO, or shortcuts such as
// "friday", "mañana 17:00", "next working day", "+3d"), and its refusals are
// worded by `refusal.ts`. What the UI adds is the day a reschedule starts
// from, as the business calendar says.
import { backend } from './api'

/** The next working day (`YYYY-MM-DD`), skipping weekends and holidays: what a reschedule starts with. */
export async function nextWorkingDay(): Promise<string> {
  return (await (await backend()).dateShortcuts()).next_working_day
}
