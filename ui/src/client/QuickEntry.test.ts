import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import type { ClientPage } from '../lib/bindings/ClientPage'
import { locale } from '../lib/i18n.svelte'
import QuickEntry from './QuickEntry.svelte'

const ID = '01900000-0000-7000-8000-000000000001'

const PAGE: ClientPage = {
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
  signals: [],
}


let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  fake = fakeBackend({ clientLines: () => Promise.resolve([]), clientPage: () => Promise.resolve(PAGE), addEntry: () => Promise.resolve('e1') })
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
  it('is a modal dialog that focuses its first field', async () => {
    render(QuickEntry, { props: { client: ID, onclose: () => {} } })
    const dialog = screen.getByTestId('quick-entry')
    expect(dialog.getAttribute('role')).toBe('dialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(screen.getByTestId('entry-summary'))
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
      Promise.reject(new BackendError({ code: 'due_already_passed', message: 'the due date 2026-03-01 is before the promise was made', field: 'due' })),
    )
    const onclose = vi.fn()
    render(QuickEntry, { props: { client: ID, onclose } })
    await fireEvent.click(screen.getByTestId('entry-kind-promise'))
    await fireEvent.input(screen.getByTestId('entry-summary'), { target: { value: 'New menu online' } })
    await fireEvent.input(screen.getByTestId('entry-due'), { target: { value: '2026-03-01' } })
    await fireEvent.click(screen.getByTestId('entry-save'))

    await waitFor(() => expect(fake.addEntry).toHaveBeenCalledOnce())
    expect(fake.addEntry.mock.calls[0]).toEqual([
      { client: ID, channel: 'email', summary: 'New menu online', at: null, kind: { kind: 'promise', due: '2026-03-01', for_request: null } },
    ])
    const due = screen.getByTestId('entry-due')
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'))
    expect(errorFor(due)).toBe('the due date 2026-03-01 is before the promise was made')
    expect(screen.getByTestId('entry-summary').getAttribute('aria-invalid')).toBe('false')
    expect(screen.queryByTestId('entry-error'), 'a refusal about a field is not repeated on top').toBeNull()
    expect(onclose).not.toHaveBeenCalled()
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
