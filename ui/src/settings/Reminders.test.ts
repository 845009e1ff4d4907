import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../lib/messages'
import { BackendError, ipcError, useBackend } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import type { DesktopSettings } from '../lib/bindings/DesktopSettings'
import type { ReminderPlan } from '../lib/bindings/ReminderPlan'
import type { ReminderSettings } from '../lib/bindings/ReminderSettings'
import type { SentReminder } from '../lib/bindings/SentReminder'
import { locale } from '../lib/i18n.svelte'
import Reminders from './Reminders.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
const KEY = 'promise_overdue/01900000-0000-7000-8000-0000000000aa/2026-03-04'

const REMINDERS: ReminderSettings = {
  enabled: true,
  promise_due_soon: true,
  promise_overdue: true,
  request_answer_soon: true,
  request_unanswered: true,
  incident_unacknowledged: true,
  lead_hours: 24,
  answer_soon_business_hours: 2,
  quiet_hours: { mode: 'outside_business_hours', from: '20:00:00', until: '08:00:00' },
  digest: true,
  digest_time: '09:00:00',
  digest_over: 3,
}

const SENT: SentReminder = {
  key: KEY,
  kind: 'promise_overdue',
  client_id: SOL,
  entry_id: '01900000-0000-7000-8000-0000000000aa',
  about: '2026-03-04T23:00:00Z',
  sent_at: '2026-03-05T08:00:03Z',
  after_snooze: null,
  in_digest: false,
  title: 'Panadería Sol: promise overdue',
  body: '“New menu online” was due Wed 4 Mar and is 9 hours late.',
}

const PLAN: ReminderPlan = { generated_at: '2026-03-05T08:01:00Z', send: [], held: [], overdue_promises: 1 }
const DESKTOP: DesktopSettings = { keep_in_tray: false, tray_available: false, start_at_login: false }

let fake: FakeBackend
let set: ReturnType<typeof vi.fn<(key: string, value: string) => Promise<void>>>

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
  fake = fakeBackend({
    desktopSettings: () => Promise.resolve(DESKTOP),
    sentReminders: () => Promise.resolve([SENT]),
    reminderPlan: () => Promise.resolve(PLAN),
    setStartAtLogin: (on) => Promise.resolve({ ...DESKTOP, start_at_login: on }),
    snoozeReminder: () => Promise.resolve('2026-03-05T09:01:00Z'),
  })
  useBackend(fake)
  set = vi.fn(() => Promise.resolve())
})
afterEach(() => cleanup())

function show(reminders: ReminderSettings = REMINDERS, errors: Record<string, string> = {}) {
  return render(Reminders, { reminders, errors, set })
}

describe('Reminders in Settings', () => {
  it('turns reminders off as a whole and each kind on its own, through the journal’s settings', async () => {
    show()
    await fireEvent.click(screen.getByTestId('reminders-enabled'))
    expect(set).toHaveBeenCalledWith('reminders.enabled', 'false')
    await fireEvent.click(screen.getByTestId('reminders-kind-promise_due_soon'))
    expect(set).toHaveBeenCalledWith('reminders.promise_due_soon', 'false')
  })

  it('greys the kinds out while reminders are off', () => {
    show({ ...REMINDERS, enabled: false })
    expect((screen.getByTestId('reminders-kind-promise_overdue') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true)
  })

  it('asks for the quiet window’s times only when quiet hours are a daily window', async () => {
    const { unmount } = show()
    expect(screen.queryByTestId('reminders-quiet-from')).toBeNull()
    unmount()
    show({ ...REMINDERS, quiet_hours: { mode: 'window', from: '20:00:00', until: '08:00:00' } })
    const from = screen.getByTestId('reminders-quiet-from') as HTMLInputElement
    expect(from.value).toBe('20:00')
    await fireEvent.change(from, { target: { value: '21:30' } })
    expect(set).toHaveBeenCalledWith('reminders.quiet_hours.from', '21:30')
  })

  it('shows the core’s refusal next to the field it is about', () => {
    show(REMINDERS, { 'reminders.lead_hours': 'must be 0 or more' })
    expect(screen.getByTestId('reminders-lead-hours').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('must be 0 or more')).toBeTruthy()
  })

  it('says when there is no tray, and turns start at login on for this computer', async () => {
    show()
    await screen.findByTestId('desktop-no-tray')
    await fireEvent.click(screen.getByTestId('desktop-start-at-login'))
    await waitFor(() => expect(fake.setStartAtLogin).toHaveBeenCalledWith(true))
    await waitFor(() => expect((screen.getByTestId('desktop-start-at-login') as HTMLInputElement).checked).toBe(true))
  })

  it('lists what was sent and snoozes it for an hour, then says until when', async () => {
    show()
    const line = await screen.findByTestId('sent-reminder')
    expect(line.textContent).toContain('Panadería Sol: promise overdue')
    expect(line.textContent).toContain('is 9 hours late')
    await fireEvent.click(screen.getByTestId('snooze-hour'))
    await waitFor(() => expect(fake.snoozeReminder).toHaveBeenCalledWith(KEY, { type: 'for', minutes: 60 }))
    const snoozed = await screen.findByTestId('snoozed-until')
    expect(snoozed.textContent).toContain('10:01')
    expect(screen.queryByTestId('snooze-hour')).toBeNull()
  })

  it('snoozes until a chosen local time, and shows a refusal in that form', async () => {
    fake.snoozeReminder.mockImplementationOnce(() => Promise.reject(new BackendError(ipcError('snooze_in_past', { field: 'until', value: 'Thu 2026-03-05 08:00' }, 'a snooze must end after now'))))
    show()
    await fireEvent.click(await screen.findByTestId('snooze-until'))
    const at = screen.getByTestId('snooze-until-at') as HTMLInputElement
    await fireEvent.input(at, { target: { value: '2026-03-05T08:30' } })
    await fireEvent.click(screen.getByTestId('snooze-until-save'))
    await screen.findByText('A snooze must end after now: Thu 2026-03-05 08:00 has already passed.')
    await fireEvent.input(at, { target: { value: '2026-03-05T16:30' } })
    await fireEvent.click(screen.getByTestId('snooze-until-save'))
    await waitFor(() => expect(fake.snoozeReminder).toHaveBeenLastCalledWith(KEY, { type: 'until', at: '2026-03-05T16:30' }))
  })

  it('says so when nothing has been sent, and lists what waits and why', async () => {
    fake.sentReminders.mockImplementation(() => Promise.resolve([]))
    fake.reminderPlan.mockImplementation(() =>
      Promise.resolve({
        ...PLAN,
        held: [
          {
            reminder: { ...SENT, client: 'Panadería Sol', summary: 'New menu online', due_at: SENT.about, repeat: 0 },
            reason: 'quiet_hours',
            until: '2026-03-06T08:00:00Z',
          },
        ],
      }),
    )
    show()
    await screen.findByTestId('sent-reminders-none')
    const waiting = await screen.findByTestId('held-reminder')
    expect(waiting.textContent).toContain('Held by quiet hours until')
    expect(waiting.textContent).toContain('09:00')
  })
})
