// What the whole window shares: where the user is, the journal's state, and a
// counter that every write bumps so that the screen on view reads again.
import { backend } from './api'
import type { ClientId } from './bindings/ClientId'
import type { JournalInfo } from './bindings/JournalInfo'
import type { Settings } from './bindings/Settings'
import { languageOf, locale } from './i18n.svelte'

export type Route =
  | { name: 'today' }
  | { name: 'clients' }
  | { name: 'client'; id: ClientId }
  | { name: 'search'; query: string }
  | { name: 'settings' }

class AppState {
  route: Route = $state({ name: 'today' })
  info: JournalInfo | null = $state(null)
  settings: Settings | null = $state(null)
  /** Bumped after every write: screens depend on it to read again. */
  version = $state(0)
  /** The quick-entry dialog, open for a client (or for choosing one). */
  entry: { client: ClientId | null } | null = $state(null)
  /** A short confirmation shown after an action. */
  notice: string | null = $state(null)

  async start() {
    const b = await backend()
    this.info = await b.journalInfo()
    if (this.info.problem) return
    await this.loadSettings()
    locale.lang = this.settings?.language ?? this.info.system_language ?? languageOf(navigator.language)
  }

  async loadSettings() {
    this.settings = await (await backend()).settings()
    locale.timeZone = this.settings.time_zone ?? undefined
    if (this.settings.language) locale.lang = this.settings.language
  }

  go(route: Route) {
    this.route = route
  }

  /** After a write: refresh what is on screen and say what happened. */
  async changed(notice?: string) {
    if (this.info) this.info = await (await backend()).journalInfo()
    this.version += 1
    if (notice) this.say(notice)
  }

  say(notice: string) {
    this.notice = notice
    setTimeout(() => {
      if (this.notice === notice) this.notice = null
    }, 4000)
  }
}

export const app = new AppState()
