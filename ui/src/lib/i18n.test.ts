import { describe, expect, it } from 'vitest'
import './messages'
import '../client/messages'
import '../clients/messages'
import '../search/messages'
import '../settings/messages'
import '../today/messages'
import { languageOf, locale, missingKeys, t } from './i18n.svelte'

describe('the two languages', () => {
  it('say everything the other says: no screen shows a raw key in Spanish or English', () => {
    expect(missingKeys()).toEqual({ en: [], es: [] })
  })

  it('switch every label at once and fill placeholders', () => {
    locale.lang = 'es'
    expect(t('nav.today')).toBe('Hoy')
    expect(t('today.count', { n: 3 })).toBe('3 asuntos necesitan tu atención')
    locale.lang = 'en'
    expect(t('nav.today')).toBe('Today')
    expect(t('today.count', { n: 3 })).toBe('3 things need your attention')
  })

  it('follow the system locale until the user chooses', () => {
    expect(languageOf('es-MX')).toBe('es')
    expect(languageOf('es_ES.UTF-8')).toBe('es')
    expect(languageOf('en-GB')).toBe('en')
    expect(languageOf('de-DE')).toBe('en')
    expect(languageOf(undefined)).toBe('en')
  })
})
