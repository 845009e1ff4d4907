import { cleanup, render, screen, within } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import { useBackend } from '../lib/api'
import { fakeBackend } from '../lib/fakeBackend'
import type { ClientLine } from '../lib/bindings/ClientLine'
import { locale } from '../lib/i18n.svelte'
import Clients from './Clients.svelte'
import { newApart } from './filter'

/** A line of the list as the core sends it, in name order; `score` null for a new client. */
function line(n: number, name: string, score: number | null): ClientLine {
  return {
    client: { id: `01900000-0000-7000-8000-00000000000${n}`, name, status: 'active', tags: [], created_at: '2026-01-05T09:00:00Z' },
    score,
    trend: [{ week_start: '2026-03-09', score }],
    last_contact: null,
    open: 0,
    worst: null,
    signals: 0,
  }
}

const LINES = [line(1, 'Academia Babel', 100), line(2, 'Café Luna', null), line(3, 'Estudio Norte', 18), line(4, 'Hotel Miramar', null)]

beforeEach(() => {
  locale.lang = 'en'
  useBackend(fakeBackend({ clientLines: () => Promise.resolve(LINES) }))
})

afterEach(() => cleanup())

describe('the clients list', () => {
  it('keeps new clients apart, after those with a score, saying they are new instead of a number', async () => {
    render(Clients)
    await screen.findAllByTestId('client-row')
    const names = screen.getAllByTestId('client-row').map((r) => r.getAttribute('data-name'))
    expect(names).toEqual(['Academia Babel', 'Estudio Norte', 'Café Luna', 'Hotel Miramar'])
    const fresh = screen.getByTestId('clients-new')
    expect(fresh.textContent).toContain('New clients — not enough history yet for a score')
    expect(within(fresh).getAllByTestId('client-row-new').map((c) => c.textContent)).toEqual(['New', 'New'])
    const luna = screen.getAllByTestId('client-row')[2]
    expect(luna.textContent, 'a new client is not a perfect 100').not.toContain('100')
  })

  it('splits the lines without reordering either group', () => {
    const { scored, fresh } = newApart(LINES)
    expect(scored.map((l) => l.client.name)).toEqual(['Academia Babel', 'Estudio Norte'])
    expect(fresh.map((l) => l.client.name)).toEqual(['Café Luna', 'Hotel Miramar'])
  })
})
