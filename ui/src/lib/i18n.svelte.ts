// Spanish and English: the language follows the system until the user picks
// one in Settings. Each screen registers its own messages, so screens can grow
// without one file in the middle of everything.
import type { Language } from './bindings/Language'

export type Messages = Record<string, string>
const dictionaries: Record<Language, Messages> = { en: {}, es: {} }

export function register(messages: Record<Language, Messages>) {
  for (const lang of ['en', 'es'] as const) {
    for (const [key, text] of Object.entries(messages[lang])) {
      if (key in dictionaries[lang]) throw new Error(`message ${key} registered twice`)
      dictionaries[lang][key] = text
    }
  }
}

class Locale {
  lang: Language = $state('en')
  /** The journal's time zone (IANA), or undefined for the system's. */
  timeZone: string | undefined = $state(undefined)
}
export const locale = new Locale()

/** The message `key` in the current language, with `{name}` placeholders filled. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[locale.lang][key] ?? dictionaries.en[key] ?? key
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`))
}

/** Every key in one language must exist in the other: checked by a test. */
export function missingKeys(): { en: string[]; es: string[] } {
  const en = Object.keys(dictionaries.en)
  const es = Object.keys(dictionaries.es)
  return { en: es.filter((k) => !(k in dictionaries.en)), es: en.filter((k) => !(k in dictionaries.es)) }
}

export function languageOf(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('es') ? 'es' : 'en'
}
