// The draft after a mistake, as the dialog shows it: the core's text, the
// fields writing it again, the check as the text is edited, and the steps
// offered once the message left Trato.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { RecoveryDraft } from '../lib/bindings/RecoveryDraft'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale, missingKeys } from '../lib/i18n.svelte'
import RecoveryDialog from './RecoveryDialog.svelte'

const ENTRY = '01900000-0000-7000-8000-0000000000e1'

function draft(body: string, findings: RecoveryDraft['findings'] = []): RecoveryDraft {
  return {
    entry: ENTRY,
    trigger: 'incident',
    fields: {
      language: 'es',
      register: 'familiar',
      addressee: 'Panadería Sol',
      topic: 'la carta',
      what_happened: '',
      responsibility: 'Fue un error mío y lo asumo.',
      repair: '',
      repair_by: '2026-03-06',
      amends: 'redo',
      amends_detail: '',
      prevention: '',
    },
    draft: { subject: 'la carta: mis disculpas y cómo lo arreglo', body },
    findings,
    to: 'hola@panaderiasol.es',
    steps: ['acknowledged', 'apologized', 'explained'],
  }
}

const FIRST = 'Hola, Panadería Sol:\n\nMe disculpo por lo que pasó con la carta. Fue un error mío y lo asumo.'

let fake: FakeBackend
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  locale.lang = 'en'
  app.notice = null
  fake = fakeBackend({
    recoveryDraft: (_entry, choices) =>
      Promise.resolve(draft(choices.repair ? `${FIRST}\n\nPara arreglarlo, ${choices.repair}; estará hecho el viernes 6 de marzo.` : FIRST)),
    recoveryCheck: (text) =>
      Promise.resolve(
        text.includes('el sistema')
          ? [{ code: 'blame_elsewhere', phrase: 'el sistema', at: 10, advice: '"el sistema" moves the blame away from you: say what you did.' }]
          : [],
      ),
    recoverySent: (entry, steps) => Promise.resolve({ ticked: steps, undo: { entry, event: 0, version: 3 } }),
  })
  useBackend(fake)
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('the draft after a mistake', () => {
  it('shows the core’s text, and a field changed writes it again', async () => {
    render(RecoveryDialog, { entry: ENTRY, onclose: () => {} })
    const body = (await screen.findByTestId('recovery-body')) as HTMLTextAreaElement
    expect(body.value).toBe(FIRST)
    expect(screen.getByTestId('recovery-to').textContent).toContain('hola@panaderiasol.es')
    await fireEvent.input(screen.getByTestId('recovery-repair'), { target: { value: 'publico hoy la carta' } })
    await vi.advanceTimersByTimeAsync(300)
    await waitFor(() => expect(body.value).toContain('Para arreglarlo, publico hoy la carta; estará hecho el viernes 6 de marzo.'))
    expect(fake.recoveryDraft).toHaveBeenLastCalledWith(ENTRY, { repair: 'publico hoy la carta' })
  })

  it('checks the text as it is edited, in the draft’s language, and shows the advice', async () => {
    render(RecoveryDialog, { entry: ENTRY, onclose: () => {} })
    const body = await screen.findByTestId('recovery-body')
    expect(screen.getByTestId('recovery-check-ok')).toBeTruthy()
    await fireEvent.input(body, { target: { value: `${FIRST} Pero el sistema falló.` } })
    await vi.advanceTimersByTimeAsync(300)
    const finding = await screen.findByTestId('recovery-finding')
    expect(finding.dataset.code).toBe('blame_elsewhere')
    expect(finding.textContent).toBe('"el sistema" moves the blame away from you: say what you did.')
    expect(fake.recoveryCheck).toHaveBeenLastCalledWith(`${FIRST} Pero el sistema falló.`, 'es')
  })

  it('offers the incident’s first steps once copied, and ticks those left checked', async () => {
    const clipboard = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: clipboard }, configurable: true })
    const changed = vi.spyOn(app, 'changed').mockResolvedValue()
    const onclose = vi.fn()
    render(RecoveryDialog, { entry: ENTRY, onclose })
    await screen.findByTestId('recovery-body')
    expect(screen.queryByTestId('recovery-steps')).toBeNull()
    await fireEvent.click(screen.getByTestId('recovery-copy'))
    expect(clipboard).toHaveBeenCalledWith(`la carta: mis disculpas y cómo lo arreglo\n\n${FIRST}`)
    await screen.findByTestId('recovery-steps')
    await fireEvent.click(screen.getByTestId('recovery-step-explained'))
    await fireEvent.click(screen.getByTestId('recovery-tick'))
    await waitFor(() => expect(onclose).toHaveBeenCalled())
    expect(fake.recoverySent).toHaveBeenCalledWith(ENTRY, ['acknowledged', 'apologized'])
    expect(changed).toHaveBeenCalledWith('Ticked: acknowledged, apologised.', expect.any(Function))
    // The notice's Undo takes back the one write that ticked them.
    fake.undo.mockResolvedValue()
    await changed.mock.calls[0][1]!()
    expect(fake.undo).toHaveBeenCalledWith({ entry: ENTRY, event: 0, version: 3 })
  })

  it('has every word in English and Spanish', () => {
    expect(missingKeys()).toEqual({ en: [], es: [] })
  })
})
