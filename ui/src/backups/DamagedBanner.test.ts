import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { Backups } from '../lib/bindings/Backups'
import type { Damage } from '../lib/bindings/Damage'
import type { JournalInfo } from '../lib/bindings/JournalInfo'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import DamagedBanner from './DamagedBanner.svelte'

const damage: Damage = { found_at: '2026-03-05T08:00:03Z', copy: '/b/trato-2026-03-05T080003Z-daily.sqlite.failed' }
const backups: Backups = {
  folder: '/b',
  list: [
    // The damaged journal's copy is the newest: never the one offered.
    { path: damage.copy, taken_at: damage.found_at, reason: 'daily', size_bytes: 4096, entries: null, verified: false },
    { path: '/b/trato-2026-03-04T080000Z-daily.sqlite', taken_at: '2026-03-04T08:00:00Z', reason: 'daily', size_bytes: 4096, entries: 84, verified: true },
  ],
  status: { last_good: '2026-03-04T08:00:00Z', stale: false, damaged: damage },
}
const healthy: JournalInfo = {
  path: '/j/trato.db',
  problem: null,
  clients: 12,
  system_language: 'en',
  now: '2026-03-05T08:01:00Z',
  read_only: null,
  backup: { last_good: '2026-03-04T08:00:00Z', stale: false, damaged: null },
}
let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.notice = null
  fake = fakeBackend({
    backups: () => Promise.resolve(backups),
    restoreBackup: () => Promise.resolve(),
    journalInfo: () => Promise.resolve(healthy),
    settings: () => Promise.reject(new Error('not needed')),
    today: () => Promise.resolve({ generated_at: healthy.now, matters: [] }),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('the damaged-journal banner', () => {
  it('says plainly that the journal is damaged, since when, and where its copy is', async () => {
    render(DamagedBanner, { props: { damage } })
    const banner = await screen.findByTestId('damaged-banner')
    expect(banner.getAttribute('role'), 'read out as soon as it appears').toBe('alert')
    expect(banner.textContent).toContain('Your journal is damaged: its backup of')
    expect(banner.textContent).toContain('failed the integrity check')
    expect(banner.textContent).toContain(damage.copy)
  })

  it('offers the newest backup that passed its check, and restores it when asked', async () => {
    render(DamagedBanner, { props: { damage } })
    const offer = await screen.findByTestId('damaged-backup')
    expect(offer.textContent, 'the damaged copy is newer, but only a good backup is offered').toContain('84 entries')
    await fireEvent.click(screen.getByTestId('damaged-restore'))
    await waitFor(() => expect(fake.restoreBackup).toHaveBeenCalledWith('/b/trato-2026-03-04T080000Z-daily.sqlite'))
    await waitFor(() => expect(app.notice).toContain('Journal restored from the backup of'))
    expect(app.info?.backup?.damaged, 'the journal is read again after the restore').toBeNull()
  })

  it('says when there is no good backup to go back to', async () => {
    fake.backups.mockImplementation(() => Promise.resolve({ ...backups, list: [backups.list[0]] }))
    render(DamagedBanner, { props: { damage } })
    expect((await screen.findByTestId('damaged-no-backup')).textContent).toBe('No backup of this journal was found beside it.')
    expect(screen.queryByTestId('damaged-restore')).toBeNull()
  })

  it('goes away when put off, until the journal is found damaged again', async () => {
    const { rerender } = render(DamagedBanner, { props: { damage } })
    await fireEvent.click(await screen.findByTestId('damaged-later'))
    expect(screen.queryByTestId('damaged-banner')).toBeNull()
    await rerender({ damage: { ...damage } })
    expect(screen.queryByTestId('damaged-banner'), 'the same damage read again is not said again').toBeNull()
    await rerender({ damage: { found_at: '2026-03-06T08:00:02Z', copy: '/b/trato-2026-03-06T080002Z-daily.sqlite.failed' } })
    expect(await screen.findByTestId('damaged-banner'), "the next day's check found it damaged still: said again").toBeTruthy()
  })
})
