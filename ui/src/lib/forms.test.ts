import { describe, expect, it } from 'vitest'
import type { Client } from './bindings/Client'
import {
  clientDraft,
  clientForm,
  emptyEntry,
  entryForm,
  isOpenRequest,
  parseTags,
  validateClient,
  validateEntry,
  validateNote,
  validateReschedule,
  type EntryDraft,
} from './forms'
import { LIMITS } from './bindings/Limits'
import type { TimelineEntry } from './bindings/TimelineEntry'

const CLIENT = '01900000-0000-7000-8000-000000000001'

function draft(patch: Partial<EntryDraft>): EntryDraft {
  return { ...emptyEntry(CLIENT), summary: 'Asked for a menu update', ...patch }
}

describe('validateEntry', () => {
  it('accepts a plain interaction with a summary', () => {
    expect(validateEntry(draft({}))).toEqual({})
  })

  it('refuses a blank summary, spaces included', () => {
    expect(validateEntry(draft({ summary: '' })).summary).toBe('entry.error.summary_required')
    expect(validateEntry(draft({ summary: '   \n ' })).summary).toBe('entry.error.summary_required')
  })

  it('refuses a summary longer than the core accepts, counting characters not UTF-16 units', () => {
    expect(validateEntry(draft({ summary: 'x'.repeat(LIMITS.text + 1) })).summary).toBe('entry.error.too_long')
    expect(validateEntry(draft({ summary: '😀'.repeat(LIMITS.text) })).summary, 'an emoji is one character for the core').toBeUndefined()
  })

  it('needs a client when the dialog was opened without one', () => {
    expect(validateEntry({ ...draft({}), client: '' }).client).toBe('entry.error.client_required')
  })

  it('leaves what a typed date means to the core: shortcuts are dates too', () => {
    expect(validateEntry(draft({ at: '' })).at).toBeUndefined()
    expect(validateEntry(draft({ at: 'yesterday 16:00' })).at).toBeUndefined()
    expect(validateEntry(draft({ kind: 'request', answerBy: 'viernes 12:00' })).answer_by).toBeUndefined()
  })

  it('needs a due date for a promise, typed any way the core reads', () => {
    expect(validateEntry(draft({ kind: 'promise' })).due).toBe('entry.error.due_required')
    expect(validateEntry(draft({ kind: 'promise', due: '  ' })).due).toBe('entry.error.due_required')
    expect(validateEntry(draft({ kind: 'promise', due: '2026-03-04' }))).toEqual({})
    expect(validateEntry(draft({ kind: 'promise', due: 'next working day' }))).toEqual({})
  })

  it('needs no summary for feedback: the core heads it with the score, stage and cause', () => {
    expect(validateEntry(draft({ kind: 'feedback', summary: '', score: 3 }))).toEqual({})
    expect(validateEntry(draft({ kind: 'note', summary: '' })).summary).toBe('entry.error.summary_required')
  })

  it('does not ask for a due date on other kinds', () => {
    expect(validateEntry(draft({ kind: 'request' })).due).toBeUndefined()
  })

  it('checks a rating is a whole number from 1 to 5', () => {
    const rating = (score: number | null) => validateEntry(draft({ kind: 'feedback', scale: 'rating', score })).score
    expect(rating(3)).toBeUndefined()
    expect(rating(1)).toBeUndefined()
    expect(rating(5)).toBeUndefined()
    expect(rating(0)).toBe('entry.error.rating')
    expect(rating(6)).toBe('entry.error.rating')
    expect(rating(2.5)).toBe('entry.error.rating')
    expect(rating(null)).toBe('entry.error.rating')
  })

  it('checks an NPS score is a whole number from 0 to 10', () => {
    const nps = (score: number | null) => validateEntry(draft({ kind: 'feedback', scale: 'nps', score })).score
    expect(nps(0)).toBeUndefined()
    expect(nps(10)).toBeUndefined()
    expect(nps(11)).toBe('entry.error.nps')
    expect(nps(-1)).toBe('entry.error.nps')
    expect(nps(null)).toBe('entry.error.nps')
  })
})

describe('entryForm', () => {
  it('sends the due date as typed, for the core to read', () => {
    const promise = entryForm(draft({ kind: 'promise', due: ' friday 17:00 ', forRequest: 'r1', promiseKind: ' entrega ', setBy: 'client' }))
    expect(promise.kind).toEqual({ kind: 'promise', due: 'friday 17:00', for_request: 'r1', promise_kind: 'entrega', set_by: 'client' })
  })

  it('sends empty optional fields as null and trims the summary', () => {
    const form = entryForm(draft({ kind: 'request', summary: '  menu update  ' }))
    expect(form).toEqual({ client: CLIENT, channel: 'email', summary: 'menu update', at: null, kind: { kind: 'request', answer_by: null } })
  })

  it('sends feedback on the scale chosen', () => {
    const form = entryForm(draft({ kind: 'feedback', scale: 'nps', score: 7, stage: 'end', cause: 'expectations', comment: '' }))
    expect(form.kind).toEqual({ kind: 'feedback', score: { nps: 7 }, stage: 'end', cause: 'expectations', comment: null })
  })
})

describe('the inline action forms', () => {
  it('a reschedule needs a new date and a reason', () => {
    expect(validateReschedule('', '')).toEqual({ due: 'action.error.due_required', reason: 'action.error.reason_required' })
    expect(validateReschedule('2026-03-06', '  ')).toEqual({ reason: 'action.error.reason_required' })
    expect(validateReschedule('2026-03-06', 'waiting for photos')).toEqual({})
  })

  it('a compensation must say what was offered; a broken promise need not say why', () => {
    expect(validateNote('', true)).toEqual({ note: 'action.error.note_required' })
    expect(validateNote('', false)).toEqual({})
  })
})

describe('open requests', () => {
  const request = (status: string): TimelineEntry => ({
    id: 'r',
    client_id: CLIENT,
    occurred_at: '2026-03-02T09:00:00Z',
    recorded_at: '2026-03-02T09:00:00Z',
    channel: 'email',
    summary: 'menu',
    status,
    details: { kind: 'request', events: [] },
    due: null,
    answer_by: null,
  })

  it('a promise can answer only a request the core says is still open', () => {
    expect(isOpenRequest(request('open'))).toBe(true)
    expect(isOpenRequest(request('done'))).toBe(false)
    expect(isOpenRequest(request('withdrawn'))).toBe(false)
  })
})

describe('the client form', () => {
  const client: Client = {
    id: CLIENT,
    name: 'Panadería Sol',
    status: 'active',
    tags: ['bakery'],
    email: 'hola@panaderiasol.es',
    response_target_hours: 4,
    created_at: '2026-01-10T09:00:00Z',
  }

  it('needs a name and a positive answer target', () => {
    expect(validateClient(clientDraft(client))).toEqual({})
    expect(validateClient({ ...clientDraft(client), name: ' ' }).name).toBe('client.error.name_required')
    expect(validateClient({ ...clientDraft(client), response_target_hours: 0 }).response_target_hours).toBe('client.error.response_target')
    expect(validateClient({ ...clientDraft(client), response_target_hours: null }).response_target_hours).toBeUndefined()
  })

  it('reads tags typed with commas, without blanks, and leaves repeats for the core to refuse', () => {
    expect(parseTags(' Ñandú, web ,, ñandú,')).toEqual(['Ñandú', 'web', 'ñandú'])
  })

  it('clears an answer target the user emptied (the core reads 0 as clear and null as keep)', () => {
    expect(clientForm({ ...clientDraft(client), response_target_hours: null }, client).response_target_hours).toBe(0)
    expect(clientForm(clientDraft(client), client).response_target_hours).toBe(4)
    const none = { ...client, response_target_hours: null }
    expect(clientForm(clientDraft(none), none).response_target_hours).toBeNull()
  })
})
