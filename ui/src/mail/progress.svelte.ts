// How far the syncs and mail imports running now have got, as the shell tells
// it (`mail-sync-progress`, `mail-synced`, `mail-import-progress`), for
// Settings → Mail to say in words. Syncs run by themselves too: the window
// hears of them wherever the user is.
import './messages'
import type { MailImportProgress } from '../lib/bindings/MailImportProgress'
import type { MailSynced } from '../lib/bindings/MailSynced'
import type { SyncProgress } from '../lib/bindings/SyncProgress'
import { t, tn } from '../lib/i18n.svelte'
import * as format from '../lib/format'
import { locale } from '../lib/i18n.svelte'

class MailProgress {
  /** The syncs running, by account. */
  syncs: Record<string, SyncProgress> = $state({})
  /** The file being imported, until the last file is read. */
  importing: MailImportProgress | null = $state(null)
  /** Counts the syncs that ended: the accounts list reads their last sync again. */
  ended = $state(0)

  syncing(p: SyncProgress) {
    this.syncs = { ...this.syncs, [p.account]: p }
  }

  synced(done: MailSynced) {
    const { [done.account]: _, ...others } = this.syncs
    this.syncs = others
    this.ended += 1
  }

  imported(p: MailImportProgress) {
    this.importing = p.finished && p.files_done + 1 >= p.files ? null : p
  }

  /** The import ended, whole or refused: nothing is being read any more. */
  importEnded() {
    this.importing = null
  }
}

export const mailProgress = new MailProgress()

/** Whether a sync brought anything into the journal (proposals, or entries of automatic clients): the screens then read again. */
export function broughtMail(done: MailSynced): boolean {
  return (done.report?.folders ?? []).some((f) => f.proposals + f.accepted > 0)
}

/** "Syncing Work: 120 of 800 messages"; before the count is known, "Syncing Work…". */
export function syncText(p: SyncProgress): string {
  if (p.total === 0) return t('mail.progress.sync_start', { account: p.account })
  return tn('mail.progress.sync', p.total, { account: p.account, done: format.number(p.done, locale.lang) })
}

/** "Importing Inbox.mbox: 1,200 messages read", with "(file 2 of 3)" when several were picked. */
export function importText(p: MailImportProgress): string {
  const read = tn('mail.progress.import', p.messages, { file: p.file })
  return p.files > 1 ? `${read} ${t('mail.progress.import_file', { n: p.files_done + 1, of: p.files })}` : read
}
