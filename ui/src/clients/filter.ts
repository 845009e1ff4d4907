// Narrowing the client list as the user types: by name, organisation, email
// or tag, accents and case ignored ("panaderia" finds "Panadería").
import type { ClientLine } from '../lib/bindings/ClientLine'

export type Show = 'all' | 'attention' | 'active'

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
}

export function filterLines(lines: ClientLine[], query: string, show: Show): ClientLine[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  return lines.filter((line) => {
    if (show === 'attention' && line.signals === 0) return false
    if (show === 'active' && line.client.status !== 'active') return false
    const c = line.client
    const haystack = fold([c.name, c.organisation ?? '', c.email ?? '', ...c.tags].join(' '))
    return words.every((w) => haystack.includes(w))
  })
}

/**
 * The clients with a score first, then the new ones (not enough history yet
 * for a score), each group in the order it came: a new client is not ranked
 * among the others as if it had a perfect record.
 */
export function newApart(lines: ClientLine[]): { scored: ClientLine[]; fresh: ClientLine[] } {
  return { scored: lines.filter((l) => l.score !== null), fresh: lines.filter((l) => l.score === null) }
}
