// A Backend for screen tests: every method refuses, so a screen calling what a
// test did not expect fails loudly, unless the test gives that method an answer.
import { vi, type Mock } from 'vitest'
import type { Backend } from './api'

export type FakeBackend = { [K in keyof Backend]: Mock<Backend[K]> }

// Naming every method here (the type checker insists on all of them) keeps the fake whole when the Backend grows.
const METHODS: Record<keyof Backend, true> = {
  journalInfo: true,
  loadSample: true,
  today: true,
  clientLines: true,
  clientPage: true,
  addClient: true,
  editClient: true,
  archiveClient: true,
  addEntry: true,
  promiseCheck: true,
  act: true,
  undo: true,
  editEntry: true,
  editEvent: true,
  removeEvent: true,
  history: true,
  trash: true,
  moveToTrash: true,
  restore: true,
  dateShortcuts: true,
  readWhen: true,
  timeZones: true,
  settings: true,
  setSetting: true,
  addHoliday: true,
  removeHoliday: true,
  chooseFolder: true,
  clearFolder: true,
  search: true,
  summaryAddress: true,
  saveSummary: true,
  printSummary: true,
  sentReminders: true,
  reminderPlan: true,
  snoozeReminder: true,
  desktopSettings: true,
  setKeepInTray: true,
  setStartAtLogin: true,
  onNavigate: true,
  pickContacts: true,
  previewImport: true,
  commitImport: true,
  undoImport: true,
  importBatches: true,
  onImportProgress: true,
  backups: true,
  backUpNow: true,
  restoreBackup: true,
  restoreBackupFile: true,
  onBackupsChanged: true,
  exportFile: true,
  mailAddresses: true,
  addMailAddress: true,
  removeMailAddress: true,
  clientDomains: true,
  markClientDomain: true,
  unmarkClientDomain: true,
  importMailFiles: true,
  mailReview: true,
  mailPending: true,
  openRequests: true,
  reviewMail: true,
  takeBackMailReview: true,
  acceptAllMail: true,
  openInMailApp: true,
  onMailDropped: true,
  mailAccounts: true,
  addMailAccount: true,
  addOAuthMailAccount: true,
  cancelMailSignIn: true,
  signInMailAccountAgain: true,
  removeMailAccount: true,
  syncMailAccount: true,
  onMailSyncProgress: true,
  onMailSynced: true,
  onMailImportProgress: true,
}

export function fakeBackend(answers: Partial<Backend> = {}): FakeBackend {
  const fake: Partial<Record<keyof Backend, unknown>> = {}
  for (const name of Object.keys(METHODS) as (keyof Backend)[]) {
    fake[name] = vi.fn(answers[name] ?? (() => Promise.reject(new Error(`${name} was not expected in this test`))))
  }
  return fake as FakeBackend
}
