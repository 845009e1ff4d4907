import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { Backups as BackupsList } from '../lib/bindings/Backups'
import type { Settings } from '../lib/bindings/Settings'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import Backups from './Backups.svelte'

const list: BackupsList = {
  folder: '/home/ana/.local/share/trato/backups',
  list: [
    { path: '/b/trato-2026-11-23T080000Z-daily.sqlite', taken_at: '2026-11-23T08:00:00Z', reason: 'daily', size_bytes: 2097152, entries: 120, verified: true },
    { path: '/b/trato-2026-11-20T080000Z-import.sqlite', taken_at: '2026-11-20T08:00:00Z', reason: 'import', size_bytes: 1048576, entries: 80, verified: true },
  ],
  status: { last_good: '2026-11-23T08:00:00Z', stale: false, damaged: null },
}
let fake: FakeBackend
let props: { folder: string | null }

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.notice = null
  app.info = null
  app.settings = null
  fake = fakeBackend({ backups: () => Promise.resolve(list), restoreBackup: () => Promise.resolve() })
  useBackend(fake)
  props = { folder: null }
})
afterEach(() => cleanup())

describe('Backups', () => {
  it('lists the backups with why they were made and how many entries they hold', async () => {
    render(Backups, { props })
    const rows = await screen.findAllByTestId('backup')
    expect(rows.map((r) => r.dataset.reason)).toEqual(['daily', 'import'])
    expect(rows[1].textContent).toContain('before an import')
    expect(rows[1].textContent).toContain('80 entries')
  })

  it('restores only after the user confirms what will be replaced', async () => {
    render(Backups, { props })
    await fireEvent.click((await screen.findAllByTestId('backup-restore'))[1])
    expect(fake.restoreBackup).not.toHaveBeenCalled()
    expect(screen.getByTestId('backup-confirm').textContent).toContain('Replace your journal with the backup of')
    expect(screen.getByTestId('backup-confirm').textContent).toContain('80 entries')
    await fireEvent.click(screen.getByTestId('backup-confirm-yes'))
    await waitFor(() => expect(fake.restoreBackup).toHaveBeenCalledWith('/b/trato-2026-11-20T080000Z-import.sqlite'))
    await waitFor(() => expect(app.notice).toContain('Journal restored from the backup of'))
  })

  it('backs up now and says where', async () => {
    fake.backUpNow.mockImplementation(() =>
      Promise.resolve({ path: '/b/trato-2026-11-23T090000Z-manual.sqlite', taken_at: '2026-11-23T09:00:00Z', reason: 'manual', size_bytes: 1, entries: 1, verified: true }),
    )
    render(Backups, { props })
    await fireEvent.click(await screen.findByTestId('backup-now'))
    await waitFor(() => expect(app.notice).toBe('Backed up: /b/trato-2026-11-23T090000Z-manual.sqlite'))
  })

  it('keeps the backups in a folder chosen in the system’s dialog, never typed, and says where they are', async () => {
    fake.chooseFolder.mockImplementation(() => Promise.resolve({ backups: { folder: '/media/ana/USB/trato' } } as Settings))
    render(Backups, { props })
    expect((await screen.findByTestId('backups-folder')).textContent).toBe('/home/ana/.local/share/trato/backups')
    expect(screen.queryByRole('textbox'), 'a typed path would let the page point the backups at a file it planted').toBeNull()
    expect(screen.getByTestId('folder-backups').textContent, 'no folder chosen: the default beside the journal').toBe('A "backups" folder beside the journal')
    expect(screen.queryByTestId('folder-backups-clear'), 'already the default').toBeNull()
    await fireEvent.click(screen.getByTestId('folder-backups-choose'))
    expect(fake.chooseFolder).toHaveBeenCalledWith('backups')
    await waitFor(() => expect(app.settings?.backups.folder).toBe('/media/ana/USB/trato'))
  })

  it('goes back to the folder beside the journal', async () => {
    fake.clearFolder.mockImplementation(() => Promise.resolve({ backups: { folder: null } } as Settings))
    render(Backups, { props: { folder: '/media/ana/USB/trato' } })
    expect((await screen.findByTestId('folder-backups')).textContent).toBe('/media/ana/USB/trato')
    await fireEvent.click(screen.getByTestId('folder-backups-clear'))
    expect(fake.clearFolder).toHaveBeenCalledWith('backups')
    await waitFor(() => expect(app.settings?.backups.folder).toBeNull())
  })
})
