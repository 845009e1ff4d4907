import { describe, expect, it } from 'vitest'
import './messages'
import '../client/messages'
import '../clients/messages'
import '../search/messages'
import '../settings/messages'
import '../today/messages'
import '../backups/messages'
import '../import/messages'
import { languageOf, locale, missingKeys, t, tn } from './i18n.svelte'

describe('the two languages', () => {
  it('say everything the other says: no screen shows a raw key in Spanish or English', () => {
    expect(missingKeys()).toEqual({ en: [], es: [] })
  })

  it('switch every label at once and fill placeholders', () => {
    locale.lang = 'es'
    expect(t('nav.today')).toBe('Hoy')
    expect(tn('today.count', 3)).toBe('3 asuntos necesitan tu atención')
    locale.lang = 'en'
    expect(t('nav.today')).toBe('Today')
    expect(tn('today.count', 3)).toBe('3 things need your attention')
  })

  it('count in the plural the language asks for: 1 resultado, 2 resultados, 0 results', () => {
    locale.lang = 'es'
    expect([0, 1, 2].map((n) => tn('search.count', n))).toEqual(['0 resultados', '1 resultado', '2 resultados'])
    expect(tn('import.count.new_clients', 1)).toBe('1 cliente nuevo')
    expect(tn('backups.entries', 12345)).toBe('12.345 anotaciones')
    locale.lang = 'en'
    expect([0, 1, 2].map((n) => tn('search.count', n))).toEqual(['0 results', '1 result', '2 results'])
    expect(tn('clients.signals', 1)).toBe('1 signal')
    expect(tn('backups.entries', 12345)).toBe('12,345 entries')
  })

  it('follow the system locale until the user chooses', () => {
    expect(languageOf('es-MX')).toBe('es')
    expect(languageOf('es_ES.UTF-8')).toBe('es')
    expect(languageOf('en-GB')).toBe('en')
    expect(languageOf('de-DE')).toBe('en')
    expect(languageOf(undefined)).toBe('en')
  })
})
