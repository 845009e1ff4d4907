import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { BackendError, ipcError, useBackend } from '../lib/api'
import { app } from '../lib/app.svelte'
import type { AccountAdded } from '../lib/bindings/AccountAdded'
import type { MailAccount } from '../lib/bindings/MailAccount'
import { fakeBackend, type FakeBackend } from '../lib/fakeBackend'
import { locale } from '../lib/i18n.svelte'
import Accounts from './Accounts.svelte'
import { mailProgress } from './progress.svelte'

const WORK: MailAccount = {
  name: 'work',
  host: 'imap.studio.example',
  port: 993,
  security: 'tls',
  login: 'ana@studio.example',
  folders: [],
  sign_in: { method: 'password' },
  last_sync_at: '2026-03-05T09:30:00Z',
  last_outcome: 'mail_login_refused',
}
let fake: FakeBackend
let kept: MailAccount[]

beforeEach(() => {
  locale.lang = 'en'
  locale.timeZone = 'UTC'
  app.notice = null
  app.mailPending = 0
  kept = [WORK]
  fake = fakeBackend({
    mailAccounts: () => Promise.resolve(kept),
    mailPending: () => Promise.resolve(2),
  })
  useBackend(fake)
})
afterEach(() => cleanup())

const type = (id: string, value: string) => fireEvent.input(screen.getByTestId(id), { target: { value } })

describe('Settings → Mail → accounts', () => {
  it('lists an account with its server, login, folders and how its last sync went', async () => {
    render(Accounts)
    const line = await screen.findByTestId('mail-account')
    expect(line.textContent).toContain('ana@studio.example · imap.studio.example:993 (TLS)')
    expect(screen.getByTestId('mail-account-folders').textContent).toBe('Reads the inbox and the Sent folder')
    expect(screen.getByTestId('mail-account-last').textContent).toBe('Last sync Thu 5 Mar, 09:30: the server refused the login')
  })

  it('sends what was typed in the Add form, Gmail preset filled in, and says the password could not be kept', async () => {
    kept = []
    fake.addMailAccount.mockImplementation((a) => {
      kept = [{ ...WORK, name: a.name, host: a.host, login: a.login, last_sync_at: undefined, last_outcome: undefined }]
      return Promise.resolve({
        added: { account: kept[0], reads: ['INBOX', '[Gmail]/Sent Mail'] },
        not_kept: ipcError('keychain_unavailable', { kind: 'keychain_missing', detail: 'no session bus' }),
      })
    })
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    expect(screen.getByTestId('mail-account-gmail-hint').textContent).toContain('app password')
    expect(screen.getByTestId('mail-account-outlook').textContent).toContain('Microsoft (sign in)')
    await type('mail-account-name', 'gmail')
    await type('mail-account-login', 'ana@gmail.com')
    await type('mail-account-password', 'abcd efgh ijkl mnop')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    await waitFor(() =>
      expect(fake.addMailAccount).toHaveBeenCalledWith({
        name: 'gmail',
        host: 'imap.gmail.com',
        port: 993,
        security: 'tls',
        login: 'ana@gmail.com',
        folders: [],
        password: 'abcd efgh ijkl mnop',
      }),
    )
    expect((await screen.findByTestId('mail-account')).dataset.name).toBe('gmail')
    expect(screen.getByTestId('mail-account-last').textContent).toBe('Never synced')
    expect(app.notice).toBe('Added gmail: a sync reads INBOX, [Gmail]/Sent Mail.')
    expect(screen.getByTestId('mail-accounts-keychain').textContent).toContain('Trato will ask for the password each time')
    expect((screen.getByTestId('mail-account-password') as HTMLInputElement).value).toBe('')
  })

  it('Other: plain on this computer, with its hint and port', async () => {
    kept = []
    fake.addMailAccount.mockImplementation(() => Promise.reject(new BackendError(ipcError('mail_cant_connect', { value: '127.0.0.1:143', detail: 'refused' }))))
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    await fireEvent.click(screen.getByTestId('mail-account-preset-other'))
    expect(screen.queryByTestId('mail-account-gmail-hint')).toBeNull()
    await type('mail-account-name', 'local')
    await type('mail-account-host', '127.0.0.1')
    await fireEvent.change(screen.getByTestId('mail-account-security'), { target: { value: 'plain' } })
    expect(screen.getByTestId('mail-account-plain-hint').textContent).toContain('only for a server on this computer')
    expect((screen.getByTestId('mail-account-port') as HTMLInputElement).value).toBe('143')
    await type('mail-account-login', 'ana')
    await type('mail-account-password', 'pw')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    await waitFor(() => expect(fake.addMailAccount).toHaveBeenCalledWith(expect.objectContaining({ host: '127.0.0.1', port: 143, security: 'plain' })))
    expect((await screen.findByTestId('mail-account-error')).textContent).toContain('Can’t connect to 127.0.0.1:143')
    expect(screen.queryByTestId('mail-account')).toBeNull()
  })

  it('words a refused login in Spanish', async () => {
    locale.lang = 'es'
    kept = []
    fake.addMailAccount.mockImplementation(() =>
      Promise.reject(new BackendError(ipcError('mail_login_refused', { value: 'ana@gmail.com', other: 'imap.gmail.com', detail: 'AUTHENTICATIONFAILED' }))),
    )
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    expect(screen.getByTestId('mail-account-add').textContent).toBe('Probar y añadir')
    await type('mail-account-name', 'gmail')
    await type('mail-account-login', 'ana@gmail.com')
    await type('mail-account-password', 'wrong')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    expect((await screen.findByTestId('mail-account-error')).textContent).toContain(
      'rechazó el usuario ana@gmail.com (AUTHENTICATIONFAILED). Comprueba la contraseña (Gmail pide una contraseña de aplicación).',
    )
  })

  it('Sync now asks for the password when none is kept, uses it once, and refreshes the sidebar count', async () => {
    fake.syncMailAccount.mockImplementation((_name, password) =>
      password === null
        ? Promise.reject(new BackendError(ipcError('keychain_unavailable', { kind: 'keychain_missing', detail: 'no session bus' })))
        : Promise.resolve({ account: 'work', folders: [{ folder: 'INBOX', new: 2, already_seen: 0, proposals: 2, accepted: 0, machine_made: 0, not_client_mail: 1, unreadable: 0, rescanned: false, outcome: 'ok' }] }),
    )
    render(Accounts)
    await fireEvent.click(await screen.findByTestId('mail-account-sync'))
    expect(fake.syncMailAccount).toHaveBeenCalledWith('work', null)
    expect((await screen.findByTestId('mail-account-ask-why')).textContent).toContain('no Secret Service (GNOME Keyring, KWallet) answers')
    const field = screen.getByTestId('mail-account-ask-password') as HTMLInputElement
    expect(field.type).toBe('password')
    await type('mail-account-ask-password', 's3cret')
    await fireEvent.submit(screen.getByTestId('mail-account-ask'))
    await waitFor(() => expect(fake.syncMailAccount).toHaveBeenLastCalledWith('work', 's3cret'))
    expect((await screen.findByTestId('mail-account-synced')).textContent).toBe('Synced: 2 new messages to review.')
    expect(screen.queryByTestId('mail-account-ask')).toBeNull()
    await waitFor(() => expect(app.mailPending).toBe(2))
  })

  it('says why a sync failed', async () => {
    fake.syncMailAccount.mockImplementation(() => Promise.reject(new BackendError(ipcError('mail_timed_out', { value: 'imap.studio.example' }))))
    render(Accounts)
    await fireEvent.click(await screen.findByTestId('mail-account-sync'))
    expect((await screen.findByTestId('mail-account-sync-error')).textContent).toBe(
      'imap.studio.example did not answer in time. What was saved is kept; the next sync goes on from there.',
    )
    expect(screen.queryByTestId('mail-account-ask')).toBeNull()
  })

  it('Google (sign in): sends name, address, client id and secret, waits for the browser, and shows the account added', async () => {
    kept = []
    let signedIn: (done: AccountAdded) => void = () => {}
    fake.addOAuthMailAccount.mockImplementation(() => new Promise((resolve) => (signedIn = resolve)))
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    await fireEvent.click(screen.getByTestId('mail-account-preset-google'))
    expect(screen.queryByTestId('mail-account-password')).toBeNull()
    expect(screen.queryByTestId('mail-account-host')).toBeNull()
    expect(screen.getByTestId('mail-account-outlook').textContent).toContain('Desktop app')
    const button = screen.getByTestId('mail-account-sign-in') as HTMLButtonElement
    expect(button.textContent).toBe('Sign in in the browser')
    await type('mail-account-name', 'gmail')
    await type('mail-account-login', 'ana@gmail.com')
    expect(button.disabled).toBe(true)
    await type('mail-account-client-id', 'id-1.apps.googleusercontent.com')
    await type('mail-account-client-secret', 'GOCSPX-x')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    expect(fake.addOAuthMailAccount).toHaveBeenCalledWith({
      name: 'gmail',
      login: 'ana@gmail.com',
      provider: { kind: 'google' },
      client_id: 'id-1.apps.googleusercontent.com',
      client_secret: 'GOCSPX-x',
      folders: [],
    })
    expect((await screen.findByTestId('mail-account-waiting')).textContent).toContain('Waiting for you to sign in in the browser…')
    expect(button.disabled).toBe(true)
    kept = [
      { ...WORK, name: 'gmail', host: 'imap.gmail.com', login: 'ana@gmail.com', sign_in: { method: 'oauth', provider: { kind: 'google' }, client_id: 'id-1' }, last_sync_at: undefined, last_outcome: undefined },
    ]
    signedIn({ added: { account: kept[0], reads: ['INBOX', '[Gmail]/Sent Mail'] } })
    expect((await screen.findByTestId('mail-account')).dataset.name).toBe('gmail')
    expect(screen.getByTestId('mail-account-where').textContent).toContain('signs in through Google')
    await waitFor(() => expect(app.notice).toBe('Added gmail: a sync reads INBOX, [Gmail]/Sent Mail.'))
    expect(screen.queryByTestId('mail-account-waiting')).toBeNull()
    expect((screen.getByTestId('mail-account-client-secret') as HTMLInputElement).value).toBe('')
  })

  it('Microsoft (sign in): no secret asked; Cancel stops the wait and says nothing was kept, in Spanish', async () => {
    locale.lang = 'es'
    kept = []
    let refuse: (e: unknown) => void = () => {}
    fake.addOAuthMailAccount.mockImplementation(() => new Promise((_, reject) => (refuse = reject)))
    fake.cancelMailSignIn.mockImplementation(() => {
      refuse(new BackendError(ipcError('sign_in_cancelled')))
      return Promise.resolve()
    })
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    await fireEvent.click(screen.getByTestId('mail-account-preset-microsoft'))
    expect(screen.getByTestId('mail-account-preset-microsoft').textContent).toBe('Microsoft (iniciar sesión)')
    expect(screen.queryByTestId('mail-account-client-secret')).toBeNull()
    expect(screen.getByTestId('mail-account-outlook').textContent).toContain('http://127.0.0.1')
    await type('mail-account-name', 'outlook')
    await type('mail-account-login', 'ana@outlook.com')
    await type('mail-account-client-id', 'app-id')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    expect(fake.addOAuthMailAccount).toHaveBeenCalledWith({ name: 'outlook', login: 'ana@outlook.com', provider: { kind: 'microsoft' }, client_id: 'app-id', folders: [] })
    expect((await screen.findByTestId('mail-account-waiting')).textContent).toContain('Esperando a que inicies sesión en el navegador…')
    await fireEvent.click(screen.getByTestId('mail-account-cancel-sign-in'))
    expect(fake.cancelMailSignIn).toHaveBeenCalled()
    expect((await screen.findByTestId('mail-account-error')).textContent).toBe('Se canceló el inicio de sesión. No se ha guardado nada.')
    expect(screen.queryByTestId('mail-account-waiting')).toBeNull()
    expect(screen.queryByTestId('mail-account')).toBeNull()
  })

  it('Other (sign in): sends the provider’s addresses, scope and IMAP server, and waits for every one of them', async () => {
    kept = []
    fake.addOAuthMailAccount.mockImplementation(() => new Promise(() => {}))
    render(Accounts)
    await screen.findByTestId('mail-accounts-none')
    await fireEvent.click(screen.getByTestId('mail-account-preset-custom'))
    expect(screen.getByTestId('mail-account-preset-custom').textContent).toBe('Other (sign in)')
    expect(screen.queryByTestId('mail-account-password')).toBeNull()
    const button = screen.getByTestId('mail-account-sign-in') as HTMLButtonElement
    await type('mail-account-name', 'zoho')
    await type('mail-account-login', 'ana@zoho.example')
    await type('mail-account-client-id', 'client-7')
    await type('mail-account-client-secret', 's3cret')
    await type('mail-account-authorize-url', 'https://accounts.zoho.example/oauth/v2/auth')
    await type('mail-account-token-url', 'https://accounts.zoho.example/oauth/v2/token')
    expect(button.disabled).toBe(true)
    await type('mail-account-scope', 'ZohoMail.messages.READ')
    expect(button.disabled).toBe(true)
    await type('mail-account-host', 'imap.zoho.example')
    expect(button.disabled).toBe(false)
    await type('mail-account-folders-field', ' INBOX \n\nClientes/2026\n')
    await fireEvent.submit(screen.getByTestId('mail-account-form'))
    expect(fake.addOAuthMailAccount).toHaveBeenCalledWith({
      name: 'zoho',
      login: 'ana@zoho.example',
      provider: {
        kind: 'custom',
        authorize_url: 'https://accounts.zoho.example/oauth/v2/auth',
        token_url: 'https://accounts.zoho.example/oauth/v2/token',
        scope: 'ZohoMail.messages.READ',
        host: 'imap.zoho.example',
        port: 993,
        security: 'tls',
      },
      client_id: 'client-7',
      client_secret: 's3cret',
      folders: ['INBOX', 'Clientes/2026'],
    })
  })

  it('offers to sign in again when the provider no longer takes an account’s sign-in, and syncs it once signed in', async () => {
    const OUTLOOK: MailAccount = {
      ...WORK,
      name: 'outlook',
      sign_in: { method: 'oauth', provider: { kind: 'microsoft' }, client_id: 'app-id' },
      last_outcome: 'sign_in_again',
    }
    kept = [WORK, OUTLOOK]
    let signed: (p: null) => void = () => {}
    fake.signInMailAccountAgain.mockImplementation(() => new Promise((resolve) => (signed = resolve)))
    render(Accounts)
    await waitFor(() => expect(screen.getAllByTestId('mail-account')).toHaveLength(2))
    const [password, oauth] = screen.getAllByTestId('mail-account')
    expect(password.querySelector('[data-testid=mail-account-sign-in-again]')).toBeNull()
    expect(oauth.querySelector('[data-testid=mail-account-last]')?.textContent).toBe(
      'Last sync Thu 5 Mar, 09:30: the provider no longer accepts Trato’s sign-in: sign in again',
    )
    const again = oauth.querySelector('[data-testid=mail-account-sign-in-again]') as HTMLButtonElement
    expect(again.getAttribute('aria-label')).toBe('Sign in again to outlook')
    await fireEvent.click(again)
    expect(fake.signInMailAccountAgain).toHaveBeenCalledWith('outlook', null)
    expect((await screen.findByTestId('mail-account-waiting-again')).textContent).toContain('Waiting for you to sign in in the browser…')
    kept = [WORK, { ...OUTLOOK, last_outcome: 'ok' }]
    signed(null)
    await waitFor(() => expect(app.notice).toBe('Signed in to outlook again: syncing it now.'))
    await waitFor(() => expect(screen.queryByTestId('mail-account-sign-in-again')).toBeNull())
    expect(screen.queryByTestId('mail-account-waiting-again')).toBeNull()
  })

  it('says in Spanish why an account must sign in again', async () => {
    locale.lang = 'es'
    kept = [{ ...WORK, sign_in: { method: 'oauth', provider: { kind: 'google' }, client_id: 'c' }, last_outcome: 'mail_no_sign_in' }]
    render(Accounts)
    expect((await screen.findByTestId('mail-account-last')).textContent).toContain('el llavero no guarda su sesión: inicia sesión de nuevo')
    expect(screen.getByTestId('mail-account-sign-in-again').textContent).toBe('Iniciar sesión de nuevo')
  })

  it('removes an account only once the user confirms', async () => {
    fake.removeMailAccount.mockImplementation(() => {
      kept = []
      return Promise.resolve(null)
    })
    render(Accounts)
    await fireEvent.click(await screen.findByTestId('mail-account-remove'))
    expect(fake.removeMailAccount).not.toHaveBeenCalled()
    expect(screen.getByTestId('mail-account-confirm').textContent).toContain('Remove the account work? Its password is forgotten')
    await fireEvent.click(screen.getByText('Cancel'))
    expect(screen.queryByTestId('mail-account-confirm')).toBeNull()
    await fireEvent.click(screen.getByTestId('mail-account-remove'))
    await fireEvent.click(screen.getByTestId('mail-account-confirm-yes'))
    await waitFor(() => expect(fake.removeMailAccount).toHaveBeenCalledWith('work'))
    expect(await screen.findByTestId('mail-accounts-none')).toBeTruthy()
    expect(app.notice).toBe('Removed the account work.')
  })

  it('says which provider an account added with a browser sign-in signs in through, in both languages', async () => {
    const outlook: MailAccount = {
      ...WORK,
      name: 'outlook',
      host: 'outlook.office365.com',
      login: 'ana@outlook.com',
      sign_in: { method: 'oauth', provider: { kind: 'microsoft' }, client_id: 'app-id' },
    }
    kept = [WORK, outlook]
    render(Accounts)
    await waitFor(() => expect(screen.getAllByTestId('mail-account-where')).toHaveLength(2))
    const [password, signedIn] = screen.getAllByTestId('mail-account-where').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())
    expect(password).toBe('ana@studio.example · imap.studio.example:993 (TLS)')
    expect(signedIn).toBe('ana@outlook.com · outlook.office365.com:993 (TLS) · signs in through Microsoft')
    cleanup()
    locale.lang = 'es'
    render(Accounts)
    await waitFor(() => expect(screen.getAllByTestId('mail-account-where')).toHaveLength(2))
    expect(screen.getAllByTestId('mail-account-where')[1].textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'ana@outlook.com · outlook.office365.com:993 (TLS) · entra con Microsoft',
    )
  })

  it('shows how far a sync the app runs by itself got, then its outcome, without the user doing anything', async () => {
    locale.lang = 'es'
    kept = [{ ...WORK, name: 'Trabajo' }]
    render(Accounts)
    await screen.findByTestId('mail-account')
    expect(screen.queryByTestId('mail-account-progress')).toBeNull()
    mailProgress.syncing({ account: 'Trabajo', folder: 'INBOX', done: 120, total: 800 })
    expect((await screen.findByTestId('mail-account-progress')).textContent?.trim()).toBe('Sincronizando Trabajo: 120 de 800 mensajes')
    kept = [{ ...WORK, name: 'Trabajo', last_sync_at: '2026-03-05T10:00:00Z', last_outcome: 'ok' }]
    mailProgress.synced({ account: 'Trabajo', report: { account: 'Trabajo', folders: [] }, refused: null })
    await waitFor(() => expect(screen.getByTestId('mail-account-last').textContent).toBe('Última sincronización jue, 5 mar, 10:00: correcta'))
    expect(screen.queryByTestId('mail-account-progress')).toBeNull()
  })
})
