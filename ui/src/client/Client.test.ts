import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { app } from '../lib/app.svelte'
import type { ClientPage } from '../lib/bindings/ClientPage'
import { LIMITS } from '../lib/bindings/Limits'
import type { Matter } from '../lib/bindings/Matter'
import type { TimelineEntry as Entry } from '../lib/bindings/TimelineEntry'
import { locale, missingKeys } from '../lib/i18n.svelte'
import Client from './Client.svelte'

const ID = '01900000-0000-7000-8000-000000000001'
const HOSTILE = '<img src=x onerror=alert(1)>'

/** An entry as the core sends it, with the status the core gives it as of now. */
function entry(id: string, occurred_at: string, summary: string, status: string | null, details: Entry['details'], channel: Entry['channel'] = 'email'): Entry {
  const due = details.kind === 'promise' ? { due: details.due, deadline: `${details.due}T23:00:00Z`, first: details.due, moves: 0 } : null
  return { id, client_id: ID, occurred_at, recorded_at: occurred_at, channel, summary, status, details, due, answer_by: null }
}

/** A matter as the core groups it, led by its first signal. */
function matter(entry_id: string | null, signals: Omit<Matter['signals'][number], 'client_id' | 'client'>[]): Matter {
  return {
    client_id: ID,
    client: HOSTILE,
    entry_id,
    severity: signals[0].severity,
    since: signals[0].since,
    signals: signals.map((s) => ({ client_id: ID, client: HOSTILE, ...s })),
    due: null,
    answer_by: null,
  }
}

/** Panadería Sol's menu story (the public example), told up to Tue 2026-03-10, with a hostile name. */
function page(): ClientPage {
  return {
    generated_at: '2026-03-10T11:00:00Z',
    client: {
      id: ID,
      name: HOSTILE,
      organisation: 'Panadería Sol',
      email: 'hola@panaderiasol.es',
      preferred_channel: 'email',
      status: 'active',
      tags: ['bakery'],
      notes: 'Prefers <b>written</b> answers',
      created_at: '2026-01-05T09:00:00Z',
    },
    timeline: [
      entry('f1', '2026-03-10T10:00:00Z', 'Rated the menu work', 'open', {
        kind: 'feedback',
        score: { rating: 3 },
        stage: 'end',
        cause: 'expectations',
        follow_ups: [],
      }),
      {
        ...entry('p1', '2026-03-02T11:00:00Z', 'New menu online', 'kept', {
          kind: 'promise',
          due: '2026-03-04',
          for_request: 'r1',
          events: [
            { type: 'rescheduled', at: '2026-03-05T11:00:00Z', due: '2026-03-06', reason: 'waiting for photos' },
            { type: 'rescheduled', at: '2026-03-06T15:00:00Z', due: '2026-03-09', reason: 'photos arrived late' },
            { type: 'kept', at: '2026-03-09T09:00:00Z' },
          ],
        }),
        // The core's due date in force: what the headline shows.
        due: { due: '2026-03-09', deadline: '2026-03-09T23:00:00Z', first: '2026-03-04', moves: 2 },
      },
      entry('p2', '2026-03-09T12:00:00Z', 'Send the spring price list', 'open', { kind: 'promise', due: '2026-03-13', events: [] }),
      {
        ...entry('r2', '2026-03-10T08:00:00Z', 'Opening hours on the site', 'open', { kind: 'request', events: [] }),
        answer_by: '2026-03-11T08:00:00Z',
      },
      entry('r1', '2026-03-02T09:00:00Z', 'Menu update', 'done', {
        kind: 'request',
        events: [
          { type: 'reply', at: '2026-03-02T11:00:00Z', promise: 'p1' },
          { type: 'follow_up', at: '2026-03-05T10:00:00Z', channel: 'email' },
          { type: 'done', at: '2026-03-09T09:00:00Z', promise: 'p1' },
        ],
      }),
      entry('n1', '2026-03-01T09:00:00Z', 'Owner is Marta', null, { kind: 'note' }, 'other'),
    ],
    report: {
      client_id: ID,
      client: HOSTILE,
      score: 83,
      contributions: [
        { reason: 'Every client starts at 100', points: 100, entry_ids: [] },
        { reason: 'You missed the date you gave for “New menu online” (Wed 4 Mar)', points: -9, entry_ids: ['p1'] },
        { reason: 'The client had to ask again about “Menu update” (once)', points: -8, entry_ids: ['r1'] },
        { reason: 'The client rated the work 3/5 (Tue 10 Mar)', points: 0, entry_ids: ['f1'] },
      ],
      history: { matters: 4, needed: 2 },
      trend: [
        { week_start: '2026-01-05', score: null },
        { week_start: '2026-01-12', score: 100 },
        { week_start: '2026-03-09', score: 83 },
      ],
      record: { made: 2, kept_on_time: 0, kept_late: 1, broken: 0, released: 0, open: 1, median_reply_hours: 2 },
    },
    matters: [
      matter('p2', [
        {
          kind: 'promise_due_soon',
          severity: 'low',
          since: '2026-03-11T23:00:00Z',
          explanation: '"Send the spring price list" is due Fri 13 Mar',
          entry_ids: ['p2'],
        },
      ]),
    ],
    feedback_stage: 'end',
  }
}


let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
  fake = fakeBackend({
    clientPage: () => Promise.resolve(page()),
    act: () => Promise.resolve({ entry: 'p2', event: 0, version: 2 }),
    // Thursday 5 March 2026: Friday is the next working day.
    dateShortcuts: () => Promise.resolve({ today: '2026-03-05', tomorrow: '2026-03-06', next_working_day: '2026-03-06' }),
    readWhen: (text) => Promise.resolve(text),
  })
  useBackend(fake)
})

afterEach(() => cleanup())

describe('the client page', () => {
  it('marks an entry that came from mail, with its sender and excerpt as text, and opens it in the mail program', async () => {
    const fromMail = page()
    fromMail.timeline[3] = {
      ...fromMail.timeline[3],
      mail: { message_id: 'hours-1@panaderiasol.es', from: ['hola@panaderiasol.es'], subject: 'Opening hours', excerpt: 'Can you put <b>our</b> summer hours up?' },
    }
    fake.clientPage.mockImplementation(() => Promise.resolve(fromMail))
    fake.openInMailApp.mockImplementation(() => Promise.resolve(true))
    render(Client, { props: { id: ID } })
    const marks = await screen.findAllByTestId('entry-mail')
    expect(marks, 'only the entry from mail is marked').toHaveLength(1)
    const item = marks[0].closest('[data-testid="timeline-entry"]') as HTMLElement
    expect(item.dataset.summary).toBe('Opening hours on the site')
    expect(marks[0].textContent).toContain('from mail')
    expect(item.querySelector('[data-testid="entry-mail-from"]')!.textContent).toContain('From hola@panaderiasol.es')
    const excerpt = item.querySelector('[data-testid="entry-mail-excerpt"]')!
    expect(excerpt.textContent).toBe('Can you put <b>our</b> summer hours up?')
    expect(excerpt.querySelector('b'), 'markup from mail is shown, never run').toBeNull()
    await fireEvent.click(item.querySelector('[data-testid="entry-open-mail"]')!)
    expect(fake.openInMailApp).toHaveBeenCalledWith('r2')
  })

  it('says “del correo” in Spanish, and offers no mail program for a message without a Message-ID', async () => {
    locale.lang = 'es'
    const fromMail = page()
    fromMail.timeline[3] = { ...fromMail.timeline[3], mail: { message_id: null, from: ['hola@panaderiasol.es'], subject: 'Horario', excerpt: '' } }
    fake.clientPage.mockImplementation(() => Promise.resolve(fromMail))
    render(Client, { props: { id: ID } })
    expect((await screen.findByTestId('entry-mail')).textContent).toContain('del correo')
    expect(screen.getByTestId('entry-mail-from').textContent).toContain('De hola@panaderiasol.es')
    expect(screen.queryByTestId('entry-open-mail')).toBeNull()
  })

  it("shows a client's name as text, never as markup", async () => {
    const { container } = render(Client, { props: { id: ID } })
    const name = await screen.findByTestId('client-name')
    expect(name.textContent).toBe(HOSTILE)
    expect(container.querySelector('img'), 'the name must not create an element').toBeNull()
    expect(container.querySelector('b'), 'notes are text too').toBeNull()
    expect(fake.clientPage).toHaveBeenCalledWith(ID)
  })

  it('explains the score with its contributions, signed', async () => {
    render(Client, { props: { id: ID } })
    expect((await screen.findByTestId('client-score')).textContent).toBe('83')
    const lines = screen.getAllByTestId('contribution').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())
    expect(lines).toEqual([
      '+100 Every client starts at 100',
      '-9 You missed the date you gave for “New menu online” (Wed 4 Mar)',
      '-8 The client had to ask again about “Menu update” (once)',
      '0 The client rated the work 3/5 (Tue 10 Mar)',
    ])
    expect(screen.getAllByTestId('contribution')[0].classList.contains('good')).toBe(true)
    expect(screen.getAllByTestId('contribution')[1].classList.contains('bad')).toBe(true)
    expect(screen.queryByTestId('not-enough-history')).toBeNull()
  })

  it('shows a client without enough history as new, with what counts, and no number', async () => {
    const fresh = page()
    fresh.report = { ...fresh.report, score: null, contributions: [], history: { matters: 1, needed: 2 }, trend: [{ week_start: '2026-03-09', score: null }] }
    fake.clientPage.mockResolvedValue(fresh)
    for (const [lang, title, why] of [
      ['en', 'New — not enough history yet', 'A score needs at least 2 promises, requests, incidents or feedback about this client. So far: 1.'],
      ['es', 'Nuevo: aún sin historial suficiente', 'Una puntuación necesita al menos 2 promesas, peticiones, incidencias u opiniones de este cliente. Hasta ahora: 1.'],
    ] as const) {
      locale.lang = lang
      const { unmount } = render(Client, { props: { id: ID } })
      expect((await screen.findByTestId('client-score')).textContent).toBe(title)
      expect(screen.getByTestId('not-enough-history').textContent?.trim()).toBe(why)
      expect(screen.queryByTestId('contribution'), 'no explanation without a score').toBeNull()
      expect(screen.queryByText('100'), 'a new client is not shown as a perfect 100').toBeNull()
      unmount()
    }
  })

  it('heads a rescheduled promise with its date in force, how it moved beneath, and a request with its answer-by', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const item = (summary: string) => screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === summary)!
    const menu = item('New menu online')
    expect(menu.querySelector('[data-testid=entry-due]')?.textContent).toMatch(/^\s*Due Mon 9 Mar\b/)
    expect(menu.querySelector('[data-testid=entry-moved]')?.textContent).toBe('moved twice, first due Wed 4 Mar')
    expect(item('Send the spring price list').querySelector('[data-testid=entry-moved]'), 'never moved: nothing to say').toBeNull()
    expect(item('Opening hours on the site').querySelector('[data-testid=entry-answer-by]')?.textContent).toBe('Answer by Wed 11 Mar 09:00')
    expect(item('Menu update').querySelector('[data-testid=entry-answer-by]'), 'answered: no answer-by').toBeNull()
  })

  it('heads unhappy feedback with when to follow it up and the next step its cause suggests', async () => {
    const unhappy = page()
    unhappy.timeline[0] = {
      ...entry('f1', '2026-03-10T10:00:00Z', 'Rated the menu work', 'open', {
        kind: 'feedback',
        score: { rating: 2 },
        stage: 'end',
        cause: 'rapport',
        follow_ups: [],
      }),
      follow_up_by: '2026-03-11T09:00:00Z',
      next_step: 'If the two of you do not work well together, say so honestly and recommend a colleague who could serve them better.',
    }
    fake.clientPage.mockResolvedValue(unhappy)
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const rated = screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === 'Rated the menu work')!
    expect(rated.querySelector('[data-testid=entry-follow-up-by]')?.textContent).toBe('Follow up by Wed 11 Mar 10:00')
    expect(rated.querySelector('[data-testid=entry-next-step]')?.textContent).toContain('Next step: If the two of you do not work well together')
  })

  it('says so in Spanish too', async () => {
    locale.lang = 'es'
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const menu = screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === 'New menu online')!
    expect(menu.querySelector('[data-testid=entry-due]')?.textContent).toMatch(/^\s*Para el lun 9 mar\b/)
    expect(menu.querySelector('[data-testid=entry-moved]')?.textContent).toBe('aplazada dos veces; la primera fecha era el mié 4 mar')
  })

  it('shows the promise record and the signals the core computed', async () => {
    render(Client, { props: { id: ID } })
    const record = await screen.findByTestId('record')
    expect(record.textContent).toContain('Kept late')
    expect(record.textContent).toContain('2 business h')
    expect(screen.queryByTestId('record-usually'), 'two promises say nothing of a habit').toBeNull()
    expect(screen.getByText('Promise due soon')).toBeTruthy()
    expect(screen.getByText('"Send the spring price list" is due Fri 13 Mar')).toBeTruthy()
  })

  it('says how late promises usually are next to how far ahead their dates were given, in both languages', async () => {
    fake.clientPage.mockImplementation(() => Promise.resolve({ ...page(), keeping: { promises: 7, late_days: 1, lead_days: 2 } }))
    render(Client, { props: { id: ID } })
    expect((await screen.findByTestId('record-usually')).textContent).toBe('1 working day late')
    expect(screen.getByTestId('record-lead').textContent).toBe('2 working days ahead')
    cleanup()
    locale.lang = 'es'
    fake.clientPage.mockImplementation(() => Promise.resolve({ ...page(), keeping: { promises: 3, late_days: 0, lead_days: 1 } }))
    render(Client, { props: { id: ID } })
    expect((await screen.findByTestId('record-usually')).textContent).toBe('a tiempo')
    expect(screen.getByTestId('record-lead').textContent).toBe('con 1 día laborable de antelación')
  })

  it('lists each matter once, naming its other signals, with where it stands in time', async () => {
    const grouped = page()
    grouped.generated_at = '2026-03-09T08:00:00Z'
    grouped.matters = [
      {
        ...matter('p1', [
          { kind: 'promise_slipping', severity: 'high', since: '2026-03-06T15:00:00Z', explanation: 'Rescheduled twice.', entry_ids: ['p1'] },
          { kind: 'promise_due_soon', severity: 'low', since: '2026-03-07T23:00:00Z', explanation: 'Due Mon 9 Mar.', entry_ids: ['p1'] },
        ]),
        due: { due: '2026-03-09', deadline: '2026-03-09T23:00:00Z', first: '2026-03-04', moves: 2 },
      },
    ]
    fake.clientPage.mockResolvedValue(grouped)
    render(Client, { props: { id: ID } })
    const list = await screen.findByTestId('client-signals')
    const items = list.querySelectorAll('li')
    expect(items).toHaveLength(1)
    expect(items[0].dataset.kind).toBe('promise_slipping')
    const text = items[0].textContent?.replace(/\s+/g, ' ')
    expect(text).toContain('Also: Promise due soon')
    expect(text).toContain('Slipping since Fri 16:00')
  })

  it('lists the timeline newest first and filters it by kind', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const kinds = () => screen.queryAllByTestId('timeline-entry').map((li) => li.dataset.kind)
    expect(kinds()).toEqual(['feedback', 'promise', 'promise', 'request', 'request', 'note'])

    await fireEvent.click(screen.getByTestId('timeline-filter-promise'))
    expect(kinds()).toEqual(['promise', 'promise'])
    expect(screen.getByTestId('timeline-filter-promise').getAttribute('aria-pressed')).toBe('true')

    await fireEvent.click(screen.getByTestId('timeline-filter-all'))
    expect(kinds()).toHaveLength(6)
  })

  it('filters the timeline by text, reasons included', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    await fireEvent.input(screen.getByTestId('timeline-search'), { target: { value: 'PHOTOS' } })
    expect(screen.getAllByTestId('timeline-entry').map((li) => li.dataset.summary)).toEqual(['New menu online'])
  })

  it("shows a promise's reschedules with their reasons, and offers actions only on what is open", async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const [kept, open] = screen.getAllByTestId('timeline-entry').filter((li) => li.dataset.kind === 'promise')
    expect(kept.textContent).toContain('waiting for photos')
    expect(kept.textContent).toContain('photos arrived late')
    expect(kept.querySelector('[data-testid="action-keep"]'), 'a kept promise offers no actions').toBeNull()
    expect(open.querySelector('[data-testid="action-keep"]')).not.toBeNull()
  })

  it('marks a promise kept through the backend and reads the page again', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const open = screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === 'Send the spring price list')!
    await fireEvent.click(open.querySelector<HTMLButtonElement>('[data-testid="action-keep"]')!)
    await waitFor(() => expect(fake.act).toHaveBeenCalledWith('p2', { action: 'keep' }))
    await waitFor(() => expect(fake.clientPage).toHaveBeenCalledTimes(2))
    expect(app.notice).toBe('Promise kept')
  })

  it('lets a preferred channel be taken back: "No preference" reaches the core as none', async () => {
    fake.editClient.mockImplementation(() => Promise.resolve(page().client))
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    await fireEvent.click(screen.getByTestId('client-edit'))
    const channel = screen.getByTestId<HTMLSelectElement>('client-edit-channel')
    expect(channel.value, 'the form starts from the channel the client has').toBe('email')
    await fireEvent.change(channel, { target: { value: '' } })
    await fireEvent.click(screen.getByTestId('client-edit-save'))
    await waitFor(() => expect(fake.editClient).toHaveBeenCalledWith(ID, expect.objectContaining({ preferred_channel: null, name: HOSTILE })))
  })

  it('hands the core the tags as typed and shows the ones it kept: Ñandú and ñandú are one tag by the core’s rule', async () => {
    const kept = page()
    kept.client = { ...kept.client, tags: ['bakery', 'Ñandú'] }
    fake.editClient.mockImplementation(() => Promise.resolve(kept.client))
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    await fireEvent.click(screen.getByTestId('client-edit'))
    await fireEvent.input(screen.getByLabelText('Tags'), { target: { value: 'bakery, Ñandú, ñandú' } })
    fake.clientPage.mockImplementation(() => Promise.resolve(kept))
    await fireEvent.click(screen.getByTestId('client-edit-save'))
    await waitFor(() => expect(fake.editClient).toHaveBeenCalledWith(ID, expect.objectContaining({ tags: ['bakery', 'Ñandú', 'ñandú'] })))
    await waitFor(() => expect([...document.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['bakery', 'Ñandú']))
  })

  it('tells a tag too long before sending it, naming the bound the core sets', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    await fireEvent.click(screen.getByTestId('client-edit'))
    const tags = screen.getByLabelText('Tags')
    await fireEvent.input(tags, { target: { value: `bakery, ${'ñ'.repeat(LIMITS.tag + 1)}` } })
    await fireEvent.click(screen.getByTestId('client-edit-save'))
    await waitFor(() => expect(tags.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(tags.getAttribute('aria-describedby')!)?.textContent).toBe(`A tag can have at most ${LIMITS.tag} characters.`)
    expect(fake.editClient).not.toHaveBeenCalled()
  })

  it('shows every e-mail and phone of the client, those a contacts import merged in too', async () => {
    const merged = page()
    merged.client = { ...merged.client, phone: '+34 912 345 678', other_emails: ['pedidos@panaderiasol.es'], other_phones: ['600 12 34 56'] }
    fake.clientPage.mockImplementation(() => Promise.resolve(merged))
    render(Client, { props: { id: ID } })
    const emails = await screen.findByTestId('client-emails')
    expect([...emails.children].map((e) => e.textContent)).toEqual(['hola@panaderiasol.es', 'pedidos@panaderiasol.es'])
    expect([...screen.getByTestId('client-phones').children].map((e) => e.textContent)).toEqual(['+34 912 345 678', '600 12 34 56'])
  })

  it('opens a reschedule on the next working day, as the business calendar says', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const open = screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === 'Send the spring price list')!
    await fireEvent.click(open.querySelector<HTMLButtonElement>('[data-testid="action-reschedule"]')!)
    const due = screen.getByTestId<HTMLInputElement>('reschedule-due')
    await waitFor(() => expect(due.value).toBe('2026-03-06'))
    expect(due.type, 'a text field the core reads, not the system’s date widget').toBe('text')
    await fireEvent.input(screen.getByTestId('reschedule-reason'), { target: { value: 'waiting for the printer' } })
    await fireEvent.click(screen.getByTestId('action-confirm'))
    await waitFor(() => expect(fake.act).toHaveBeenCalledWith('p2', { action: 'reschedule', due: '2026-03-06', reason: 'waiting for the printer', cause: null }))
  })

  it('will not reschedule without a reason, and says so next to the field', async () => {
    render(Client, { props: { id: ID } })
    await screen.findByTestId('timeline')
    const open = screen.getAllByTestId('timeline-entry').find((li) => li.dataset.summary === 'Send the spring price list')!
    await fireEvent.click(open.querySelector<HTMLButtonElement>('[data-testid="action-reschedule"]')!)
    await fireEvent.input(screen.getByTestId('reschedule-due'), { target: { value: '2026-03-20' } })
    await fireEvent.click(screen.getByTestId('action-confirm'))
    const reason = screen.getByTestId('reschedule-reason')
    expect(reason.getAttribute('aria-invalid')).toBe('true')
    const error = document.getElementById(reason.getAttribute('aria-describedby') ?? '')
    expect(error?.textContent).toBe('Say why: the client will ask.')
    expect(fake.act).not.toHaveBeenCalled()
  })
})

describe('the words of the client page', () => {
  const RAW_KEY = /\b(client|entry|timeline|record|kind|channel|action|status|signal|severity|common|when|matter|trend)\.[a-z_.]+/

  it('exist in English and in Spanish', () => {
    expect(missingKeys()).toEqual({ en: [], es: [] })
  })

  it('are all registered: no key shows through, in either language, editing included', async () => {
    for (const lang of ['en', 'es'] as const) {
      locale.lang = lang
      const { container, unmount } = render(Client, { props: { id: ID } })
      await screen.findByTestId('timeline')
      await fireEvent.click(screen.getByTestId('client-edit'))
      const labels = [...container.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join(' ')
      expect(container.textContent + labels, lang).not.toMatch(RAW_KEY)
      unmount()
    }
  })
})
