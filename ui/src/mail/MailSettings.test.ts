import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, ipcError, useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { ClientLine } from '../lib/bindings/ClientLine'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import MailSettings from './MailSettings.svelte'
import { mailProgress } from './progress.svelte'

const SOL = '0190a1b2-0000-7000-8000-000000000001'
let fake: FakeBackend

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.info = null
  app.notice = null
  fake = fakeBackend({
    mailAddresses: () => Promise.resolve(['ana@studio.example']),
    mailAccounts: () => Promise.resolve([]),
    clientDomains: () => Promise.resolve([]),
    clientLines: () => Promise.resolve([{ client: { id: SOL, name: 'Panadería Sol' } } as ClientLine]),
    addMailAddress: (a) => Promise.resolve(['ana@studio.example', a.toLowerCase()]),
    removeMailAddress: () => Promise.resolve([]),
    markClientDomain: (client, domain) => Promise.resolve([{ domain: domain.toLowerCase(), client_id: client, client: 'Panadería Sol' }]),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

describe('Settings → Mail', () => {
  it('adds and removes the user’s own addresses', async () => {
    render(MailSettings)
    expect((await screen.findAllByTestId('mail-address')).map((a) => a.dataset.address)).toEqual(['ana@studio.example'])
    await fireEvent.input(screen.getByTestId('mail-address-input'), { target: { value: 'Ana@Home.example' } })
    await fireEvent.submit(screen.getByTestId('mail-address-input').closest('form')!)
    await waitFor(() => expect(screen.getAllByTestId('mail-address')).toHaveLength(2))
    expect(fake.addMailAddress).toHaveBeenCalledWith('Ana@Home.example')
    await fireEvent.click(screen.getAllByTestId('mail-address-remove')[0])
    await waitFor(() => expect(fake.removeMailAddress).toHaveBeenCalledWith('ana@studio.example'))
    expect(await screen.findByTestId('mail-addresses-none')).toBeTruthy()
  })

  it('marks a client’s domain, and words a free-mail domain’s refusal in Spanish', async () => {
    locale.lang = 'es'
    fake.markClientDomain.mockImplementationOnce(() => Promise.reject(new BackendError(ipcError('mail_free_mail_domain', { value: 'gmail.com' }))))
    render(MailSettings)
    await screen.findByText('Panadería Sol')
    await fireEvent.change(screen.getByTestId('mail-domain-client'), { target: { value: SOL } })
    await fireEvent.input(screen.getByTestId('mail-domain-input'), { target: { value: 'gmail.com' } })
    await fireEvent.submit(screen.getByTestId('mail-domain-input').closest('form')!)
    expect((await screen.findByTestId('mail-domain-error')).textContent).toBe(
      'gmail.com es un dominio de correo gratuito: cualquiera puede tener una dirección allí, así que no puede ser de un cliente. Añade la dirección del propio cliente.',
    )
    expect(screen.queryAllByTestId('mail-domain')).toHaveLength(0)
    await fireEvent.input(screen.getByTestId('mail-domain-input'), { target: { value: 'Panaderia-Sol.example' } })
    await fireEvent.submit(screen.getByTestId('mail-domain-input').closest('form')!)
    await waitFor(() => expect(screen.getAllByTestId('mail-domain').map((d) => d.dataset.domain)).toEqual(['panaderia-sol.example']))
    expect(app.notice).toBe('panaderia-sol.example es ahora de Panadería Sol.')
    expect(screen.queryByTestId('mail-domain-error')).toBeNull()
  })

  it('imports picked mail files and says what each gave', async () => {
    fake.importMailFiles.mockImplementation(() =>
      Promise.resolve([
        { path: '/home/ana/Inbox.mbox', messages: 6, new: 3, already_seen: 1, not_client_mail: 1, machine_made: 1, unreadable: 0, proposals: 2, cut: 2048 },
      ]),
    )
    render(MailSettings)
    await fireEvent.click(await screen.findByTestId('mail-import-pick'))
    const file = await screen.findByTestId('mail-import-file')
    expect(file.dataset.name).toBe('Inbox.mbox')
    const count = (key: string) => file.querySelector(`[data-testid="mail-import-${key}"]`)!.textContent!.replace(/\s+/g, ' ').trim()
    expect(count('new')).toBe('New 3')
    expect(count('already_seen')).toBe('Already seen 1')
    expect(count('not_client_mail')).toBe('Not client mail 1')
    expect(count('machine_made')).toBe('Machine-made 1')
    expect(count('unreadable')).toBe('Unreadable 0')
    expect(count('cut')).toContain('the last message (2 KB), left out')
    expect(screen.getByTestId('mail-import-proposals').textContent).toBe('2 messages to review')
    expect(fake.importMailFiles).toHaveBeenCalledWith('Import mail', 'Mail (.eml, .mbox)')
    await fireEvent.click(screen.getByTestId('mail-import-review'))
    expect(app.route).toEqual({ name: 'mail' })
  })

  it('says how far the file being imported has got, until the import ended', async () => {
    let finish: (done: null) => void = () => {}
    fake.importMailFiles.mockImplementation(() => new Promise((resolve) => (finish = resolve)))
    render(MailSettings)
    await fireEvent.click(await screen.findByTestId('mail-import-pick'))
    mailProgress.imported({ file: 'Inbox.mbox', files_done: 0, files: 2, messages: 1200, finished: false })
    expect((await screen.findByTestId('mail-import-progress')).textContent).toBe('Importing Inbox.mbox: 1,200 messages read (file 1 of 2)')
    mailProgress.imported({ file: 'Sent.mbox', files_done: 1, files: 2, messages: 300, finished: false })
    await waitFor(() => expect(screen.getByTestId('mail-import-progress').textContent).toBe('Importing Sent.mbox: 300 messages read (file 2 of 2)'))
    finish(null)
    await waitFor(() => expect(screen.queryByTestId('mail-import-progress')).toBeNull())
  })

  it('says nothing when the dialog was cancelled', async () => {
    fake.importMailFiles.mockImplementation(() => Promise.resolve(null))
    render(MailSettings)
    await fireEvent.click(await screen.findByTestId('mail-import-pick'))
    await waitFor(() => expect(fake.importMailFiles).toHaveBeenCalled())
    expect(screen.queryByTestId('mail-import-file')).toBeNull()
  })

  it('lists an added account’s login among My addresses when it became one', async () => {
    let mine = ['ana@studio.example']
    fake.mailAddresses.mockImplementation(() => Promise.resolve(mine))
    fake.addMailAccount.mockImplementation((a) => {
      mine = [...mine, a.login]
      const account = { name: a.name, host: a.host, port: 993, security: a.security, login: a.login, folders: [], sign_in: { method: 'password' as const } }
      return Promise.resolve({ added: { account, reads: ['INBOX'], mine: a.login } })
    })
    render(MailSettings)
    await screen.findAllByTestId('mail-address')
    await fireEvent.input(screen.getByTestId('mail-account-name'), { target: { value: 'gmail' } })
    await fireEvent.input(screen.getByTestId('mail-account-login'), { target: { value: 'ana@gmail.com' } })
    await fireEvent.input(screen.getByTestId('mail-account-password'), { target: { value: 'app-password' } })
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    await waitFor(() => expect(screen.getAllByTestId('mail-address').map((a) => a.dataset.address)).toEqual(['ana@studio.example', 'ana@gmail.com']))
  })
})
