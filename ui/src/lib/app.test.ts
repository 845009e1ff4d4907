import { beforeEach, describe, expect, it } from 'vitest'
import { useBackend, ipcError } from './api'
import { app, firstRoute } from './app.svelte'
import { fakeBackend } from './fakeBackend'
import type { JournalInfo } from './bindings/JournalInfo'
import type { Settings } from './bindings/Settings'
import type { Today } from './bindings/Today'
import { locale } from './i18n.svelte'

const info = (clients: number): JournalInfo => ({ path: '/tmp/t.db', problem: null, clients, system_language: 'en', now: '2026-03-05T08:00:00Z', read_only: null, backup: null })
const today = (n: number): Today => ({
  generated_at: '2026-03-05T08:00:00Z',
  matters: Array.from({ length: n }, (_, i) => ({
    client_id: `c${i}`,
    client: `Client ${i}`,
    entry_id: null,
    severity: 'medium',
    since: '2026-03-01T08:00:00Z',
    signals: [
      { client_id: `c${i}`, client: `Client ${i}`, kind: 'silence', severity: 'medium', since: '2026-03-01T08:00:00Z', explanation: '…', entry_ids: [] },
    ],
    due: null,
    answer_by: null,
  })),
})
const settings = { language: 'es', time_zone: 'Europe/Madrid' } as Settings

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = undefined
})

describe('starting the app', () => {
  it('asks for info, settings and Today at once, and the first Today screen uses that answer', async () => {
    const fake = fakeBackend({
      journalInfo: () => Promise.resolve(info(3)),
      settings: () => Promise.resolve(settings),
      today: () => Promise.resolve(today(2)),
    })
    useBackend(fake)
    await app.start()
    expect(fake.today).toHaveBeenCalledTimes(1)
    expect(locale.lang).toBe('es')
    expect(locale.timeZone).toBe('Europe/Madrid')
    expect((await app.today()).matters).toHaveLength(2)
    expect(fake.today).toHaveBeenCalledTimes(1)
    // Any later visit reads again.
    await app.today()
    expect(fake.today).toHaveBeenCalledTimes(2)
  })

  it('never shows the empty journal’s Today after the sample data was loaded', async () => {
    let signals = 0
    const fake = fakeBackend({
      journalInfo: () => Promise.resolve(info(signals === 0 ? 0 : 12)),
      settings: () => Promise.resolve(settings),
      today: () => Promise.resolve(today(signals)),
    })
    useBackend(fake)
    await app.start()
    signals = 13 // the sample data was written
    await app.changed()
    expect((await app.today()).matters).toHaveLength(13)
  })

  it('shows the problem when the journal could not be opened, though settings and Today were refused', async () => {
    const fake = fakeBackend({
      journalInfo: () => Promise.resolve({ ...info(0), problem: ipcError('corrupt', { detail: 'file is not a database' }, 'not a Trato journal') }),
    })
    useBackend(fake)
    await app.start()
    expect(app.info?.problem?.code).toBe('corrupt')
    expect(app.settings).toBeNull()
  })
})

describe('the first screen', () => {
  it('is the client a new window was opened on, or Today', () => {
    expect(firstRoute('?client=0190a000-0000-7000-8000-000000000001')).toEqual({ name: 'client', id: '0190a000-0000-7000-8000-000000000001' })
    expect(firstRoute('')).toEqual({ name: 'today' })
    expect(firstRoute('?other=1')).toEqual({ name: 'today' })
  })
})
