import { describe, expect, it } from 'vitest'
import type { FolderSync } from '../lib/bindings/FolderSync'
import { locale } from '../lib/i18n.svelte'
import { broughtMail, importText, mailProgress, syncText } from './progress.svelte'

const folder = (f: Partial<FolderSync>): FolderSync => ({
  folder: 'INBOX',
  new: 0,
  already_seen: 0,
  proposals: 0,
  accepted: 0,
  machine_made: 0,
  not_client_mail: 0,
  unreadable: 0,
  rescanned: false,
  outcome: 'ok',
  ...f,
})

describe('the progress of syncs and imports, in words', () => {
  it('says how far a sync got, in English and in Spanish', () => {
    locale.lang = 'en'
    expect(syncText({ account: 'Work', folder: 'INBOX', done: 120, total: 800 })).toBe('Syncing Work: 120 of 800 messages')
    expect(syncText({ account: 'Work', folder: 'INBOX', done: 1200, total: 8000 })).toBe('Syncing Work: 1,200 of 8,000 messages')
    expect(syncText({ account: 'Work', folder: 'INBOX', done: 0, total: 1 })).toBe('Syncing Work: 0 of 1 message')
    expect(syncText({ account: 'Work', folder: 'INBOX', done: 0, total: 0 })).toBe('Syncing Work…')
    locale.lang = 'es'
    expect(syncText({ account: 'Trabajo', folder: 'INBOX', done: 120, total: 800 })).toBe('Sincronizando Trabajo: 120 de 800 mensajes')
    expect(syncText({ account: 'Trabajo', folder: 'INBOX', done: 0, total: 0 })).toBe('Sincronizando Trabajo…')
  })

  it('says how many messages of which file an import has read', () => {
    locale.lang = 'en'
    const one = { file: 'Inbox.mbox', files_done: 0, files: 1, messages: 1200, finished: false }
    expect(importText(one)).toBe('Importing Inbox.mbox: 1,200 messages read')
    expect(importText({ ...one, files_done: 1, files: 3, messages: 1 })).toBe('Importing Inbox.mbox: 1 message read (file 2 of 3)')
    locale.lang = 'es'
    expect(importText({ ...one, files_done: 1, files: 3 })).toBe('Importando Inbox.mbox: 1200 mensajes leídos (archivo 2 de 3)')
  })

  it('keeps a sync’s progress until it ended, and an import’s until its last file is read', () => {
    mailProgress.syncing({ account: 'Work', folder: 'INBOX', done: 10, total: 80 })
    mailProgress.syncing({ account: 'Home', folder: 'INBOX', done: 0, total: 5 })
    mailProgress.syncing({ account: 'Work', folder: 'Sent', done: 40, total: 80 })
    expect(mailProgress.syncs.Work.done).toBe(40)
    const ended = mailProgress.ended
    mailProgress.synced({ account: 'Work', report: null, refused: null })
    expect(Object.keys(mailProgress.syncs)).toEqual(['Home'])
    expect(mailProgress.ended, 'the accounts list reads the last sync again').toBe(ended + 1)

    const file = { file: 'a.mbox', files_done: 0, files: 2, messages: 0, finished: false }
    mailProgress.imported(file)
    mailProgress.imported({ ...file, messages: 300, finished: true })
    expect(mailProgress.importing?.messages, 'one of two files read: still importing').toBe(300)
    mailProgress.imported({ ...file, file: 'b.eml', files_done: 1, messages: 1, finished: true })
    expect(mailProgress.importing).toBeNull()
  })

  it('reads the screens again only when a sync brought mail into the journal', () => {
    const report = (folders: FolderSync[]) => ({ account: 'Work', report: { account: 'Work', folders }, refused: null })
    expect(broughtMail(report([folder({ already_seen: 3, not_client_mail: 9 })]))).toBe(false)
    expect(broughtMail(report([folder({}), folder({ folder: 'Sent', proposals: 1 })]))).toBe(true)
    expect(broughtMail(report([folder({ accepted: 2 })])), 'an automatic client’s mail is on its timeline already').toBe(true)
    expect(broughtMail({ account: 'Work', report: null, refused: null })).toBe(false)
  })
})
