import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, ipcError, useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { ProposalView } from '../lib/bindings/ProposalView'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import MailReview from './MailReview.svelte'

const SOL = '0190a1b2-0000-7000-8000-000000000001'
const REQUEST = '0190a1b2-0000-7000-8000-0000000000aa'

const proposals: ProposalView[] = [
  {
    id: 1,
    kind: 'request',
    client_id: SOL,
    client: 'Panadería Sol',
    direction: 'in',
    at: '2026-03-03T09:00:00Z',
    from: ['rosa@panaderia-sol.example'],
    subject: 'Menu update',
    excerpt: 'Could you put the <b>spring</b> menu on the website?',
    answer_by: '2026-03-04T09:00:00Z',
  },
  {
    id: 2,
    kind: 'interaction',
    client_id: SOL,
    client: 'Panadería Sol',
    direction: 'in',
    at: '2026-03-04T10:00:00Z',
    from: ['news@panaderia-sol.example'],
    subject: 'Our spring news',
    excerpt: 'Two croissants for one.',
  },
]

let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.info = null
  app.notice = null
  fake = fakeBackend({
    mailReview: () => Promise.resolve(structuredClone(proposals)),
    openRequests: () => Promise.resolve([{ id: REQUEST, summary: 'Logo files', at: '2026-03-01T09:00:00Z' }]),
    reviewMail: (decisions) => Promise.resolve(decisions.map((d) => ({ id: d.id, status: d.decision === 'ignore' ? 'ignored' : 'accepted', kind: 'request' }))),
    acceptAllMail: () => Promise.resolve([{ id: 1, status: 'accepted', kind: 'request' }, { id: 2, status: 'accepted', kind: 'interaction' }]),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

const cards = () => screen.findAllByTestId('mail-proposal')

describe('the mail review list', () => {
  it('shows who wrote, when, what, the excerpt as text, and what each would become', async () => {
    render(MailReview)
    const [first, second] = await cards()
    expect(first.textContent).toContain('Panadería Sol')
    expect(first.textContent).toContain('Received')
    expect(first.textContent).toContain('From rosa@panaderia-sol.example')
    expect(first.textContent).toContain('Menu update')
    const excerpt = first.querySelector('[data-testid="mail-excerpt"]')!
    expect(excerpt.textContent, 'markup in a message is shown, never run').toBe('Could you put the <b>spring</b> menu on the website?')
    expect(excerpt.querySelector('b')).toBeNull()
    expect(first.querySelector('[data-testid="mail-becomes"]')!.textContent).toContain('A request, to answer by Wed 4 Mar, 09:00')
    expect(first.textContent).toContain('counted in business hours')
    expect(second.querySelector('[data-testid="mail-becomes"]')!.textContent).toContain('An interaction, nothing owed')
    expect(screen.getByTestId('mail-keys').textContent).toContain('A accept')
  })

  it('moves with J and accepts the selected proposal with A, ignores with I', async () => {
    render(MailReview)
    await cards()
    await fireEvent.keyDown(window, { key: 'j' })
    expect((await cards())[1].getAttribute('aria-current')).toBe('true')
    await fireEvent.keyDown(window, { key: 'i' })
    await waitFor(() => expect(fake.reviewMail).toHaveBeenCalledWith([{ decision: 'ignore', id: 2 }]))
    await waitFor(() => expect(app.notice).toBe('Ignored: Our spring news'))
    await fireEvent.keyDown(window, { key: 'a' })
    await waitFor(() => expect(fake.reviewMail).toHaveBeenLastCalledWith([{ decision: 'accept', id: 1, kind: null, request: null }]))
    await waitFor(() => expect(screen.queryAllByTestId('mail-proposal')).toHaveLength(0))
  })

  it('takes an acceptance back from the notice’s Undo: the proposal is back in the list', async () => {
    let waiting = structuredClone(proposals)
    fake.mailReview.mockImplementation(() => Promise.resolve(structuredClone(waiting)))
    fake.reviewMail.mockImplementation((decisions) => {
      waiting = waiting.filter((p) => !decisions.some((d) => d.id === p.id))
      return Promise.resolve(decisions.map((d) => ({ id: d.id, status: 'accepted', kind: 'request' })))
    })
    fake.takeBackMailReview.mockImplementation((id) => {
      waiting = structuredClone(proposals).filter((p) => p.id === id || waiting.some((w) => w.id === p.id))
      return Promise.resolve()
    })
    render(MailReview)
    await cards()
    await fireEvent.keyDown(window, { key: 'a' })
    await waitFor(() => expect(app.notice).toBe('Accepted: Menu update'))
    await waitFor(() => expect(screen.queryAllByTestId('mail-proposal')).toHaveLength(1))
    expect(app.undo).not.toBeNull()
    await app.takeBack()
    expect(fake.takeBackMailReview).toHaveBeenCalledWith(1)
    await waitFor(() => expect(screen.queryAllByTestId('mail-proposal')).toHaveLength(2))
    expect(screen.getAllByTestId('mail-proposal')[0].textContent).toContain('Menu update')
  })

  it('accepts as another kind, or on a request of the client the user links', async () => {
    render(MailReview)
    const [first, second] = await cards()
    await fireEvent.change(first.querySelector('[data-testid="mail-kind"]')!, { target: { value: 'interaction' } })
    expect(first.querySelector('[data-testid="mail-becomes"]')!.textContent).toContain('An interaction')
    await fireEvent.click(first.querySelector('[data-testid="mail-accept"]')!)
    await waitFor(() => expect(fake.reviewMail).toHaveBeenCalledWith([{ decision: 'accept', id: 1, kind: 'interaction', request: null }]))

    await fireEvent.change(second.querySelector('[data-testid="mail-link"]')!, { target: { value: REQUEST } })
    expect(second.querySelector('[data-testid="mail-becomes"]')!.textContent, 'a linked client message asks again').toContain('Asked again, on “Logo files”')
    await fireEvent.click(second.querySelector('[data-testid="mail-accept"]')!)
    await waitFor(() => expect(fake.reviewMail).toHaveBeenLastCalledWith([{ decision: 'accept', id: 2, kind: 'follow_up', request: REQUEST }]))
  })

  it('accepts all with Shift+A and says how many', async () => {
    render(MailReview)
    await cards()
    await fireEvent.keyDown(window, { key: 'A', shiftKey: true })
    await waitFor(() => expect(fake.acceptAllMail).toHaveBeenCalledOnce())
    await waitFor(() => expect(app.notice).toBe('2 messages accepted.'))
  })

  it('says a refusal in Spanish on the proposal it is about, and keeps the proposal', async () => {
    locale.lang = 'es'
    fake.reviewMail.mockImplementation(() => Promise.reject(new BackendError(ipcError('mail_earlier_first', { value: '2', other: '1' }))))
    render(MailReview)
    const [, second] = await cards()
    await fireEvent.click(second.querySelector('[data-testid="mail-accept"]')!)
    const error = await screen.findByTestId('mail-error')
    expect(error.textContent).toBe('Este mensaje sigue a uno anterior de su hilo: revisa primero ese.')
    expect(second.contains(error)).toBe(true)
    expect(await cards()).toHaveLength(2)
    expect(second.textContent).toContain('Recibido')
    expect(second.textContent).toContain('Aceptar')
  })

  it('says when nothing waits', async () => {
    fake.mailReview.mockImplementation(() => Promise.resolve([]))
    render(MailReview)
    expect((await screen.findByTestId('mail-review-empty')).textContent).toContain('No mail awaits review')
    expect(screen.queryByTestId('mail-accept-all')).toBeNull()
  })
})

describe('mail dropped on the window', () => {
  it('says what waits for review, in the UI’s language', async () => {
    const { droppedNotice } = await import('./messages')
    expect(droppedNotice(0)).toBe('Mail imported: nothing new to review.')
    expect(droppedNotice(1)).toBe('Mail imported: 1 message to review.')
    locale.lang = 'es'
    expect(droppedNotice(3)).toBe('Correo importado: 3 mensajes por revisar.')
  })
})
