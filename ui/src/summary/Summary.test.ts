import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import Summary from './Summary.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  app.notice = null
  fake = fakeBackend({
    summaryAddress: (client, period, lang, audience) => Promise.resolve(`summary://localhost/${client}?period=${period}&lang=${lang}&for=${audience}`),
    saveSummary: () => Promise.resolve('/home/ana/Panadería Sol – summary.pdf'),
    printSummary: () => Promise.resolve(),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('Summary', () => {
  it('shows the document for the chosen period in the language Trato speaks, in a frame that runs no script', async () => {
    locale.lang = 'es'
    render(Summary, { id: SOL })
    const frame = (await screen.findByTestId('summary-frame')) as HTMLIFrameElement
    expect(frame.getAttribute('src')).toBe(`summary://localhost/${SOL}?period=all&lang=es&for=provider`)
    expect(frame.getAttribute('sandbox')).toBe('')
    await fireEvent.change(screen.getByTestId('summary-period'), { target: { value: '3m' } })
    await waitFor(() => expect(frame.getAttribute('src')).toBe(`summary://localhost/${SOL}?period=3m&lang=es&for=provider`))
  })

  it('saves a PDF on the chosen paper and says where', async () => {
    render(Summary, { id: SOL })
    await fireEvent.change(await screen.findByTestId('summary-paper'), { target: { value: 'letter' } })
    await fireEvent.click(screen.getByTestId('summary-save-pdf'))
    await waitFor(() => expect(fake.saveSummary).toHaveBeenCalledWith(SOL, 'all', 'en', 'pdf', 'letter', 'provider'))
    await waitFor(() => expect(app.notice).toBe('Saved to /home/ana/Panadería Sol – summary.pdf'))
  })

  it('says nothing when the user cancels the save dialog', async () => {
    fake.saveSummary.mockImplementation(() => Promise.resolve(null))
    render(Summary, { id: SOL })
    await fireEvent.click(await screen.findByTestId('summary-save-html'))
    await waitFor(() => expect(fake.saveSummary).toHaveBeenCalledWith(SOL, 'all', 'en', 'html', 'a4', 'provider'))
    expect(app.notice).toBeNull()
  })

  it('prints through the system dialog with the same period and language', async () => {
    render(Summary, { id: SOL })
    await fireEvent.click(await screen.findByTestId('summary-print'))
    await waitFor(() => expect(fake.printSummary).toHaveBeenCalledWith(SOL, 'all', 'en', 'provider'))
  })

  it('shows, saves and prints the client’s copy, without the trust score, when chosen', async () => {
    render(Summary, { id: SOL })
    const frame = (await screen.findByTestId('summary-frame')) as HTMLIFrameElement
    await fireEvent.change(screen.getByTestId('summary-audience'), { target: { value: 'client' } })
    await waitFor(() => expect(frame.getAttribute('src')).toBe(`summary://localhost/${SOL}?period=all&lang=en&for=client`))
    expect(screen.getByTestId('summary').textContent).toContain('leaves out the trust score')
    await fireEvent.click(screen.getByTestId('summary-save-pdf'))
    await waitFor(() => expect(fake.saveSummary).toHaveBeenCalledWith(SOL, 'all', 'en', 'pdf', 'a4', 'client'))
    await fireEvent.click(screen.getByTestId('summary-print'))
    await waitFor(() => expect(fake.printSummary).toHaveBeenCalledWith(SOL, 'all', 'en', 'client'))
  })
})
