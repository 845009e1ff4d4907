import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, useBackend, ipcError } from '../lib/api'
import { app } from '../lib/app.svelte'
import { CONTACT_FIELDS } from '../lib/bindings/ContactField'
import type { PickedFile } from '../lib/bindings/PickedFile'
import type { Preview } from '../lib/bindings/Preview'
import type { PreviewRow } from '../lib/bindings/PreviewRow'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale, t } from '../lib/i18n.svelte'
import Import from './Import.svelte'

const SOL = '01900000-0000-7000-8000-000000000001'
const counts = { new: 0, merge: 0, proposed: 0, unchanged: 0, skipped: 0, invalid: 0 }
const record = (name: string, email?: string) => ({
  name,
  organisation: null,
  title: null,
  emails: email ? [email] : [],
  phones: [],
  notes: null,
  tags: [],
  source_id: null,
})

// The fields come from the core with every picked file: all of them, as the bindings list them.
const FIELDS = [...CONTACT_FIELDS]
const google: PickedFile = { name: 'contacts.csv', format: 'google', columns: [], fields: FIELDS, problem: null }
const rows: PreviewRow[] = [
  { index: 0, source: 0, at: { kind: 'row', number: 2 }, record: record('Begoña Núñez', 'bego@example.com'), outcome: { kind: 'new' } },
  {
    index: 1,
    source: 0,
    at: { kind: 'row', number: 3 },
    record: record('Marta Sol', 'marta@sol.es'),
    outcome: { kind: 'merge', into: { kind: 'client', id: SOL, name: 'Panadería Sol' }, by: 'email', adds: { other_phones: ['+34 600 111 222'], other_emails: [], tags: [] } },
  },
  {
    index: 2,
    source: 0,
    at: { kind: 'row', number: 4 },
    record: record('Panadería Sol'),
    outcome: { kind: 'proposed' },
    duplicate_of: { kind: 'client', id: SOL, name: 'Panadería Sol' },
  },
]
const firstPreview: Preview = { sources: [{ name: 'contacts.csv', format: 'google', mapping: [], unread: [] }], rows, counts: { ...counts, new: 1, merge: 1, proposed: 1 }, plan_id: 'p1' }

let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  app.notice = null
  fake = fakeBackend({
    onImportProgress: () => Promise.resolve(() => {}),
    importBatches: () => Promise.resolve([]),
    pickContacts: () => Promise.resolve([google]),
    previewImport: () => Promise.resolve(firstPreview),
    journalInfo: () => Promise.reject(new Error('not needed')),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('Import', () => {
  it('previews the picked file: new, merged with what it adds, and the possible duplicate waiting for a decision', async () => {
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const shown = await screen.findAllByTestId('import-row')
    expect(shown.map((r) => [r.dataset.name, r.dataset.kind])).toEqual([
      ['Begoña Núñez', 'new'],
      ['Marta Sol', 'merge'],
      ['Panadería Sol', 'proposed'],
    ])
    expect(shown[1].textContent).toContain('into Panadería Sol, adds +34 600 111 222 (same e-mail)')
    expect(screen.getByText(/1 possible duplicate waits for your decision; it is not imported/)).toBeTruthy()
    expect(fake.previewImport).toHaveBeenCalledWith({ files: [{ format: null, map: [] }], decisions: [], accept_proposed: false })
  })

  it('asks for a new preview with the decision taken on a duplicate, and imports exactly that preview', async () => {
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const duplicate = (await screen.findAllByTestId('import-row'))[2]
    const decided: Preview = {
      ...firstPreview,
      rows: [rows[0], rows[1], { ...rows[2], outcome: { kind: 'skipped', reason: 'you chose to leave it out' }, duplicate_of: undefined, decision: 'skip' }],
      counts: { ...counts, new: 1, merge: 1, skipped: 1 },
      plan_id: 'p2',
    }
    fake.previewImport.mockImplementation(() => Promise.resolve(decided))
    await fireEvent.change(within(duplicate).getByTestId('import-decision'), { target: { value: 'skip' } })
    await waitFor(() =>
      expect(fake.previewImport).toHaveBeenLastCalledWith({ files: [{ format: null, map: [] }], decisions: [{ row: 2, decision: 'skip' }], accept_proposed: false }),
    )
    fake.commitImport.mockImplementation(() => Promise.resolve({ batch: 'b1', preview: decided }))
    await fireEvent.click(await screen.findByText('Import: 1 new, 1 merged'))
    await waitFor(() => expect(fake.commitImport).toHaveBeenCalledWith(expect.objectContaining({ decisions: [{ row: 2, decision: 'skip' }] }), 'p2'))
    expect((await screen.findByTestId('import-done')).textContent).toContain('Imported: 1 new client, 1 merged.')
  })

  it('undoes the import just made and says what went to the trash', async () => {
    fake.commitImport.mockImplementation(() => Promise.resolve({ batch: 'b1', preview: firstPreview }))
    fake.undoImport.mockImplementation(() => Promise.resolve({ trashed: 1, reverted: 1, kept: [] }))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    await fireEvent.click(await screen.findByTestId('import-confirm'))
    await fireEvent.click(await screen.findByTestId('import-undo'))
    await waitFor(() => expect(fake.undoImport).toHaveBeenCalledWith('b1'))
    await waitFor(() => expect(app.notice).toBe('Import undone: 1 client moved to the trash, 1 merge taken back.'))
  })

  it('shows the new preview, not an import, when the journal changed since the preview', async () => {
    fake.commitImport.mockImplementation(() => Promise.reject(new BackendError(ipcError('preview_outdated', {}, 'changed'))))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    await fireEvent.click(await screen.findByTestId('import-confirm'))
    expect(await screen.findByText(/Your journal changed since this preview/)).toBeTruthy()
    expect(fake.previewImport).toHaveBeenCalledTimes(2)
    expect(screen.queryByTestId('import-done')).toBeNull()
  })

  it('maps the columns of an unknown CSV, starting from the guessed ones, and previews with the mapping', async () => {
    const other: PickedFile = {
      name: 'clientes.csv',
      format: 'csv',
      columns: [
        { name: 'Razón social', field: null },
        { name: 'Correo', field: 'email' },
      ],
      fields: FIELDS,
      problem: null,
    }
    fake.pickContacts.mockImplementation(() => Promise.resolve([other]))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const mapping = await screen.findByTestId('import-mapping')
    await waitFor(() => expect(fake.previewImport).toHaveBeenCalledWith(expect.objectContaining({ files: [{ format: null, map: [['Correo', 'email']] }] })))
    await fireEvent.change(within(mapping).getByLabelText('Razón social'), { target: { value: 'organisation' } })
    await waitFor(() =>
      expect(fake.previewImport).toHaveBeenLastCalledWith(
        expect.objectContaining({
          files: [
            {
              format: null,
              map: [
                ['Correo', 'email'],
                ['Razón social', 'organisation'],
              ],
            },
          ],
        }),
      ),
    )
  })

  it('says why a file cannot be read instead of a preview', async () => {
    fake.previewImport.mockImplementation(() =>
      Promise.reject(new BackendError(ipcError('no_name_column', { path: 'clientes.csv' }, 'clientes.csv: no column gives a name'))),
    )
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    expect((await screen.findByTestId('import-error')).textContent).toBe('clientes.csv: No column gives a name, organisation or e-mail.')
    expect(screen.queryByTestId('import-confirm')).toBeNull()
  })

  it('does nothing when the file dialog is cancelled', async () => {
    fake.pickContacts.mockImplementation(() => Promise.resolve(null))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    await waitFor(() => expect(fake.pickContacts).toHaveBeenCalled())
    expect(fake.previewImport).not.toHaveBeenCalled()
    expect(screen.queryByTestId('import-file')).toBeNull()
  })

  it('has words in English and Spanish for every field the core can map a column to', () => {
    for (const lang of ['en', 'es'] as const) {
      locale.lang = lang
      const missing = CONTACT_FIELDS.filter((f) => t(`import.field.${f}`) === `import.field.${f}`)
      expect(missing, `fields without a ${lang} name in the import wizard`).toEqual([])
    }
  })

  it('offers for each column the fields the core gives, not a list of its own', async () => {
    const plain: PickedFile = { name: 'plain.csv', format: 'csv', columns: [{ name: 'Email', field: 'email' }], fields: ['email', 'phone'], problem: null }
    fake.pickContacts.mockImplementation(() => Promise.resolve([plain]))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const select = within(await screen.findByTestId('import-mapping')).getByLabelText('Email') as HTMLSelectElement
    expect([...select.options].map((o) => o.value)).toEqual(['', 'email', 'phone'])
    expect(select.value).toBe('email')
    expect(screen.getByTestId('import-mapping').textContent).toContain('proposed from the column names')
  })

  it('names every column with values that will not be imported, and how to keep one, in English and Spanish', async () => {
    const crm: PickedFile = {
      name: 'crm.csv',
      format: 'csv',
      columns: [
        { name: 'Name', field: 'name' },
        { name: 'Lead Status', field: null },
        { name: 'Next step', field: null },
      ],
      fields: FIELDS,
      problem: null,
    }
    const unread = [
      { column: 'Lead Status', number: 2, filled: 2 },
      { column: 'Next step', number: 3, filled: 1 },
      { column: '', number: 4, filled: 3 },
    ]
    const seen: Preview = { ...firstPreview, sources: [{ name: 'crm.csv', format: 'csv', mapping: [{ column: 'Name', field: 'name' }], unread }] }
    fake.pickContacts.mockImplementation(() => Promise.resolve([crm]))
    fake.previewImport.mockImplementation(() => Promise.resolve(seen))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const note = await screen.findByTestId('import-unread')
    expect(note.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Not imported: “Lead Status” (2 rows), “Next step” (1 row), column 4, without a name (3 rows). To keep one, choose a field for it above.',
    )
    locale.lang = 'es'
    await waitFor(() => expect(screen.getByTestId('import-unread').textContent).toContain('No se importa: “Lead Status” (2 filas), “Next step” (1 fila)'))
    expect(screen.getByTestId('import-unread').textContent).toContain('Para conservar una, elige arriba un campo para ella.')
  })

  it('tells a file of a known exporter how to keep the columns its reader leaves out', async () => {
    const seen: Preview = { ...firstPreview, sources: [{ name: 'contacts.csv', format: 'google', mapping: [], unread: [{ column: 'Relation 1 - Value', number: 40, filled: 1 }] }] }
    fake.previewImport.mockImplementation(() => Promise.resolve(seen))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    const note = await screen.findByTestId('import-unread')
    expect(note.textContent).toContain('Not imported: “Relation 1 - Value” (1 row).')
    expect(note.textContent).toContain('read the file as “Other CSV”')
  })

  it('says which clients the undo kept because the user has worked on them since', async () => {
    fake.commitImport.mockImplementation(() => Promise.resolve({ batch: 'b1', preview: firstPreview }))
    fake.undoImport.mockImplementation(() => Promise.resolve({ trashed: 0, reverted: 1, kept: [{ id: SOL, name: 'Begoña Núñez' }] }))
    render(Import)
    await fireEvent.click(screen.getByTestId('import-pick'))
    await fireEvent.click(await screen.findByTestId('import-confirm'))
    await fireEvent.click(await screen.findByTestId('import-undo'))
    await waitFor(() =>
      expect(app.notice).toBe(
        'Import undone: 0 clients moved to the trash, 1 merge taken back. Kept 1 client you have added entries to or edited since: Begoña Núñez.',
      ),
    )
  })
})
