// The only module that talks to the Rust side. Screens call `api`; tests give
// them a fake `Backend` instead (see api.test-double.ts), so no screen knows Tauri.
import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { Action } from './bindings/Action'
import type { Command } from './bindings/Command'
import type { ClientForm } from './bindings/ClientForm'
import type { ClientId } from './bindings/ClientId'
import type { ClientLine } from './bindings/ClientLine'
import type { ClientPage } from './bindings/ClientPage'
import type { Client } from './bindings/Client'
import type { DesktopSettings } from './bindings/DesktopSettings'
import type { EntryForm } from './bindings/EntryForm'
import type { EntryId } from './bindings/EntryId'
import type { IpcError } from './bindings/IpcError'
import type { Code } from './bindings/Code'
import type { Refusal } from './bindings/Refusal'
import type { JournalInfo } from './bindings/JournalInfo'
import type { Navigate } from './bindings/Navigate'
import type { ReminderPlan } from './bindings/ReminderPlan'
import type { SearchHit } from './bindings/SearchHit'
import type { SentReminder } from './bindings/SentReminder'
import type { Settings } from './bindings/Settings'
import type { Format } from './bindings/Format'
import type { Language } from './bindings/Language'
import type { Paper } from './bindings/Paper'
import type { Period } from './bindings/Period'
import type { SnoozeForm } from './bindings/SnoozeForm'
import type { Today } from './bindings/Today'
import type { Backups } from './bindings/Backups'
import type { BackupInfo } from './bindings/BackupInfo'
import type { Committed } from './bindings/Committed'
import type { ExportKind } from './bindings/ExportKind'
import type { FolderSetting } from './bindings/FolderSetting'
import type { ImportBatch } from './bindings/ImportBatch'
import type { ImportProgress } from './bindings/ImportProgress'
import type { ImportRequest } from './bindings/ImportRequest'
import type { PickedFile } from './bindings/PickedFile'
import type { Preview } from './bindings/Preview'
import type { Undone } from './bindings/Undone'
import type { EntryEdit } from './bindings/EntryEdit'
import type { EventEdit } from './bindings/EventEdit'
import type { EventRef } from './bindings/EventRef'
import type { HistoryLine } from './bindings/HistoryLine'
import type { TrashItem } from './bindings/TrashItem'
import type { Undoable } from './bindings/Undoable'
import type { Audience } from './bindings/Audience'
import type { Shortcuts } from './bindings/Shortcuts'
import type { TimeZones } from './bindings/TimeZones'
import type { WhenField } from './bindings/WhenField'
import type { ClientDomain } from './bindings/ClientDomain'
import type { FileImport } from './bindings/FileImport'
import type { MailDecision } from './bindings/MailDecision'
import type { MailDropped } from './bindings/MailDropped'
import type { OpenRequest } from './bindings/OpenRequest'
import type { ProposalView } from './bindings/ProposalView'
import type { Reviewed } from './bindings/Reviewed'
import type { AccountAdded } from './bindings/AccountAdded'
import type { AccountForm } from './bindings/AccountForm'
import type { RealityCheck } from './bindings/RealityCheck'
import type { RecoveryDraft } from './bindings/RecoveryDraft'
import type { FieldChoices } from './bindings/FieldChoices'
import type { Finding } from './bindings/Finding'
import type { RecoveryStep } from './bindings/RecoveryStep'
import type { Sent } from './bindings/Sent'
import type { OAuthAccountForm } from './bindings/OAuthAccountForm'
import type { MailAccount } from './bindings/MailAccount'
import type { SyncReport } from './bindings/SyncReport'
import type { SyncProgress } from './bindings/SyncProgress'
import type { MailSynced } from './bindings/MailSynced'
import type { MailImportProgress } from './bindings/MailImportProgress'

export interface Backend {
  journalInfo(): Promise<JournalInfo>
  loadSample(): Promise<void>
  today(): Promise<Today>
  clientLines(withArchived: boolean): Promise<ClientLine[]>
  clientPage(id: ClientId): Promise<ClientPage>
  addClient(form: ClientForm): Promise<ClientId>
  editClient(id: ClientId, form: ClientForm): Promise<Client>
  archiveClient(id: ClientId, archive: boolean): Promise<void>
  addEntry(form: EntryForm): Promise<EntryId>
  /** A promise being written, checked against the provider's own record: a line, and a later date when the record suggests one. */
  promiseCheck(client: ClientId, kind: string | null, due: string): Promise<RealityCheck>
  /** After a mistake: the draft to the client about an entry, the person's choices over the fields offered. */
  recoveryDraft(entry: EntryId, choices: FieldChoices): Promise<RecoveryDraft>
  /** What the wording check notices in a text written in `language`. */
  recoveryCheck(text: string, language: Language): Promise<Finding[]>
  /** Opens the message in the mail program, to the entry's client; false when the client has no address. */
  openRecoveryMail(entry: EntryId, subject: string, body: string): Promise<boolean>
  /** The message about an incident was sent: the steps ticked (those not taken before), and their Undo. */
  recoverySent(entry: EntryId, steps: RecoveryStep[]): Promise<Sent>
  /** Records the action; answers what takes it back. */
  act(id: EntryId, action: Action): Promise<Undoable>
  /** Takes back what an action did; refused (`changed_since`) when the entry changed since. */
  undo(done: Undoable): Promise<void>
  editEntry(id: EntryId, edit: EntryEdit): Promise<void>
  /** Corrects one event of an entry, as it was shown (`event_changed` when it moved since). */
  editEvent(id: EntryId, event: EventRef, edit: EventEdit): Promise<void>
  removeEvent(id: EntryId, event: EventRef): Promise<void>
  /** Every change to a client or an entry, oldest first. */
  history(id: string): Promise<HistoryLine[]>
  /** What is in the trash, most recently deleted first. */
  trash(): Promise<TrashItem[]>
  /** Moves a client (with its timeline) or an entry to the trash. */
  moveToTrash(id: string): Promise<void>
  restore(id: string): Promise<void>
  /** Today, tomorrow and the next working day of the business calendar, for the date fields' shortcuts. */
  dateShortcuts(): Promise<Shortcuts>
  /** What a typed date means in a field of this kind (`2026-03-06`, or an instant); refused with the core's code. */
  readWhen(text: string, field: WhenField): Promise<string>
  /** The time zones to choose from, and the system's. */
  timeZones(): Promise<TimeZones>
  settings(): Promise<Settings>
  setSetting(key: string, value: string): Promise<Settings>
  addHoliday(date: string, name: string | null): Promise<Settings>
  removeHoliday(date: string): Promise<Settings>
  /** The system's folder dialog, opened by the shell; the settings with the folder chosen, or null when the user cancelled. */
  chooseFolder(folder: FolderSetting): Promise<Settings | null>
  /** The folder back to its default (the backups beside the journal, no calendar file). */
  clearFolder(folder: FolderSetting): Promise<Settings>
  search(query: string): Promise<SearchHit[]>
  /** Where the frame loads the client's printable summary from. */
  summaryAddress(client: ClientId, period: Period, lang: Language, audience: Audience): Promise<string>
  /** Asks where, then saves the summary there; the path, or null when the user cancelled. */
  saveSummary(client: ClientId, period: Period, lang: Language, format: Format, paper: Paper, audience: Audience): Promise<string | null>
  /** The summary in a window of its own, with the system's print dialog over it; the window closes with the dialog. */
  printSummary(client: ClientId, period: Period, lang: Language, audience: Audience): Promise<void>
  /** The latest reminders delivered, newest first. */
  sentReminders(limit: number): Promise<SentReminder[]>
  /** What is due now and what waits (quiet hours, the digest, a snooze), delivering nothing. */
  reminderPlan(): Promise<ReminderPlan>
  /** Holds a reminder back; answers when the snooze ends (an instant). */
  snoozeReminder(key: string, how: SnoozeForm): Promise<string>
  desktopSettings(): Promise<DesktopSettings>
  setKeepInTray(on: boolean): Promise<DesktopSettings>
  setStartAtLogin(on: boolean): Promise<DesktopSettings>
  /** Calls `handler` when the app asks for a screen (a clicked reminder); answers the way to stop listening. */
  onNavigate(handler: (to: Navigate) => void): Promise<() => void>
  /** The file dialog for contacts files; what each picked file looks like, or null when the user cancelled. */
  pickContacts(): Promise<PickedFile[] | null>
  /** What importing the picked files would do now; writes nothing. */
  previewImport(request: ImportRequest): Promise<Preview>
  /** Imports exactly the preview `planId`; refused (`preview_outdated`) when the journal changed since. */
  commitImport(request: ImportRequest, planId: string): Promise<Committed>
  undoImport(batch: string): Promise<Undone>
  importBatches(): Promise<ImportBatch[]>
  /** Calls `handler` while picked files are read; answers the way to stop listening. */
  onImportProgress(handler: (p: ImportProgress) => void): Promise<() => void>
  /** The backups, newest first, where they are kept, and whether the newest good one is too old. */
  backups(): Promise<Backups>
  backUpNow(): Promise<BackupInfo>
  /** Replaces the journal by one of the listed backups (the current one is kept as a backup first). */
  restoreBackup(path: string): Promise<void>
  /** The same, from a backup file the user picks; false when the dialog was cancelled. */
  restoreBackupFile(): Promise<boolean>
  /** Calls `handler` when the day's backup changed the backup folder (a new backup, or a damaged journal's copy); answers the way to stop listening. */
  onBackupsChanged(handler: () => void): Promise<() => void>
  /** Asks where, then writes the file of every client there; the path, or null when the user cancelled. */
  exportFile(kind: ExportKind): Promise<string | null>
  /** The user's own addresses: mail from one of them goes out. */
  mailAddresses(): Promise<string[]>
  /** Adds one of the user's addresses; answers them all. */
  addMailAddress(address: string): Promise<string[]>
  /** Removes one of the user's addresses; answers those left. */
  removeMailAddress(address: string): Promise<string[]>
  /** The domains marked as a client's own, by domain. */
  clientDomains(): Promise<ClientDomain[]>
  /** Marks a domain as the client's (a free-mail one is refused); answers every marked domain. */
  markClientDomain(client: ClientId, domain: string): Promise<ClientDomain[]>
  unmarkClientDomain(client: ClientId, domain: string): Promise<ClientDomain[]>
  /** The shell's file dialog for .eml and mbox files (its title and filter worded by the UI), then each imported; null when the user cancelled. */
  importMailFiles(title: string, filter: string): Promise<FileImport[] | null>
  /** The mail proposals awaiting review, oldest message first. */
  mailReview(): Promise<ProposalView[]>
  /** How many mail proposals await review. */
  mailPending(): Promise<number>
  /** The client's open requests, newest first: what a proposal can be linked to. */
  openRequests(client: ClientId): Promise<OpenRequest[]>
  reviewMail(decisions: MailDecision[]): Promise<Reviewed[]>
  /** Undoes a review: the proposal awaits review again, and what accepting it wrote is undone. */
  takeBackMailReview(id: number): Promise<void>
  /** Accepts every pending proposal as proposed. */
  acceptAllMail(): Promise<Reviewed[]>
  /** Opens the message an entry came from in the user's mail program; false when it came from no mail the program can find. */
  openInMailApp(entry: EntryId): Promise<boolean>
  /** Calls `handler` with what mail files dropped on the window gave (the shell imports them); answers the way to stop listening. */
  onMailDropped(handler: (dropped: MailDropped) => void): Promise<() => void>
  /** The IMAP accounts, with when their last sync ran and how it ended. */
  mailAccounts(): Promise<MailAccount[]>
  /** Tests the login, lists the folders, saves the account, keeps the password in the keychain (or says why not). */
  addMailAccount(account: AccountForm): Promise<AccountAdded>
  /** Opens the provider's sign-in page in the browser, waits (at most 5 minutes) for it to come back, then tests, saves and keeps the sign-in as addMailAccount does. */
  addOAuthMailAccount(account: OAuthAccountForm): Promise<AccountAdded>
  /** Stops the sign-in waiting for the browser: it ends refused with sign_in_cancelled. */
  cancelMailSignIn(): Promise<void>
  /** Why the keychain could not keep the new sign-in, if so. */
  signInMailAccountAgain(name: string, clientSecret: string | null): Promise<Refusal | null>
  /** Removes an account and forgets its password; answers why the keychain could not forget it, if so. */
  removeMailAccount(name: string): Promise<Refusal | null>
  /** Syncs an account now (after a sync of it already running); without `password`, the keychain's (refused with mail_no_password or keychain_unavailable when there is none). */
  syncMailAccount(name: string, password: string | null): Promise<SyncReport>
  /** Calls `handler` as a sync, Sync now's or the app's own, gets on; answers the way to stop listening. */
  onMailSyncProgress(handler: (p: SyncProgress) => void): Promise<() => void>
  /** Calls `handler` when a sync ended, with what it brought or why it failed; answers the way to stop listening. */
  onMailSynced(handler: (done: MailSynced) => void): Promise<() => void>
  /** Calls `handler` as mail files (picked or dropped) are read; answers the way to stop listening. */
  onMailImportProgress(handler: (p: MailImportProgress) => void): Promise<() => void>
}

/** A refusal from the core: branch on `code`, word it with `refusal()`, place it next to `field`. */
export class BackendError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message)
  }
  get code() {
    return this.error.code
  }
  get field() {
    return this.error.field
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** A refusal with the given facts and no others: for failures that are not the core's (and for tests). */
export function ipcError(code: Code, facts: Partial<Refusal> = {}, message = code as string): IpcError {
  const none = { field: null, value: null, kind: null, other: null, at: null, against: null, day: null, limit: null, count: null }
  return { code, ...none, path: null, choices: [], detail: null, ...facts, message }
}

type Invoke = (cmd: Command, args?: Record<string, unknown>) => Promise<unknown>
type Listen = <T>(event: string, handler: (event: { payload: T }) => void) => Promise<() => void>

/** The backend over Tauri's IPC; `invoke` and `listen` are injected so that this module can be tested too. */
export function tauriBackend(invoke: Invoke, listen: Listen): Backend {
  // `Command`: only a command the shell registers type-checks.
  const call = async <T>(cmd: Command, args?: Record<string, unknown>): Promise<T> => {
    try {
      return (await invoke(cmd, args)) as T
    } catch (e) {
      // Not the core's refusal: Tauri's own failure (a command the window may not call, say).
      throw new BackendError(isIpcError(e) ? e : ipcError('internal', { detail: String(e) }, String(e)))
    }
  }
  return {
    journalInfo: () => call('journal_info'),
    loadSample: () => call('load_sample'),
    today: () => call('today'),
    clientLines: (withArchived) => call('client_lines', { withArchived }),
    clientPage: (id) => call('client_page', { id }),
    addClient: (form) => call('add_client', { form }),
    editClient: (id, form) => call('edit_client', { id, form }),
    archiveClient: (id, archive) => call('archive_client', { id, archive }),
    addEntry: (form) => call('add_entry', { form }),
    promiseCheck: (client, kind, due) => call('promise_check', { client, kind, due }),
    recoveryDraft: (entry, choices) => call('recovery_draft', { entry, choices }),
    recoveryCheck: (text, language) => call('recovery_check', { text, language }),
    openRecoveryMail: (entry, subject, body) => call('open_recovery_mail', { entry, subject, body }),
    recoverySent: (entry, steps) => call('recovery_sent', { entry, steps }),
    act: (id, action) => call('act', { id, action }),
    undo: (done) => call('undo', { done }),
    editEntry: (id, edit) => call('edit_entry', { id, edit }),
    editEvent: (id, event, edit) => call('edit_event', { id, event, edit }),
    removeEvent: (id, event) => call('remove_event', { id, event }),
    history: (id) => call('history', { id }),
    trash: () => call('trash'),
    moveToTrash: (id) => call('move_to_trash', { id }),
    restore: (id) => call('restore', { id }),
    dateShortcuts: () => call('date_shortcuts'),
    readWhen: (text, field) => call('read_when', { text, field }),
    timeZones: () => call('time_zones'),
    settings: () => call('settings'),
    setSetting: (key, value) => call('set_setting', { key, value }),
    addHoliday: (date, name) => call('add_holiday', { date, name }),
    removeHoliday: (date) => call('remove_holiday', { date }),
    chooseFolder: (folder) => call('choose_folder', { folder }),
    clearFolder: (folder) => call('clear_folder', { folder }),
    search: (query) => call('search', { query }),
    summaryAddress: (client, period, lang, audience) => call('summary_address', { client, period, lang, audience }),
    saveSummary: (client, period, lang, format, paper, audience) => call('save_summary', { client, period, lang, format, paper, audience }),
    printSummary: (client, period, lang, audience) => call('print_summary', { client, period, lang, audience }),
    sentReminders: (limit) => call('sent_reminders', { limit }),
    reminderPlan: () => call('reminder_plan'),
    snoozeReminder: (key, how) => call('snooze_reminder', { key, how }),
    desktopSettings: () => call('desktop_settings'),
    setKeepInTray: (on) => call('set_keep_in_tray', { on }),
    setStartAtLogin: (on) => call('set_start_at_login', { on }),
    onNavigate: (handler) => listen<Navigate>('navigate', (event) => handler(event.payload)),
    pickContacts: () => call('pick_contacts'),
    previewImport: (request) => call('preview_import', { request }),
    commitImport: (request, planId) => call('commit_import', { request, planId }),
    undoImport: (batch) => call('undo_import', { batch }),
    importBatches: () => call('import_batches'),
    backups: () => call('backups'),
    backUpNow: () => call('back_up_now'),
    restoreBackup: (path) => call('restore_backup', { path }),
    restoreBackupFile: () => call('restore_backup_file'),
    onBackupsChanged: (handler) => listen<null>('backups-changed', () => handler()),
    exportFile: (kind) => call('export_file', { kind }),
    mailAddresses: () => call('mail_addresses'),
    addMailAddress: (address) => call('add_mail_address', { address }),
    removeMailAddress: (address) => call('remove_mail_address', { address }),
    clientDomains: () => call('client_domains'),
    markClientDomain: (client, domain) => call('mark_client_domain', { client, domain }),
    unmarkClientDomain: (client, domain) => call('unmark_client_domain', { client, domain }),
    importMailFiles: (title, filter) => call('import_mail_files', { title, filter }),
    mailReview: () => call('mail_review'),
    mailPending: () => call('mail_pending'),
    openRequests: (client) => call('open_requests', { client }),
    reviewMail: (decisions) => call('review_mail', { decisions }),
    takeBackMailReview: (id) => call('take_back_mail_review', { id }),
    acceptAllMail: () => call('accept_all_mail'),
    openInMailApp: (entry) => call('open_in_mail_app', { entry }),
    onMailDropped: (handler) => listen<MailDropped>('mail-dropped', (event) => handler(event.payload)),
    mailAccounts: () => call('mail_accounts'),
    addMailAccount: (account) => call('add_mail_account', { account }),
    addOAuthMailAccount: (account) => call('add_oauth_mail_account', { account }),
    cancelMailSignIn: () => call('cancel_mail_sign_in'),
    signInMailAccountAgain: (name, clientSecret) => call('sign_in_mail_account_again', { name, clientSecret }),
    removeMailAccount: (name) => call('remove_mail_account', { name }),
    syncMailAccount: (name, password) => call('sync_mail_account', { name, password }),
    onImportProgress: (handler) => listen<ImportProgress>('import-progress', (event) => handler(event.payload)),
    onMailSyncProgress: (handler) => listen<SyncProgress>('mail-sync-progress', (event) => handler(event.payload)),
    onMailSynced: (handler) => listen<MailSynced>('mail-synced', (event) => handler(event.payload)),
    onMailImportProgress: (handler) => listen<MailImportProgress>('mail-import-progress', (event) => handler(event.payload)),
  }
}

let current: Backend | null = null

/** The backend in use: Tauri's, unless a test installed another. */
export async function backend(): Promise<Backend> {
  // Imported with the page, not on first use: a dynamic import is two more
  // fetches, one after the other, before the first screen's first call.
  current ??= tauriBackend(invoke, listen)
  return current
}

export function useBackend(b: Backend) {
  current = b
}
