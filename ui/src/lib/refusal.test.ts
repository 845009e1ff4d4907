import { afterEach, describe, expect, it } from 'vitest'
import { BackendError, ipcError } from './api'
import type { Code } from './bindings/Code'
import type { IpcError } from './bindings/IpcError'
import { locale, t } from './i18n.svelte'
import { refusal } from './refusal'
import codeTs from './bindings/Code.ts?raw'

/** Every code the core can send, read from the generated binding (not from the catalogue under test). */
const CODES: string[] = [...codeTs.matchAll(/"([a-z_]+)"/g)].map((m) => m[1])

function refused(code: Code, facts: Partial<IpcError> = {}): BackendError {
  return new BackendError(ipcError(code, facts, 'the core’s English, for the log'))
}

afterEach(() => {
  locale.lang = 'en'
})

describe('refusals', () => {
  it('every code the core sends has its words in English and in Spanish', () => {
    expect(CODES.length).toBeGreaterThan(100)
    const missing: string[] = []
    for (const code of CODES) {
      for (const lang of ['en', 'es'] as const) {
        locale.lang = lang
        if (t(`refusal.${code}`) === `refusal.${code}`) missing.push(`${lang}: ${code}`)
      }
      locale.lang = 'en'
      const en = t(`refusal.${code}`)
      locale.lang = 'es'
      if (t(`refusal.${code}`) === en) missing.push(`es (reads as English): ${code}`)
    }
    expect(missing).toEqual([])
  })

  it('are said in the UI’s language with their facts, never in the core’s English', () => {
    const tooLong = refused('too_long', { field: 'summary', count: 2001, limit: 2000 })
    locale.lang = 'es'
    expect(refusal(tooLong)).toBe('El título es demasiado largo: 2001 caracteres, como mucho 2000.')
    expect(refusal(refused('duplicate_tag', { field: 'tags', value: 'web', other: 'Web' }))).toBe(
      'La etiqueta «web» aparece dos veces (también como «Web»): deja una.',
    )
    expect(refusal(refused('not_open', { kind: 'promise', other: 'kept' }))).toBe(
      'Esta promesa ya está cumplida: solo se puede cambiar mientras sigue abierta.',
    )
    locale.lang = 'en'
    expect(refusal(tooLong)).toBe('The title is too long: 2001 characters, at most 2000.')
    expect(refusal(tooLong)).not.toContain('the core’s English')
  })

  it('say why there is no keychain, so that the password will be asked for each time', () => {
    const locked = refused('keychain_unavailable', { kind: 'keychain_locked', detail: 'prompt dismissed' })
    expect(refusal(locked)).toBe(
      'No keychain: Trato will ask for the password each time, because the keyring is locked and was not unlocked (prompt dismissed).',
    )
    locale.lang = 'es'
    expect(refusal(locked)).toBe(
      'Sin llavero: Trato pedirá la contraseña cada vez, porque el llavero está bloqueado y no se desbloqueó (prompt dismissed).',
    )
  })

  it('say a moment in the journal’s zone and the user’s language', () => {
    locale.lang = 'es'
    locale.timeZone = 'Europe/Madrid'
    const future = refused('in_the_future', { at: '2026-03-06T16:00:00+01:00', against: '2026-03-05T09:00:00+01:00' })
    expect(refusal(future)).toMatch(/^vie, 6 mar.*16:00 aún no ha llegado \(ahora es jue, 5 mar.*09:00\)/)
    locale.timeZone = undefined
  })

  it('say anything else that went wrong as an error, with what was thrown', () => {
    locale.lang = 'es'
    expect(refusal(new Error('boom'))).toBe(t('common.error', { message: 'boom' }))
  })
})
