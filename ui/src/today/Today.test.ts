import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, ipcError, useBackend } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import type { Matter } from '../lib/bindings/Matter'
import type { Signal } from '../lib/bindings/Signal'
import type { Today as TodayData } from '../lib/bindings/Today'
import { locale } from '../lib/i18n.svelte'
import { app } from '../lib/app.svelte'
import Today from './Today.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
const PROMISE = '01900000-0000-7000-8000-0000000000aa'
const REQUEST = '01900000-0000-7000-8000-0000000000bb'

function signal(kind: Signal['kind'], severity: Signal['severity'], since: string, explanation: string, entry = PROMISE): Signal {
  return { client_id: SOL, client: 'Panadería Sol', kind, severity, since, explanation, entry_ids: [entry] }
}

/** A matter as the core groups it: its signals most severe first. */
function matter(signals: Signal[], more: Partial<Matter> = {}): Matter {
  const [lead] = signals
  return { client_id: SOL, client: 'Panadería Sol', entry_id: lead.entry_ids[0], severity: lead.severity, since: lead.since, signals, due: null, answer_by: null, ...more }
}

// Thursday 5 March 09:00 in Madrid: the menu, due Wednesday, is overdue since Thursday 00:00.
const TODAY: TodayData = {
  generated_at: '2026-03-05T08:00:00Z',
  matters: [
    matter([signal('promise_overdue', 'high', '2026-03-04T23:00:00Z', '“New menu online” was due Wed 4 Mar and is 9 hours late.')], {
      due: { due: '2026-03-04', deadline: '2026-03-04T23:00:00Z', first: '2026-03-04', moves: 0 },
    }),
  ],
}

// Monday 9 March 09:00: the menu, moved twice to today, is slipping and due soon; the client asked again on Thursday.
const MONDAY: TodayData = {
  generated_at: '2026-03-09T08:00:00Z',
  matters: [
    matter(
      [
        signal('promise_slipping', 'high', '2026-03-06T15:00:00Z', '“New menu online” has been rescheduled twice; it is now due Mon 9 Mar.'),
        signal('promise_due_soon', 'low', '2026-03-07T23:00:00Z', '“New menu online” is due Mon 9 Mar, in 15 hours.'),
      ],
      { due: { due: '2026-03-09', deadline: '2026-03-09T23:00:00Z', first: '2026-03-04', moves: 2 } },
    ),
    matter([signal('request_repeated', 'medium', '2026-03-05T10:00:00Z', 'The client has followed up on “Update the menu” once.', REQUEST)], {
      answer_by: '2026-03-10T10:00:00Z',
    }),
  ],
}

/** The trimmed text of the part `id` of a card. */
const text = (card: HTMLElement, id: string) => card.querySelector(`[data-testid=${id}]`)?.textContent?.trim()

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

  it('shows at the reason the core’s refusal of a date moved without one, and offers the next working day (Monday, on a Friday)', async () => {
    fake.today.mockResolvedValue({ ...TODAY, generated_at: '2026-03-06T08:00:00Z' })
    fake.act.mockRejectedValueOnce(new BackendError(ipcError('reason_required', { field: 'reason' }, 'rescheduling needs a reason')))
    render(Today)
    await fireEvent.click(await screen.findByTestId('act-reschedule'))
    const due = screen.getByTestId('reschedule-due') as HTMLInputElement
    await waitFor(() => expect(due.value).toBe('2026-03-09'))
    expect(due.type, 'a text field the core reads, not the system’s date widget').toBe('text')
    await fireEvent.click(screen.getByTestId('reschedule-save'))
    await waitFor(() => expect(screen.getByTestId('reschedule-reason').getAttribute('aria-invalid')).toBe('true'))
    expect(fake.act, 'the core decides whether the date may move').toHaveBeenCalledWith(PROMISE, { action: 'reschedule', due: '2026-03-09', reason: '', cause: null })
    expect(screen.getByTestId('today').textContent, 'in the UI’s words').toContain('Give a reason the client would accept, such as “waiting for photos”.')

    await fireEvent.input(screen.getByTestId('reschedule-reason'), { target: { value: 'waiting for photos' } })
    // Whose the move is, for the record due dates are checked against: the client's wish is not held against Ana.
    await fireEvent.change(screen.getByTestId('reschedule-cause'), { target: { value: 'client_asked' } })
    await fireEvent.click(screen.getByTestId('reschedule-save'))
    await waitFor(() =>
      expect(fake.act).toHaveBeenCalledWith(PROMISE, { action: 'reschedule', due: '2026-03-09', reason: 'waiting for photos', cause: 'client_asked' }),
    )
  })

  it('offers the draft to the client on an incident the client has heard nothing about, and opens it', async () => {
    const INCIDENT = '01900000-0000-7000-8000-0000000000cc'
    const noWord = signal('incident_unacknowledged', 'critical', '2026-03-04T13:00:00Z', 'The client has heard nothing from you.', INCIDENT)
    fake.today.mockImplementation(() => Promise.resolve({ generated_at: '2026-03-05T08:00:00Z', matters: [matter([noWord])] }))
    fake.recoveryDraft.mockImplementation(() => Promise.reject(new BackendError(ipcError('internal', {}, 'stop here'))))
    render(Today)
    await fireEvent.click(await screen.findByTestId('act-draft'))
    await screen.findByTestId('recovery')
    expect(fake.recoveryDraft).toHaveBeenCalledWith(INCIDENT, {})
    expect(screen.getByTestId('act-acknowledge')).toBeTruthy()
  })

  it('says so when nothing needs attention', async () => {
    fake.today.mockResolvedValue({ generated_at: TODAY.generated_at, matters: [] })
    render(Today)
    expect((await screen.findByTestId('today-calm')).textContent).toContain('Nothing needs your attention')
  })

  it('shows a matter once, as its most severe signal, naming the others, with its buttons once', async () => {
    fake.today.mockResolvedValue(MONDAY)
    render(Today)
    await screen.findAllByTestId('signal')
    const cards = screen.getAllByTestId('signal')
    expect(cards.map((c) => c.dataset.kind)).toEqual(['promise_slipping', 'request_repeated'])
    const [menu, request] = cards
    expect(menu.querySelector('[data-testid=signal-also]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Also: Low Promise due soon')
    expect([...menu.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual(['Mark kept', 'Reschedule'])
    expect([...request.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual(['Mark answered', 'Log follow-up'])
    expect(screen.getByTestId('today').querySelector('header')?.textContent).toContain('2 things need your attention')
  })

  it('says where each matter stands in time, in words', async () => {
    fake.today.mockResolvedValue(MONDAY)
    render(Today)
    const [menu, request] = await screen.findAllByTestId('signal')
    expect(text(menu, 'signal-since')).toBe('Slipping since Fri 16:00')
    expect(text(menu, 'signal-facts')).toBe('Due today · moved twice, first due Wed 4 Mar')
    expect(text(request, 'signal-since')).toBe('Asked again Thu 11:00')
    expect(text(request, 'signal-facts')).toBe('Answer by tomorrow 11:00')
  })

  it('says what the time on the right is: overdue since the due day, not "yesterday" alone', async () => {
    fake.today.mockResolvedValue({ ...TODAY, generated_at: '2026-03-06T08:00:00Z' })
    render(Today)
    const card = await screen.findByTestId('signal')
    expect(text(card, 'signal-since')).toBe('Overdue since Wed')
  })

  it('shows the question to ask when feedback is due, and offers to log the contact in which it was asked', async () => {
    const due: Signal = {
      ...signal('feedback_due', 'low', '2026-03-10T09:00:00Z', '“New menu online” was finished on Mon 9 Mar: a good moment to ask how it went.'),
      draft: 'Now that we have finished “New menu online”, how did it go for you? Is there anything we could have done better?',
    }
    fake.today.mockResolvedValue({ generated_at: '2026-03-10T11:00:00Z', matters: [matter([due], { entry_id: null })] })
    render(Today)
    const card = await screen.findByTestId('signal')
    expect(card.dataset.kind).toBe('feedback_due')
    expect(card.textContent).toContain('Ask for feedback')
    expect(text(card, 'signal-draft')).toBe('You could ask: Now that we have finished “New menu online”, how did it go for you? Is there anything we could have done better?')
    expect(text(card, 'signal-since')).toBe('A good moment since today 10:00')
    expect([...card.querySelectorAll('.actions button')].map((b) => b.textContent)).toEqual(['Log contact'])
  })

  it('shows the question too when feedback due is named beneath no recent feedback', async () => {
    const quiet = signal('no_recent_feedback', 'low', '2025-12-01T09:00:00Z', 'No feedback from this client for 99 days; ask how it is going.')
    const due: Signal = { ...signal('feedback_due', 'low', '2026-03-10T09:00:00Z', 'A good moment.'), draft: 'How did it go for you?' }
    fake.today.mockResolvedValue({ generated_at: '2026-03-10T11:00:00Z', matters: [matter([quiet, due], { entry_id: null })] })
    render(Today)
    const card = await screen.findByTestId('signal')
    expect(card.dataset.kinds).toBe('no_recent_feedback feedback_due')
    expect(text(card, 'signal-draft')).toBe('You could ask: How did it go for you?')
  })

  it('says it in Spanish', async () => {
    locale.lang = 'es'
    fake.today.mockResolvedValue(MONDAY)
    render(Today)
    const [menu, request] = await screen.findAllByTestId('signal')
    expect(text(menu, 'signal-since')).toBe('Se retrasa desde el viernes a las 16:00')
    expect(text(menu, 'signal-facts')).toBe('Vence hoy · aplazada dos veces; la primera fecha era el mié 4 mar')
    expect(text(request, 'signal-facts')).toBe('Responder como tarde mañana a las 11:00')
  })
})
