import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { TrashItem } from '../lib/bindings/TrashItem'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import * as format from '../lib/format'
import { locale, missingKeys } from '../lib/i18n.svelte'
import Trash from './Trash.svelte'

const ITEMS: TrashItem[] = [
  { id: 'n1', kind: 'note', client: 'Panadería Sol', summary: 'Owner is Marta', deleted_at: '2026-03-05T08:00:00Z' },
  { id: 'c2', kind: 'client', client: 'Café Luna', summary: 'Luna Coffee', deleted_at: '2026-03-04T08:00:00Z' },
]

let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'Europe/Madrid'
  app.info = null
  fake = fakeBackend({ trash: () => Promise.resolve(ITEMS), restore: () => Promise.resolve() })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('the Trash screen', () => {
  it('lists clients and entries with when they were moved there', async () => {
    render(Trash)
    const items = await screen.findAllByTestId('trash-item')
    expect(items.map((i) => i.dataset.kind)).toEqual(['note', 'client'])
    expect(items[0].textContent).toContain('Owner is Marta')
    expect(items[0].textContent).toContain(`Moved to the trash ${format.dateTime('2026-03-05T08:00:00Z', 'en', 'Europe/Madrid')}`)
    expect(items[1].textContent).toContain('Café Luna — Luna Coffee')
  })

  it('restores an item and reads the trash again', async () => {
    render(Trash)
    const [note] = await screen.findAllByTestId('trash-item')
    fake.trash.mockResolvedValue(ITEMS.slice(1))
    await fireEvent.click(note.querySelector<HTMLButtonElement>('[data-testid="trash-restore"]')!)
    await waitFor(() => expect(fake.restore).toHaveBeenCalledWith('n1'))
    await waitFor(() => expect(screen.getAllByTestId('trash-item')).toHaveLength(1))
    expect(app.notice).toBe('Restored.')
  })

  it('says when it is empty, in Spanish too', async () => {
    fake.trash.mockResolvedValue([])
    locale.lang = 'es'
    render(Trash)
    expect((await screen.findByTestId('trash-empty')).textContent).toBe('La papelera está vacía.')
    expect(missingKeys()).toEqual({ en: [], es: [] })
  })
})
