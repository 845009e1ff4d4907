import { register } from '../lib/i18n.svelte'

register({
  en: {
    'search.title': 'Search',
    'search.placeholder': 'Words from a name, a summary, a note, a reason…',
    'search.hint': 'Every word must match the start of a word; accents and capitals do not matter.',
    'search.none': 'Nothing holds “{query}”.',
    'search.count.one': '{n} result',
    'search.count.other': '{n} results',
    'search.client': 'Client',
  },
  es: {
    'search.title': 'Buscar',
    'search.placeholder': 'Palabras de un nombre, un resumen, una nota, un motivo…',
    'search.hint': 'Cada palabra debe coincidir con el comienzo de una palabra; tildes y mayúsculas dan igual.',
    'search.none': 'Nada contiene «{query}».',
    'search.count.one': '{n} resultado',
    'search.count.other': '{n} resultados',
    'search.client': 'Cliente',
  },
})
