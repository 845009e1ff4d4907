import { describe, expect, it, vi } from 'vitest'
import { BackendError, tauriBackend } from './api'
import { COMMANDS } from './bindings/Command'
import type { Navigate } from './bindings/Navigate'

describe('the Tauri backend', () => {
  it('calls exactly the commands the shell registers: none it lacks, none it allows for nothing', async () => {
    const invoke = vi.fn((_cmd: string, _args?: Record<string, unknown>) => Promise.resolve(null))
    const listen = vi.fn(() => Promise.resolve(() => {}))
    const b = tauriBackend(invoke, listen)
    // Every method, whatever its arguments: the point is which command each names.
    for (const method of Object.values(b) as (() => Promise<unknown>)[]) await method()
    const called = invoke.mock.calls.map(([cmd]) => cmd)
    expect(new Set(called).size, 'two methods call the same command').toBe(called.length)
    expect(
      [...called].sort(),
      'ui/src/lib/bindings/Command.ts lists what src-tauri/src/command_list.rs registers (and the main window may call)',
    ).toEqual([...COMMANDS].sort())
  })

  it('passes the reminders’ and the desktop’s arguments under the names their commands take', async () => {
    const invoke = vi.fn(() => Promise.resolve('2026-03-05T09:00:00Z'))
    const b = tauriBackend(invoke, vi.fn())
    await b.sentReminders(15)
    await b.reminderPlan()
    await b.snoozeReminder('promise_overdue/x/2026-03-04', { type: 'for', minutes: 60 })
    await b.setKeepInTray(false)
    await b.setStartAtLogin(true)
    await b.desktopSettings()
    expect(invoke.mock.calls).toEqual([
      ['sent_reminders', { limit: 15 }],
      ['reminder_plan', undefined],
      ['snooze_reminder', { key: 'promise_overdue/x/2026-03-04', how: { type: 'for', minutes: 60 } }],
      ['set_keep_in_tray', { on: false }],
      ['set_start_at_login', { on: true }],
      ['desktop_settings', undefined],
    ])
  })

  it('hands a clicked reminder’s target to the listener, and gives back the way to stop', async () => {
    const stop = vi.fn()
    let deliver: ((event: { payload: Navigate }) => void) | null = null
    const listen = vi.fn((_: string, handler: (event: { payload: Navigate }) => void) => {
      deliver = handler
      return Promise.resolve(stop)
    })
    const seen: Navigate[] = []
    const unlisten = await tauriBackend(vi.fn(), listen as never).onNavigate((to) => seen.push(to))
    expect(listen).toHaveBeenCalledWith('navigate', expect.any(Function))
    deliver!({ payload: { client_id: 'c1' } })
    deliver!({ payload: { client_id: null } })
    expect(seen).toEqual([{ client_id: 'c1' }, { client_id: null }])
    unlisten()
    expect(stop).toHaveBeenCalled()
  })

  it('tells the window when the day’s backup changed the backup folder', async () => {
    let deliver: (() => void) | null = null
    const listen = vi.fn((_: string, handler: () => void) => {
      deliver = handler
      return Promise.resolve(vi.fn())
    })
    let heard = 0
    await tauriBackend(vi.fn(), listen as never).onBackupsChanged(() => (heard += 1))
    expect(listen).toHaveBeenCalledWith('backups-changed', expect.any(Function))
    deliver!()
    expect(heard).toBe(1)
  })

  it('turns a refusal into a BackendError that keeps its code and field', async () => {
    const invoke = vi.fn(() => Promise.reject({ code: 'snooze_in_past', message: 'a snooze must end after now', field: 'until' }))
    const refused = await tauriBackend(invoke, vi.fn())
      .snoozeReminder('k', { type: 'until', at: '2026-03-05T08:00' })
      .catch((e) => e)
    expect(refused).toBeInstanceOf(BackendError)
    expect([refused.code, refused.field]).toEqual(['snooze_in_past', 'until'])
  })

  it('hands what mail files dropped on the window gave to the listener', async () => {
    let deliver: ((event: { payload: unknown }) => void) | null = null
    const listen = vi.fn((_: string, handler: (event: { payload: unknown }) => void) => {
      deliver = handler
      return Promise.resolve(() => {})
    })
    const seen: unknown[] = []
    await tauriBackend(vi.fn(), listen as never).onMailDropped((d) => seen.push(d))
    expect(listen).toHaveBeenCalledWith('mail-dropped', expect.any(Function))
    const dropped = { imported: [], refused: null }
    deliver!({ payload: dropped })
    expect(seen).toEqual([dropped])
  })
})
