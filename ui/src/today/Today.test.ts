import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import type { Today as TodayData } from '../lib/bindings/Today'
import { locale } from '../lib/i18n.svelte'
import { app } from '../lib/app.svelte'
import Today from './Today.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
const PROMISE = '01900000-0000-7000-8000-0000000000aa'

const TODAY: TodayData = {
  generated_at: '2026-03-05T08:00:00Z',
  signals: [
    {
      client_id: SOL,
      client: 'Panadería Sol',
      kind: 'promise_overdue',
      severity: 'high',
      since: '2026-03-04T23:00:00Z',
      explanation: '“New menu online” was due Wed 4 Mar and is 9 hours late.',
      entry_ids: [PROMISE],
    },
  ],
}


let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
  fake = fakeBackend({
    today: () => Promise.resolve(TODAY),
    act: () => Promise.resolve({ entry: PROMISE, event: 0, version: 2 }),
    // The business calendar's answer on Friday 6 March: Monday 9 (the day after would be Saturday).
    dateShortcuts: () => Promise.resolve({ today: '2026-03-06', tomorrow: '2026-03-07', next_working_day: '2026-03-09' }),
    readWhen: (text) => Promise.resolve(text),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('Today', () => {
  it('shows each signal with its client, severity and the core’s explanation', async () => {
    render(Today)
    const signal = await screen.findByTestId('signal')
    expect(signal.dataset.kind).toBe('promise_overdue')
    expect(signal.textContent).toContain('Overdue promise')
    expect(signal.textContent).toContain('Panadería Sol')
    expect(signal.textContent).toContain('is 9 hours late')
    expect(signal.textContent).toContain('High')
  })

  it('marks a promise kept in one click', async () => {
    render(Today)
    await fireEvent.click(await screen.findByTestId('act-keep'))
    await waitFor(() => expect(fake.act).toHaveBeenCalledWith(PROMISE, { action: 'keep' }))
  })

  it('offers to take back a Kept pressed by mistake, handing the core what the action answered', async () => {
    fake.undo.mockResolvedValue()
    render(Today)
    await fireEvent.click(await screen.findByTestId('act-keep'))
    await waitFor(() => expect(app.undo).not.toBeNull())
    expect(app.notice).toBe('Marked kept.')
    await app.takeBack()
    expect(fake.undo).toHaveBeenCalledWith({ entry: PROMISE, event: 0, version: 2 })
  })

  it('asks for a reason before moving a date, and offers the next working day (Monday, on a Friday)', async () => {
    fake.today.mockResolvedValue({ ...TODAY, generated_at: '2026-03-06T08:00:00Z' })
    render(Today)
    await fireEvent.click(await screen.findByTestId('act-reschedule'))
    const due = screen.getByTestId('reschedule-due') as HTMLInputElement
    await waitFor(() => expect(due.value).toBe('2026-03-09'))
    expect(due.type, 'a text field the core reads, not the system’s date widget').toBe('text')
    await fireEvent.click(screen.getByTestId('reschedule-save'))
    expect(screen.getByTestId('reschedule-reason').getAttribute('aria-invalid')).toBe('true')
    expect(fake.act).not.toHaveBeenCalled()

    await fireEvent.input(screen.getByTestId('reschedule-reason'), { target: { value: 'waiting for photos' } })
    await fireEvent.click(screen.getByTestId('reschedule-save'))
    await waitFor(() =>
      expect(fake.act).toHaveBeenCalledWith(PROMISE, { action: 'reschedule', due: '2026-03-09', reason: 'waiting for photos' }),
    )
  })

  it('says so when nothing needs attention', async () => {
    fake.today.mockResolvedValue({ generated_at: TODAY.generated_at, signals: [] })
    render(Today)
    expect((await screen.findByTestId('today-calm')).textContent).toContain('Nothing needs your attention')
  })
})
