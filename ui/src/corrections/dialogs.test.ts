// Correcting from the client page: an entry's typo, one of its events, the
// trash, the history, and the Undo offered after a one-click action.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend, ipcError } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { ClientPage } from '../lib/bindings/ClientPage'
import type { TimelineEntry as Entry } from '../lib/bindings/TimelineEntry'
import type { Undoable } from '../lib/bindings/Undoable'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale, missingKeys } from '../lib/i18n.svelte'
import Client from '../client/Client.svelte'

const ID = '01900000-0000-7000-8000-000000000001'
const KEPT: Undoable = { entry: 'p2', event: 0, version: 2 }

function entry(id: string, occurred_at: string, summary: string, status: string | null, details: Entry['details']): Entry {
  return { id, client_id: ID, occurred_at, recorded_at: occurred_at, channel: 'email', summary, status, details, due: null, answer_by: null }
}

const PAGE: ClientPage = {
  generated_at: '2026-03-05T11:00:00Z',
  client: { id: ID, name: 'Panadería Sol', status: 'active', tags: [], created_at: '2026-01-05T09:00:00Z' },
  timeline: [
    entry('p2', '2026-03-02T11:00:00Z', 'New mneu online', 'open', {
      kind: 'promise',
      due: '2026-03-04',
      for_request: 'r1',
      events: [{ type: 'rescheduled', at: '2026-03-05T11:00:00Z', due: '2026-03-06', reason: 'waiting for fotos' }],
    }),
    entry('r1', '2026-03-02T09:00:00Z', 'Menu update', 'open', {
      kind: 'request',
      events: [
        { type: 'reply', at: '2026-03-02T11:00:00Z', promise: 'p2' },
        { type: 'follow_up', at: '2026-03-05T10:00:00Z', channel: 'email' },
      ],
    }),
  ],
  report: {
    client_id: ID,
    client: 'Panadería Sol',
    score: 90,
    contributions: [],
    history: { matters: 3, needed: 2 },
    trend: [],
    record: { made: 1, kept_on_time: 0, kept_late: 0, broken: 0, released: 0, open: 1, median_reply_hours: null },
  },
  matters: [],
  feedback_stage: 'mid',
}

let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
  app.info = null
  app.notice = null
  app.undo = null
  fake = fakeBackend({
    clientPage: () => Promise.resolve(PAGE),
    act: () => Promise.resolve(KEPT),
    undo: () => Promise.resolve(),
    editEntry: () => Promise.resolve(),
    editEvent: () => Promise.resolve(),
    removeEvent: () => Promise.resolve(),
    moveToTrash: () => Promise.resolve(),
    restore: () => Promise.resolve(),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

async function item(summary: string) {
  await screen.findByTestId('timeline')
  return screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === summary)!
}

describe('a one-click action', () => {
  it('offers Undo, which hands the core back exactly what the action answered', async () => {
    render(Client, { props: { id: ID } })
    const promise = await item('New mneu online')
    await fireEvent.click(within(promise).getByTestId('action-keep'))
    await waitFor(() => expect(app.notice).toBe('Promise kept'))
    expect(app.undo).not.toBeNull()
    await app.takeBack()
    expect(fake.undo).toHaveBeenCalledWith(KEPT)
    await waitFor(() => expect(app.notice).toBe('Undone.'))
  })

  it('says in the user’s language why an undo was refused', async () => {
    fake.undo.mockRejectedValue(new BackendError(ipcError('changed_since', {}, "the promise 'x' has changed since…")))
    locale.lang = 'es'
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('New mneu online')).getByTestId('action-keep'))
    await waitFor(() => expect(app.undo).not.toBeNull())
    await app.takeBack()
    await waitFor(() => expect(app.notice).toBe('Ha cambiado desde entonces, así que no se ha deshecho. No se ha tocado nada.'))
  })
})

describe('editing an entry', () => {
  it('fixes a typo: only the summary goes to the core, and Esc would have left it', async () => {
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('New mneu online')).getByTestId('entry-edit'))
    const dialog = screen.getByTestId('entry-edit-dialog')
    expect(dialog.getAttribute('role')).toBe('dialog')
    const summary = screen.getByTestId<HTMLInputElement>('edit-summary')
    expect(document.activeElement, 'the dialog opens on its first field').toBe(summary)
    expect(summary.value).toBe('New mneu online')
    expect(screen.getByTestId<HTMLSelectElement>('edit-for-request').value).toBe('r1')
    await fireEvent.input(summary, { target: { value: 'New menu online' } })
    await fireEvent.click(screen.getByTestId('edit-save'))
    await waitFor(() => expect(fake.editEntry).toHaveBeenCalledWith('p2', expect.objectContaining({ summary: 'New menu online', at: null, due: null })))
    await waitFor(() => expect(screen.queryByTestId('entry-edit-dialog')).toBeNull())
    expect(app.notice).toBe('Correction saved.')
  })

  it('keeps the focus inside the dialog and closes it on Esc without saving', async () => {
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('New mneu online')).getByTestId('entry-edit'))
    const dialog = screen.getByTestId('entry-edit-dialog')
    const buttons = dialog.querySelectorAll('button')
    const last = buttons[buttons.length - 1]
    last.focus()
    await fireEvent.keyDown(last, { key: 'Tab' })
    expect(document.activeElement).toBe(screen.getByTestId('edit-summary'))
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
    await fireEvent.keyDown(last, { key: 'Escape' })
    expect(screen.queryByTestId('entry-edit-dialog')).toBeNull()
    expect(fake.editEntry).not.toHaveBeenCalled()
  })

  it('shows the core’s refusal next to the field it names', async () => {
    fake.editEntry.mockRejectedValue(new BackendError(ipcError('due_before_made', { field: 'due', value: '2026-03-01', other: '2026-03-02' }, 'the due date 2026-03-01 is before the promise was made')))
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('New mneu online')).getByTestId('entry-edit'))
    await fireEvent.input(screen.getByTestId('edit-due'), { target: { value: '2026-03-01' } })
    await fireEvent.click(screen.getByTestId('edit-save'))
    expect((await screen.findByTestId('edit-due-error')).textContent).toContain('before the promise was made')
    expect(screen.getByTestId('entry-edit-dialog'), 'the dialog stays open with what was typed').toBeTruthy()
  })
})

describe('correcting an event', () => {
  it('corrects a reschedule’s reason, naming the event as it was shown', async () => {
    render(Client, { props: { id: ID } })
    const promise = await item('New mneu online')
    await fireEvent.click(within(promise).getByTestId('event-correct'))
    await fireEvent.input(screen.getByTestId('event-note'), { target: { value: 'waiting for photos' } })
    await fireEvent.click(screen.getByTestId('event-save'))
    await waitFor(() =>
      expect(fake.editEvent).toHaveBeenCalledWith('p2', { index: 0, at: '2026-03-05T11:00:00Z' }, { at: null, note: { to: 'waiting for photos' }, due: null, channel: null }),
    )
  })

  it('takes a follow-up back; a reply the promise made is corrected through the promise', async () => {
    render(Client, { props: { id: ID } })
    const request = await item('Menu update')
    const fixes = within(request).getAllByTestId('event-correct')
    expect(fixes, 'only the follow-up: the first reply was the promise being made').toHaveLength(1)
    await fireEvent.click(fixes[0])
    await fireEvent.click(screen.getByTestId('event-remove'))
    await waitFor(() => expect(fake.removeEvent).toHaveBeenCalledWith('r1', { index: 1, at: '2026-03-05T10:00:00Z' }))
    expect(app.notice).toBe('Event taken back.')
  })
})

describe('the trash and the history', () => {
  it('moves an entry to the trash with an Undo that restores it', async () => {
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('Menu update')).getByTestId('entry-trash'))
    await waitFor(() => expect(fake.moveToTrash).toHaveBeenCalledWith('r1'))
    await waitFor(() => expect(app.notice).toBe('Request moved to the trash.'))
    await app.takeBack()
    expect(fake.restore).toHaveBeenCalledWith('r1')
  })

  it('shows an entry’s history newest first, in plain words', async () => {
    fake.history.mockResolvedValue([
      { at: '2026-03-02T11:00:00Z', action: 'created', differences: [] },
      { at: '2026-03-05T08:00:00Z', action: 'edited', differences: [{ what: 'field', field: 'summary', before: 'New mneu online', after: 'New menu online' }] },
    ])
    render(Client, { props: { id: ID } })
    await fireEvent.click(within(await item('New mneu online')).getByTestId('entry-history'))
    const lines = await screen.findAllByTestId('history-line')
    expect(lines.map((l) => l.dataset.action)).toEqual(['edited', 'created'])
    expect(lines[0].textContent).toContain('Summary: “New mneu online” → “New menu online”')
    expect(fake.history).toHaveBeenCalledWith('p2')
  })

  it('moves a client to the trash only once confirmed, and offers to bring it back', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    await fireEvent.click(screen.getByTestId('client-trash'))
    expect(screen.getByTestId('client-trash-confirm').textContent).toContain('Move Panadería Sol and the whole timeline to the trash?')
    expect(fake.moveToTrash).not.toHaveBeenCalled()
    await fireEvent.click(screen.getByTestId('client-trash-yes'))
    await waitFor(() => expect(fake.moveToTrash).toHaveBeenCalledWith(ID))
    expect(app.route).toEqual({ name: 'clients' })
    await app.takeBack()
    expect(fake.restore).toHaveBeenCalledWith(ID)
  })
})

describe('the words of correcting', () => {
  it('exist in both languages and none shows as a raw key', async () => {
    expect(missingKeys()).toEqual({ en: [], es: [] })
    for (const lang of ['en', 'es'] as const) {
      locale.lang = lang
      const { container, unmount } = render(Client, { props: { id: ID } })
      await fireEvent.click(within(await item('New mneu online')).getByTestId('entry-edit'))
      const labels = [...container.ownerDocument.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join(' ')
      expect(document.body.textContent + labels, lang).not.toMatch(/\b(correct|history|undo|refusal|trash)\.[a-z_.]+/)
      unmount()
    }
  })
})
