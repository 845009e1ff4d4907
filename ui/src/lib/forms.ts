// The forms' drafts and what the UI can tell before asking the core: a field
// left empty, a number off its scale, a date not yet typed. Pure functions, so
// the rules are tested without a screen. The core checks everything again and
// has the last word (its refusals carry the field they are about). Dates are
// text the core reads (`2026-03-06`, `friday`, `tomorrow 17:00`): what a typed
// date means is never worked out here.
import type { Cause } from './bindings/Cause'
import type { Channel } from './bindings/Channel'
import type { Client } from './bindings/Client'
import type { ClientForm } from './bindings/ClientForm'
import type { ClientId } from './bindings/ClientId'
import type { ClientStatus } from './bindings/ClientStatus'
import type { Direction } from './bindings/Direction'
import type { Language } from './bindings/Language'
import type { Register } from './bindings/Register'
import type { SetBy } from './bindings/SetBy'
import type { TimelineEntry } from './bindings/TimelineEntry'
import type { EntryForm } from './bindings/EntryForm'
import type { EntryId } from './bindings/EntryId'
import type { IncidentSeverity } from './bindings/IncidentSeverity'
import type { KindForm } from './bindings/KindForm'
import { LIMITS } from './bindings/Limits'
import type { NoticedBy } from './bindings/NoticedBy'
import type { Stage } from './bindings/Stage'

export type Kind = KindForm['kind']
export const KINDS: readonly Kind[] = ['interaction', 'request', 'promise', 'incident', 'feedback', 'note']
export const CHANNELS: readonly Channel[] = ['call', 'meeting', 'email', 'message', 'visit', 'other']
export const STATUSES: readonly ClientStatus[] = ['prospect', 'active', 'paused', 'former']
export const STAGES: readonly Stage[] = ['mid', 'end', 'unsolicited']
export const CAUSES: readonly Cause[] = ['expectations', 'misunderstanding', 'rapport', 'deficiency', 'other']
export const INCIDENT_SEVERITIES: readonly IncidentSeverity[] = ['minor', 'major', 'critical']

/** Field name → message key. Field names are the core's, so its refusals land in the same place. */
export type Problems = { [field: string]: string }

export function hasProblems(p: Problems): boolean {
  return Object.keys(p).length > 0
}

/** What the quick-entry dialog holds while it is being filled in. */
export interface EntryDraft {
  client: ClientId | ''
  kind: Kind
  channel: Channel
  /** Optional for feedback: the core heads it with its score, stage and cause. */
  summary: string
  /** As typed (a day and a time, or a shortcut); empty is now. */
  at: string
  direction: Direction
  /** As typed; empty is the answer target. */
  answerBy: string
  /** As typed: a day is due by its end, a day and a time at that time. */
  due: string
  forRequest: EntryId | ''
  /** A promise's kind as typed ("entrega"); empty is none. */
  promiseKind: string
  /** Whose date a promise's is: the client's is not checked against the record. */
  setBy: SetBy
  noticedBy: NoticedBy
  severity: IncidentSeverity
  scale: 'rating' | 'nps'
  /** As the number input gives it: empty is null. */
  score: number | null
  stage: Stage
  cause: Cause | ''
  comment: string
}

export function emptyEntry(client: ClientId | null, kind: Kind = 'interaction'): EntryDraft {
  return {
    client: client ?? '',
    kind,
    channel: 'email',
    summary: '',
    at: '',
    direction: 'in',
    answerBy: '',
    due: '',
    promiseKind: '',
    setBy: 'me',
    forRequest: '',
    noticedBy: 'us',
    severity: 'minor',
    scale: 'rating',
    score: null,
    stage: 'mid',
    cause: '',
    comment: '',
  }
}

function text(problems: Problems, field: string, value: string, max: number, required: boolean) {
  if (required && value.trim() === '') problems[field] = `entry.error.${field}_required`
  else if ([...value].length > max) problems[field] = 'entry.error.too_long'
}

/** What is wrong with a draft before it is sent, field by field; empty when it can go. */
export function validateEntry(d: EntryDraft): Problems {
  const problems: Problems = {}
  if (!d.client) problems.client = 'entry.error.client_required'
  text(problems, 'summary', d.summary, LIMITS.text, d.kind !== 'feedback')
  switch (d.kind) {
    case 'promise':
      if (d.due.trim() === '') problems.due = 'entry.error.due_required'
      break
    case 'feedback': {
      const s = d.score
      if (s == null || Number.isNaN(s)) problems.score = d.scale === 'rating' ? 'entry.error.rating' : 'entry.error.nps'
      else if (d.scale === 'rating' && !(Number.isInteger(s) && s >= 1 && s <= 5)) problems.score = 'entry.error.rating'
      else if (d.scale === 'nps' && !(Number.isInteger(s) && s >= 0 && s <= 10)) problems.score = 'entry.error.nps'
      text(problems, 'comment', d.comment, LIMITS.text, false)
      break
    }
  }
  return problems
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim())

/** The form the core receives; call it on a draft `validateEntry` accepted. */
export function entryForm(d: EntryDraft): EntryForm {
  let kind: KindForm
  switch (d.kind) {
    case 'interaction':
      kind = { kind: 'interaction', direction: d.direction }
      break
    case 'request':
      kind = { kind: 'request', answer_by: orNull(d.answerBy) }
      break
    case 'promise':
      kind = { kind: 'promise', due: d.due.trim(), for_request: d.forRequest || null, promise_kind: orNull(d.promiseKind), set_by: d.setBy }
      break
    case 'incident':
      kind = { kind: 'incident', noticed_by: d.noticedBy, severity: d.severity }
      break
    case 'feedback':
      kind = {
        kind: 'feedback',
        score: d.scale === 'rating' ? { rating: d.score ?? 0 } : { nps: d.score ?? 0 },
        stage: d.stage,
        cause: d.cause || null,
        comment: orNull(d.comment),
      }
      break
    case 'note':
      kind = { kind: 'note' }
      break
  }
  return { client: d.client, channel: d.channel, summary: d.summary.trim(), at: orNull(d.at), kind }
}

/** The inline reschedule form of a promise: a new date (as typed) and the reason the client is given. */
export function validateReschedule(due: string, reason: string): Problems {
  const problems: Problems = {}
  if (due.trim() === '') problems.due = 'action.error.due_required'
  if (reason.trim() === '') problems.reason = 'action.error.reason_required'
  else if ([...reason].length > LIMITS.text) problems.reason = 'entry.error.too_long'
  return problems
}

/** A note the action cannot do without (what compensation was offered). */
export function validateNote(note: string, required: boolean): Problems {
  const problems: Problems = {}
  if (required && note.trim() === '') problems.note = 'action.error.note_required'
  else if ([...note].length > LIMITS.text) problems.note = 'entry.error.too_long'
  return problems
}

/** Open matters read from what the data holds: a request or promise with no closing event. */
export function isOpenRequest(e: TimelineEntry): boolean {
  return e.details.kind === 'request' && e.status === 'open'
}

/** The client's profile while it is being edited. */
export interface ClientDraft {
  name: string
  organisation: string
  email: string
  phone: string
  preferred_channel: Channel | ''
  status: ClientStatus
  /** Comma-separated, as typed. */
  tags: string
  notes: string
  availability: string
  /** Empty: the journal's answer target applies. */
  response_target_hours: number | null
  /** Drafts to the client: their language ('' for the journal's) and tú or usted ('' for usted). */
  language: Language | ''
  register: Register | ''
}

export function clientDraft(c: Client): ClientDraft {
  return {
    name: c.name,
    organisation: c.organisation ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    preferred_channel: c.preferred_channel ?? '',
    status: c.status,
    tags: c.tags.join(', '),
    notes: c.notes ?? '',
    availability: c.availability ?? '',
    response_target_hours: c.response_target_hours ?? null,
    language: c.language ?? '',
    register: c.register ?? '',
  }
}

/** Tags typed with commas, without blanks, as written. Repeats are the core's
 * to judge (by its rule of what makes two tags one, "Ñandú" and "ñandú"
 * included): it refuses a tag given twice. */
export function parseTags(typed: string): string[] {
  return typed
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

export function validateClient(d: ClientDraft): Problems {
  const problems: Problems = {}
  if (d.name.trim() === '') problems.name = 'client.error.name_required'
  else if ([...d.name].length > LIMITS.name) problems.name = 'entry.error.too_long'
  for (const field of ['organisation', 'notes', 'availability'] as const) {
    if ([...d[field]].length > LIMITS.text) problems[field] = 'entry.error.too_long'
  }
  const h = d.response_target_hours
  if (h !== null && !(Number.isFinite(h) && h > 0)) problems.response_target_hours = 'client.error.response_target'
  if (parseTags(d.tags).some((t) => [...t].length > LIMITS.tag)) problems.tags = 'client.error.tag_too_long'
  return problems
}

/** The core's field names in a refusal of a client, and the form field each is shown at. */
export const CLIENT_FIELDS: Record<string, string> = {
  name: 'name',
  organisation: 'organisation',
  email: 'email',
  phone: 'phone',
  preferred_channel: 'preferred_channel',
  status: 'status',
  tag: 'tags',
  tags: 'tags',
  notes: 'notes',
  availability: 'availability',
  response_target_hours: 'response_target_hours',
}

/** What a quick form for a new client asks: a name, and how to reach the client. */
export interface NewClientFields {
  name: string
  organisation?: string
  email?: string
  phone?: string
  preferred_channel?: Channel | ''
}

/** A new client's few fields, checked as the client edit form checks them. */
export function validateNewClient(fields: NewClientFields): Problems {
  return validateClient({
    name: fields.name,
    organisation: fields.organisation ?? '',
    email: fields.email ?? '',
    phone: fields.phone ?? '',
    preferred_channel: fields.preferred_channel ?? '',
    status: 'active',
    tags: '',
    notes: '',
    availability: '',
    response_target_hours: null,
    language: '',
    register: '',
  })
}

/** A new client from the few fields a quick form asks for; the rest starts empty. */
export function newClientForm(fields: NewClientFields): ClientForm {
  return {
    name: fields.name.trim(),
    organisation: fields.organisation?.trim() ?? '',
    email: fields.email?.trim() ?? '',
    phone: fields.phone?.trim() ?? '',
    preferred_channel: fields.preferred_channel || null,
    status: 'active',
    tags: [],
    notes: '',
    availability: '',
    response_target_hours: null,
  }
}

/**
 * The form the core receives. The core reads a null target as "leave it" and
 * 0 as "clear it", so an emptied field clears a target the client had.
 */
export function clientForm(d: ClientDraft, before: Client): ClientForm {
  const cleared = d.response_target_hours === null && before.response_target_hours != null
  return {
    name: d.name.trim(),
    organisation: d.organisation.trim(),
    email: d.email.trim(),
    phone: d.phone.trim(),
    preferred_channel: d.preferred_channel || null,
    status: d.status,
    tags: parseTags(d.tags),
    notes: d.notes.trim(),
    availability: d.availability.trim(),
    response_target_hours: cleared ? 0 : d.response_target_hours,
    language: d.language || undefined,
    register: d.register || undefined,
  }
}
