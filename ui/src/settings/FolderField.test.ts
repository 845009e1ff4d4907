import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend, ipcError } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { Settings } from '../lib/bindings/Settings'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale, t } from '../lib/i18n.svelte'
import FolderField from './FolderField.svelte'

const CHOSEN = '/home/ana/Calendarios'
const withCalendar = (ics_folder: string | null) => ({ language: 'en', calendar: { ics_folder, todos: false } }) as Settings
let fake: FakeBackend

const props = (path: string | null) => ({
  folder: 'calendar' as const,
  path,
  label: t('settings.calendar_folder'),
  unset: t('settings.calendar_folder.none'),
  clear: t('settings.calendar_folder.clear'),
  hint: t('settings.calendar_folder.hint'),
})

beforeEach(() => {
  locale.lang = 'en'
  app.notice = null
  app.settings = null
  fake = fakeBackend({
    chooseFolder: () => Promise.resolve(withCalendar(CHOSEN)),
    clearFolder: () => Promise.resolve(withCalendar(null)),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('a folder Trato writes to', () => {
  it('is chosen in the system’s folder dialog, never typed: there is no field to type a path in', async () => {
    render(FolderField, { props: props(null) })
    expect(screen.queryByRole('textbox'), 'a typed path would let the page name any folder').toBeNull()
    expect(screen.getByTestId('folder-calendar').textContent).toBe('No folder: off')
    expect(screen.queryByTestId('folder-calendar-clear'), 'nothing to turn off yet').toBeNull()
    await fireEvent.click(screen.getByTestId('folder-calendar-choose'))
    expect(fake.chooseFolder).toHaveBeenCalledWith('calendar')
    await waitFor(() => expect(app.notice).toBe('Saved.'))
    expect(app.settings?.calendar.ics_folder, 'the settings now in force come from the shell’s answer').toBe(CHOSEN)
  })

  it('changes nothing when the dialog is cancelled', async () => {
    fake.chooseFolder.mockImplementation(() => Promise.resolve(null))
    render(FolderField, { props: props(null) })
    await fireEvent.click(screen.getByTestId('folder-calendar-choose'))
    await waitFor(() => expect(fake.chooseFolder).toHaveBeenCalled())
    expect(app.settings).toBeNull()
    expect(app.notice).toBeNull()
  })

  it('shows the folder chosen and goes back to the default', async () => {
    render(FolderField, { props: props(CHOSEN) })
    expect(screen.getByTestId('folder-calendar').textContent).toBe(CHOSEN)
    await fireEvent.click(screen.getByTestId('folder-calendar-clear'))
    expect(fake.clearFolder).toHaveBeenCalledWith('calendar')
    await waitFor(() => expect(app.settings?.calendar.ics_folder).toBeNull())
  })

  it('says why the shell refused a folder', async () => {
    fake.chooseFolder.mockImplementation(() =>
      Promise.reject(new BackendError(ipcError('bad_path', { field: 'calendar.ics_folder', path: '/x', detail: 'its name is not valid text' }, 'Trato can’t keep /x as a folder'))),
    )
    render(FolderField, { props: props(null) })
    await fireEvent.click(screen.getByTestId('folder-calendar-choose'))
    expect((await screen.findByRole('alert')).textContent).toBe('Trato can’t use that file or folder (its name is not valid text).')
  })

  it('speaks Spanish', () => {
    locale.lang = 'es'
    render(FolderField, { props: props(CHOSEN) })
    expect(screen.getByTestId('folder-calendar-choose').textContent).toBe('Elegir carpeta…')
    expect(screen.getByTestId('folder-calendar-clear').textContent).toBe('Desactivar')
    expect(screen.getByRole('group').getAttribute('aria-labelledby')).toBeTruthy()
    expect(screen.getByText('Mantener un calendario en esta carpeta')).toBeTruthy()
  })
})
