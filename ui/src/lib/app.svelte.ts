// What the whole window shares: where the user is, the journal's state, and a
// counter that every write bumps so that the screen on view reads again.
import { backend } from './api'
import type { ClientId } from './bindings/ClientId'
import type { JournalInfo } from './bindings/JournalInfo'
import type { Settings } from './bindings/Settings'
import type { Today } from './bindings/Today'
import { languageOf, locale } from './i18n.svelte'

export type Route =
  | { name: 'today' }
  | { name: 'clients' }
  | { name: 'client'; id: ClientId }
  | { name: 'summary'; id: ClientId }
  | { name: 'search'; query: string }
  | { name: 'settings' }
  | { name: 'import' }
  | { name: 'trash' }
  | { name: 'mail' }
  | { name: 'mail-settings' }

/** How long a notice stays; one that can be undone stays about ten seconds. */
export const NOTICE_MS = 4000
export const UNDO_MS = 10000

/**
 * The first screen: the client a new window was opened on (the shell builds the
 * window again, with `?client=ID`, when a reminder is clicked while it is closed
 * to the tray), or Today.
 */
export function firstRoute(search: string): Route {
  const id = new URLSearchParams(search).get('client')
  return id ? { name: 'client', id } : { name: 'today' }
}

class AppState {
  route: Route = $state(firstRoute(globalThis.location?.search ?? ''))
  info: JournalInfo | null = $state(null)
  settings: Settings | null = $state(null)
  /** How many mail proposals await review: the count beside Mail in the sidebar. */
  mailPending = $state(0)
  /** Bumped after every write: screens depend on it to read again. */
  version = $state(0)
  /** The quick-entry dialog, open for a client (or for choosing one). */
  entry: { client: ClientId | null } | null = $state(null)
  /** A short confirmation shown after an action. */
  notice: string | null = $state(null)
  /** What the notice's Undo takes back, while it is offered. */
  undo: (() => Promise<void>) | null = $state(null)
  /** Which notice is on screen: an older one's timer must not take a newer one away. */
  private said = 0

  /** Today's data, asked for at start-up with the rest so that the first screen waits for one round trip, not three. */
  private firstToday: Promise<Today> | null = null

  async start() {
    const b = await backend()
    // A journal that could not be opened refuses these two; `info.problem` then says why.
    const settings = b.settings().catch(() => null)
    if (this.route.name === 'today') {
      this.firstToday = b.today()
      this.firstToday.catch(() => {})
    }
    const info = await b.journalInfo()
    // No Today screen comes next: the first-run or the problem screen does.
    if (info.problem || info.clients === 0) this.firstToday = null
    this.settings = await settings
    this.applySettings(this.settings, info)
    this.info = info
    this.countMail()
  }

  /** Reads the count of mail proposals again; a journal that can't say keeps the last count. */
  countMail() {
    backend()
      .then((b) => b.mailPending())
      .then((n) => (this.mailPending = n))
      .catch(() => {})
  }

  /** Today's data: the one asked for at start-up the first time, a fresh read after. */
  today(): Promise<Today> {
    const first = this.firstToday
    this.firstToday = null
    return first ?? backend().then((b) => b.today())
  }

  async loadSettings() {
    this.settings = await (await backend()).settings()
    this.applySettings(this.settings)
  }

  /** The journal's language and zone, in force on every screen; no language set means the system's. */
  applySettings(settings: Settings | null, info: JournalInfo | null = this.info) {
    locale.timeZone = settings?.time_zone ?? undefined
    locale.lang = settings?.language ?? info?.system_language ?? languageOf(navigator.language)
  }

  go(route: Route) {
    this.route = route
  }

  /** After a write: refresh what is on screen and say what happened, offering `undo` when it can be taken back. */
  async changed(notice?: string, undo?: () => Promise<void>) {
    this.firstToday = null
    if (this.info) this.info = await (await backend()).journalInfo()
    this.countMail()
    this.version += 1
    if (notice) this.say(notice, undo)
  }

  /** Shows `notice` for a few seconds; with `undo`, for long enough to change one's mind (UNDO_MS). */
  say(notice: string, undo?: () => Promise<void>) {
    const mine = ++this.said
    this.notice = notice
    this.undo = undo ?? null
    setTimeout(
      () => {
        if (this.said !== mine) return
        this.notice = null
        this.undo = null
      },
      undo ? UNDO_MS : NOTICE_MS,
    )
  }

  /** The notice's Undo (its button, or Ctrl+Z): runs once, whatever is pressed twice. */
  async takeBack() {
    const undo = this.undo
    if (!undo) return
    this.said += 1
    this.undo = null
    this.notice = null
    await undo()
  }
}

export const app = new AppState()
