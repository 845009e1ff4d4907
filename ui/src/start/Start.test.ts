import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend, ipcError } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { Settings } from '../lib/bindings/Settings'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import Start from './Start.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
const ZONES = ['America/Argentina/Buenos_Aires', 'America/Mexico_City', 'America/Sao_Paulo', 'Atlantic/Canary', 'Europe/Lisbon', 'Europe/Madrid', 'UTC']
let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  app.settings = { time_zone: null } as Settings
  fake = fakeBackend({
    timeZones: () => Promise.resolve({ system: 'UTC', zones: ZONES }),
    addClient: () => Promise.resolve(SOL),
    setSetting: () => Promise.resolve({ time_zone: 'Europe/Madrid' } as Settings),
    settings: () => Promise.resolve({ time_zone: 'Europe/Madrid' } as Settings),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

/** The zones the open list offers, as shown. */
const offered = () => [...screen.getByTestId('start-time-zone-list').querySelectorAll('[role=option]')].map((o) => o.textContent?.trim())

describe('the first start', () => {
  it('takes the first client with how to reach them, and the time zone from a list', async () => {
    render(Start)
    await fireEvent.input(screen.getByTestId('start-client-name'), { target: { value: 'Panadería Sol' } })
    await fireEvent.input(screen.getByTestId('start-client-email'), { target: { value: 'hola@panaderiasol.es' } })
    await fireEvent.input(screen.getByTestId('start-client-phone'), { target: { value: '+34 912 345 678' } })
    await fireEvent.change(screen.getByTestId('start-client-channel'), { target: { value: 'email' } })

    const zone = screen.getByTestId('start-time-zone')
    expect(zone.getAttribute('role'), 'chosen from a list, not typed free').toBe('combobox')
    await waitFor(() => expect((zone as HTMLInputElement).value).toBe('UTC (this computer’s zone)'))
    await fireEvent.focus(zone)
    await fireEvent.input(zone, { target: { value: 'madr' } })
    expect(offered()).toEqual(['Europe/Madrid'])
    await fireEvent.keyDown(zone, { key: 'Enter' })
    expect((zone as HTMLInputElement).value).toBe('Europe/Madrid')

    await fireEvent.click(screen.getByTestId('start-add'))
    await waitFor(() => expect(fake.setSetting).toHaveBeenCalledWith('time_zone', 'Europe/Madrid'))
    expect(fake.addClient).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Panadería Sol', email: 'hola@panaderiasol.es', phone: '+34 912 345 678', preferred_channel: 'email' }),
    )
    await waitFor(() => expect(app.route).toEqual({ name: 'client', id: SOL }))
  })

  it('finds a zone by any words of it, accents and underscores aside, and moves through the list with the arrows', async () => {
    render(Start)
    const zone = screen.getByTestId('start-time-zone')
    await waitFor(() => expect(fake.timeZones).toHaveBeenCalled())
    await fireEvent.input(zone, { target: { value: 'são paulo' } })
    expect(offered()).toEqual(['America/Sao Paulo'])
    await fireEvent.input(zone, { target: { value: 'america' } })
    expect(offered()).toEqual(['America/Argentina/Buenos Aires', 'America/Mexico City', 'America/Sao Paulo'])
    await fireEvent.keyDown(zone, { key: 'ArrowDown' })
    expect(zone.getAttribute('aria-activedescendant'), 'the active option is announced').toBe(
      screen.getByTestId('start-time-zone-list').querySelectorAll('[role=option]')[1].id,
    )
    await fireEvent.keyDown(zone, { key: 'Enter' })
    expect((zone as HTMLInputElement).value).toBe('America/Mexico City')
    await fireEvent.input(zone, { target: { value: 'nowhere' } })
    expect(screen.getByTestId('start-time-zone-list').textContent).toContain('No zone matches “nowhere”.')
    await fireEvent.keyDown(zone, { key: 'Escape' })
    expect((zone as HTMLInputElement).value, 'Esc leaves the zone chosen before').toBe('America/Mexico City')
    await fireEvent.input(zone, { target: { value: 'lisb' } })
    await fireEvent.blur(zone)
    expect((zone as HTMLInputElement).value, 'leaving the field takes the one zone the words name').toBe('Europe/Lisbon')
  })

  it('checks the contact details as the client form does, and shows the core’s refusal next to its field', async () => {
    fake.addClient.mockImplementation(() => Promise.reject(new BackendError(ipcError('bad_email', { field: 'email', value: 'hola' }, "'hola' is not an e-mail address"))))
    render(Start)
    await fireEvent.click(screen.getByTestId('start-add'))
    expect(screen.getByTestId('start-client-error-name').textContent).toBe('Give the client a name.')
    expect(fake.addClient).not.toHaveBeenCalled()
    await fireEvent.input(screen.getByTestId('start-client-name'), { target: { value: 'Sol' } })
    await fireEvent.input(screen.getByTestId('start-client-email'), { target: { value: 'hola' } })
    await fireEvent.click(screen.getByTestId('start-add'))
    expect((await screen.findByTestId('start-client-error-email')).textContent).toBe('“hola” does not look like an e-mail address.')
    expect(screen.getByTestId('start-client-email').getAttribute('aria-invalid')).toBe('true')
    expect(fake.setSetting, 'a refused client changes no setting').not.toHaveBeenCalled()
  })

  it('speaks Spanish from the first screen when asked, before any client, and keeps it in the journal', async () => {
    fake.setSetting.mockResolvedValue({ time_zone: null, language: 'es' } as Settings)
    render(Start)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Trato')
    await waitFor(() => expect((screen.getByTestId('start-time-zone') as HTMLInputElement).value).toBe('UTC (this computer’s zone)'))
    const spanish = screen.getByTestId('start-language-es')
    expect(spanish.textContent?.trim(), 'named in Spanish, for whoever cannot read English').toBe('Español')
    await fireEvent.click(spanish)
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bienvenido a Trato'))
    expect(fake.setSetting).toHaveBeenCalledWith('language', 'es')
    expect(fake.addClient).not.toHaveBeenCalled()
    expect(spanish.getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByTestId('start-add').textContent?.trim()).toBe('Añadir cliente')
    expect((screen.getByTestId('start-time-zone') as HTMLInputElement).value, 'the zone already shown, said again in Spanish').toBe(
      'UTC (la de este ordenador)',
    )
  })
})
