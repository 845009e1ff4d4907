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

const pluralRules = new Map<Language, Intl.PluralRules>()
const counts = new Map<Language, Intl.NumberFormat>()

/**
 * A message about `n` things, in the form the language's plural rules choose:
 * `key.one` ("1 result", "1 resultado") or `key.other` ("2 results"), or any
 * other category a language has (`key.many`), falling back to `key.other`.
 * `{n}` is the count as the language writes numbers.
 */
export function tn(key: string, n: number, params: Record<string, string | number> = {}): string {
  const lang = locale.lang
  let rules = pluralRules.get(lang)
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)))
  let count = counts.get(lang)
  if (!count) counts.set(lang, (count = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB')))
  const chosen = `${key}.${rules.select(n)}`
  const known = chosen in dictionaries[lang] || chosen in dictionaries.en
  return t(known ? chosen : `${key}.other`, { n: count.format(n), ...params })
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
