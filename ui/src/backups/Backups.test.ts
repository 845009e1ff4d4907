import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { Backups as BackupsList } from '../lib/bindings/Backups'
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
let props: { folder: string | null; errors: Record<string, string>; set: Mock<(key: string, value: string) => Promise<void>> }

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.notice = null
  app.info = null
  fake = fakeBackend({ backups: () => Promise.resolve(list), restoreBackup: () => Promise.resolve() })
  useBackend(fake)
  props = { folder: null, errors: {}, set: vi.fn(() => Promise.resolve()) }
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

  it('lets the user keep the backups on another disk, and says where they are', async () => {
    render(Backups, { props })
    expect((await screen.findByTestId('backups-folder')).textContent).toBe('/home/ana/.local/share/trato/backups')
    const field = screen.getByTestId<HTMLInputElement>('setting-backups-folder')
    expect(field.value, 'no folder chosen: the default beside the journal').toBe('')
    await fireEvent.change(field, { target: { value: ' /media/ana/USB/trato ' } })
    expect(props.set).toHaveBeenCalledWith('backups.folder', '/media/ana/USB/trato')
    await fireEvent.change(field, { target: { value: '' } })
    expect(props.set).toHaveBeenLastCalledWith('backups.folder', 'none')
  })

  it("shows the core's refusal of a folder next to the field", async () => {
    render(Backups, { props: { ...props, folder: 'x', errors: { 'backups.folder': 'a backup folder must be a path' } } })
    const field = await screen.findByTestId('setting-backups-folder')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    const said = document.getElementById(field.getAttribute('aria-describedby') ?? '')
    expect(said?.textContent, 'a screen reader reads the refusal with the field').toBe('a backup folder must be a path')
  })
})
