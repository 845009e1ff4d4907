import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend, ipcError } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import type { ClientPage } from '../lib/bindings/ClientPage'
import { locale } from '../lib/i18n.svelte'
import QuickEntry from './QuickEntry.svelte'

const ID = '01900000-0000-7000-8000-000000000001'

const PAGE: ClientPage = {
  generated_at: '2026-03-05T08:00:00Z',
  client: { id: ID, name: 'Panadería Sol', status: 'active', tags: [], created_at: '2026-01-05T09:00:00Z' },
  timeline: [
    {
      id: 'r1',
      client_id: ID,
      occurred_at: '2026-03-02T09:00:00Z',
      recorded_at: '2026-03-02T09:00:00Z',
      channel: 'email',
      summary: 'Menu update',
      status: 'open',
      details: { kind: 'request', events: [] },
      due: null,
      answer_by: null,
    },
  ],
  report: {
    client_id: ID,
    client: 'Panadería Sol',
    score: null,
    contributions: [],
    history: { matters: 1, needed: 2 },
    trend: [],
    record: { made: 0, kept_on_time: 0, kept_late: 0, broken: 0, released: 0, open: 0, median_reply_hours: null },
  },
  matters: [],
  feedback_stage: 'end',
}

/** The core's reading of a few typed dates, as on Thursday 5 March 2026. */
const READ: Record<string, string> = { friday: '2026-03-06', '2026-03-01': '2026-03-01', 'yesterday 16:00': '2026-03-04T15:00:00Z' }


let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  fake = fakeBackend({
    clientLines: () => Promise.resolve([]),
    clientPage: () => Promise.resolve(PAGE),
    addEntry: () => Promise.resolve('e1'),
    readWhen: (text) =>
      text in READ ? Promise.resolve(READ[text]) : Promise.reject(new BackendError(ipcError('bad_due', { field: 'due' }, 'not a date'))),
    dateShortcuts: () => Promise.resolve({ today: '2026-03-05', tomorrow: '2026-03-06', next_working_day: '2026-03-06' }),
  })
  useBackend(fake)
})

afterEach(() => cleanup())

const calls = () => Object.values(fake).reduce((n, f) => n + f.mock.calls.length, 0)

/** The message an input points to with aria-describedby. */
function errorFor(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby')
  return id ? (document.getElementById(id)?.textContent ?? null) : null
}

describe('the quick-entry dialog', () => {
  it('is a modal dialog that starts on the kind of entry', async () => {
    render(QuickEntry, { props: { client: null, onclose: () => {} } })
    const dialog = screen.getByTestId('quick-entry')
    expect(dialog.getAttribute('role')).toBe('dialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement, 'the kind comes first, before the client and the summary').toBe(screen.getByTestId('entry-kind-interaction'))
    expect(document.activeElement?.getAttribute('aria-checked')).toBe('true')
  })

  it('moves between kinds with the arrow keys, as one choice', async () => {
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.keyDown(screen.getByTestId('entry-kind-interaction'), { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('entry-kind-request')))
    expect(screen.getByTestId('entry-kind-request').getAttribute('aria-checked')).toBe('true')
    expect(screen.getByTestId('entry-kind-interaction').tabIndex, 'only the chosen kind is a Tab stop').toBe(-1)
    await fireEvent.keyDown(screen.getByTestId('entry-kind-request'), { key: 'ArrowLeft' })
    await fireEvent.keyDown(screen.getByTestId('entry-kind-interaction'), { key: 'ArrowLeft' })
    await waitFor(() => expect(document.activeElement, 'it wraps round').toBe(screen.getByTestId('entry-kind-note')))
  })

  it('keeps Tab inside the dialog: past Save it comes back to the kind, and Shift+Tab the other way', async () => {
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    const save = screen.getByTestId('entry-save')
    save.focus()
    await fireEvent.keyDown(save, { key: 'Tab' })
    expect(document.activeElement).toBe(screen.getByTestId('entry-kind-interaction'))
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(save)
    const outside = document.body.appendChild(document.createElement('button'))
    outside.focus()
    expect(screen.getByTestId('quick-entry').contains(document.activeElement), 'focus that strays comes back in').toBe(true)
    outside.remove()
  })

  it('says an empty summary is missing next to the field, and sends nothing', async () => {
    const onclose = vi.fn()
    render(QuickEntry, { props: { client: ID, onclose } })
    await waitFor(() => expect(fake.clientPage).toHaveBeenCalled())
    const before = calls()

    await fireEvent.click(screen.getByTestId('entry-save'))

    const summary = screen.getByTestId('entry-summary')
    expect(summary.getAttribute('aria-invalid')).toBe('true')
    expect(errorFor(summary)).toBe('Write a short summary.')
    expect(errorFor(summary), 'the message sits right after the field').toBe(summary.closest('label')?.nextElementSibling?.textContent)
    expect(calls(), 'no backend method is called for a form that is not valid').toBe(before)
    expect(onclose).not.toHaveBeenCalled()
  })

  it("shows the core's refusal of the due date next to the due field", async () => {
    fake.addEntry.mockImplementation(() =>
      Promise.reject(new BackendError(ipcError('due_already_passed', { field: 'due', value: '2026-03-01' }, 'the new due date 2026-03-01 has already passed'))),
    )
    const onclose = vi.fn()
    render(QuickEntry, { props: { client: ID, onclose } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'New menu online' } })
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: '2026-03-01' } })
    await fireEvent.click(screen.getByTestId('entry-save'))

    await waitFor(() => expect(fake.addEntry).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0]).toEqual([
      { client: ID, channel: 'email', summary: 'New menu online', at: null, kind: { kind: 'promise', due: '2026-03-01', for_request: null, promise_kind: null, set_by: 'me' } },
    ])
    const due = screen.getByTestId('entry-due')
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'))
    expect(errorFor(due)).toBe('The new due date Sun, 1 Mar 2026 has already passed: choose a later date.')
    expect(screen.getByTestId('entry-summary').getAttribute('aria-invalid')).toBe('false')
    expect(screen.queryByTestId('entry-error'), 'a refusal about a field is not repeated on top').toBeNull()
    expect(onclose).not.toHaveBeenCalled()
  })

  it('checks a promise’s date against the user’s record and takes the suggested date with Alt+U', async () => {
    const said = "You keep 'entrega' promises to Panadería Sol 1 working day late in the middle case, 4 of 5 within 3 days: suggest Tue 10 Mar (based on 7 promises to this client, weight 58 %, and 20 overall)"
    fake.promiseCheck.mockImplementation(() => Promise.resolve({ said, suggested: '2026-03-10' }))
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'Nueva carta' } })
    await fireEvent.input(screen.getByTestId('entry-promise-kind'), { target: { value: 'Entrega ' } })
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: 'friday' } })
    expect((await screen.findByTestId('entry-reality-check')).textContent).toContain(said)
    expect(fake.promiseCheck).toHaveBeenLastCalledWith(ID, 'Entrega', 'friday')
    expect(screen.getByTestId('entry-take-suggestion').textContent).toBe('Use Tue, 10 Mar 2026 (Alt+U)')
    await fireEvent.keyDown(window, { key: 'u', altKey: true })
    expect((screen.getByTestId('entry-due') as HTMLInputElement).value, 'one key takes the suggested date').toBe('2026-03-10')
    await fireEvent.click(screen.getByTestId('entry-save'))
    await waitFor(() => expect(fake.addEntry).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0][0].kind).toEqual({ kind: 'promise', due: '2026-03-10', for_request: null, promise_kind: 'Entrega', set_by: 'me' })
  })

  it('does not check a date the client set, and says whose it is', async () => {
    fake.promiseCheck.mockImplementation(() => Promise.resolve({ said: 'No suggestion yet' }))
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'Carta' } })
    await fireEvent.click(screen.getByTestId('entry-set-by-client'))
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: '2026-03-01' } })
    await new Promise((r) => setTimeout(r, 400))
    expect(fake.promiseCheck).not.toHaveBeenCalled()
    expect(screen.queryByTestId('entry-reality-check')).toBeNull()
    await fireEvent.click(screen.getByTestId('entry-save'))
    await waitFor(() => expect(fake.addEntry).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0][0].kind).toMatchObject({ set_by: 'client', promise_kind: null })
  })

  it('reads a typed due date through the core and says what it understood, in the UI’s language', async () => {
    locale.lang = 'es'
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: 'friday' } })
    await waitFor(() => expect(screen.getByTestId('entry-due-reading').textContent).toBe('Vence al terminar el vie, 6 mar 2026.'))
    expect(fake.readWhen).toHaveBeenLastCalledWith('friday', 'due')
    await fireEvent.click(await screen.findByTestId('entry-due-next_working_day'))
    expect((screen.getByTestId('entry-due') as HTMLInputElement).value, 'a quick date fills the day in').toBe('2026-03-06')
    expect(screen.getByTestId('entry-due').getAttribute('type'), 'never the system’s date widget').toBe('text')
  })

  it('words the core’s refusal of a typed date in the UI’s language', async () => {
    locale.lang = 'es'
    fake.addEntry.mockImplementation(() => Promise.reject(new BackendError(ipcError('bad_due', { field: 'due' }, "--due 'someday' is not a due date"))))
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'Menú nuevo' } })
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: 'someday' } })
    await fireEvent.click(screen.getByTestId('entry-save'))
    const error = await screen.findByTestId('entry-due-error')
    expect(error.textContent).toContain('Trato no entiende esa fecha')
  })

  it('says what an empty "when" means: now, as you save', async () => {
    locale.timeZone = 'Europe/Madrid'
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    expect(screen.getByTestId('entry-at-reading').textContent).toContain('Empty: now, the moment you save')
    await fireEvent.input(screen.getByTestId('entry-at'), { target: { value: 'yesterday 16:00' } })
    await waitFor(() => expect(screen.getByTestId('entry-at-reading').textContent).toBe('That is Wed 4 Mar, 16:00.'))
    expect(fake.readWhen).toHaveBeenLastCalledWith('yesterday 16:00', 'happened')
  })

  it('saves feedback without a summary, on the stage the core suggests, with each cause explained', async () => {
    const onclose = vi.fn()
    render(QuickEntry, { props: { client: ID, onclose } })
    await fireEvent.click(screen.getByTestId('entry-kind-feedback'))
    await waitFor(() => expect((screen.getByTestId('entry-stage') as HTMLSelectElement).value).toBe('end'))
    expect(screen.getByTestId('quick-entry').textContent).toContain('Empty: Trato heads it with the rating, the stage and the cause.')
    await fireEvent.input(screen.getByTestId('entry-score'), { target: { value: '3' } })
    for (const [cause, words] of [
      ['expectations', 'They expected more than the service is'],
      ['misunderstanding', 'another kind of service'],
      ['rapport', 'don’t get along'],
      ['deficiency', 'The work itself fell short'],
      ['other', 'nothing would please'],
    ]) {
      await fireEvent.change(screen.getByTestId('entry-cause'), { target: { value: cause } })
      expect(screen.getByTestId('entry-cause-hint').textContent, cause).toContain(words)
    }
    await fireEvent.change(screen.getByTestId('entry-cause'), { target: { value: 'expectations' } })
    await fireEvent.click(screen.getByTestId('entry-save'))
    await waitFor(() => expect(onclose).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0][0]).toEqual({
      client: ID,
      channel: 'email',
      summary: '',
      at: null,
      kind: { kind: 'feedback', score: { rating: 3 }, stage: 'end', cause: 'expectations', comment: null },
    })
  })

  it('offers to link a promise to one of the open requests of the client', async () => {
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    const link = await screen.findByTestId('entry-for-request')
    expect([...link.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['No request', 'Menu update'])
  })

  it('has words for every kind, in both languages', async () => {
    for (const lang of ['en', 'es'] as const) {
      locale.lang = lang
      const { unmount } = render(QuickEntry, { props: { client: null, onclose: () => {} } })
      for (const kind of ['interaction', 'request', 'promise', 'incident', 'feedback', 'note']) {
        await fireEvent.click(screen.getByTestId(`entry-kind-${kind}`))
        expect(screen.getByTestId('quick-entry').textContent, `${lang} ${kind}`).not.toMatch(/\b(entry|kind|channel|common)\.[a-z_.]+/)
      }
      unmount()
    }
  })

  it('saves and closes', async () => {
    const onclose = vi.fn()
    render(QuickEntry, { props: { client: ID, onclose } })
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'Called about Easter hours' } })
    await fireEvent.click(screen.getByTestId('entry-save'))
    await waitFor(() => expect(onclose).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0][0]).toMatchObject({ summary: 'Called about Easter hours', kind: { kind: 'interaction', direction: 'in' } })
  })
})
