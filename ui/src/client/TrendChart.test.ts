import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../lib/messages'
import type { TrendPoint } from '../lib/bindings/TrendPoint'
import { locale } from '../lib/i18n.svelte'
import TrendChart from './TrendChart.svelte'

/** Twelve Mondays from 22 Dec 2025 to 9 Mar 2026 (the client page's last 12 weeks), scored as given. */
function weeks(scores: (number | null)[]): TrendPoint[] {
  return scores.map((score, i) => {
    const d = new Date(Date.UTC(2025, 11, 22 + 7 * i))
    return { week_start: d.toISOString().slice(0, 10), score }
  })
}

// Panadería Sol: added in the week of 23 Feb, then the menu went wrong.
const SOL = weeks([null, null, null, null, null, null, null, null, null, 100, 91, 81])

beforeEach(() => {
  locale.lang = 'en'
})
afterEach(() => cleanup())

const points = () => screen.getAllByTestId('trend-point')

describe('the trust trend on the client page', () => {
  it('draws a 0–100 scale and a point per scored week, its value written where it changes', async () => {
    render(TrendChart, { props: { points: SOL, caption: 'Last 12 weeks' } })
    const chart = screen.getByTestId('trend-chart')
    const axis = [...chart.querySelectorAll('text.axis')].map((t) => t.textContent)
    expect(axis).toEqual(['0', '50', '100', '22 Dec', '9 Mar'])
    expect(points().map((p) => p.getAttribute('aria-label'))).toEqual(['Week of 23 Feb: 100', 'Week of 2 Mar: 91', 'Week of 9 Mar: 81'])
    expect([...chart.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['100', '91', '81'])
    expect(chart.getAttribute('aria-label')).toBe('Trust over the last 12 weeks: from 100 to 81')
  })

  it('writes the value of a flat stretch once', () => {
    render(TrendChart, { props: { points: weeks([null, null, null, null, null, null, null, null, null, 100, 91, 91]), caption: '' } })
    expect([...screen.getByTestId('trend-chart').querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['100', '91'])
  })

  it('leaves a gap for weeks without a score instead of falling to zero', () => {
    render(TrendChart, { props: { points: weeks([90, 88, null, 85, 80, 80, 80, 82, 84, 86, 88, 90]), caption: '' } })
    const lines = screen.getByTestId('trend-chart').querySelectorAll('polyline')
    expect([...lines].map((l) => l.getAttribute('points')?.split(' ').length)).toEqual([2, 9])
    expect(points()).toHaveLength(11)
  })

  it('names the week and its score on focus and hover, and moves between weeks with the arrow keys', async () => {
    render(TrendChart, { props: { points: SOL, caption: '' } })
    const [first, second, last] = points()
    expect([first, second, last].map((p) => p.getAttribute('tabindex')), 'one stop for the keyboard: the latest week').toEqual(['-1', '-1', '0'])
    last.focus()
    await fireEvent.focus(last)
    expect(screen.getByTestId('trend-tip').textContent).toMatch(/Week of 9 Mar\s*81/)
    await fireEvent.keyDown(last, { key: 'ArrowLeft' })
    expect(document.activeElement).toBe(second)
    await fireEvent.focus(second)
    expect(screen.getByTestId('trend-tip').textContent).toMatch(/Week of 2 Mar\s*91/)
    await fireEvent.keyDown(second, { key: 'Home' })
    expect(document.activeElement).toBe(first)
    await fireEvent.blur(first)
    expect(screen.queryByTestId('trend-tip')).toBeNull()
    await fireEvent.mouseEnter(second)
    expect(screen.getByTestId('trend-tip').textContent).toMatch(/Week of 2 Mar\s*91/)
  })

  it('gives screen readers every week as a table, gaps included', () => {
    const { container } = render(TrendChart, { props: { points: SOL, caption: '' } })
    const rows = [...container.querySelectorAll('table tbody tr')].map((r) => [...r.children].map((cell) => cell.textContent?.trim()).join(' '))
    expect(rows).toHaveLength(12)
    expect(rows[0]).toBe('Week of 22 Dec no score')
    expect(rows[11]).toBe('Week of 9 Mar 81')
    expect(screen.getByTestId('trend-chart').getAttribute('aria-describedby')).toBe(container.querySelector('table')?.id)
  })

  it('says there is too little history with fewer than two scored weeks, in both languages', () => {
    render(TrendChart, { props: { points: weeks([null, null, null, null, null, null, null, null, null, null, null, 100]), caption: '' } })
    expect(screen.getByTestId('trend-too-little').textContent).toBe('Too little history yet for a trend.')
    expect(screen.queryByTestId('trend-chart')).toBeNull()
    cleanup()
    locale.lang = 'es'
    render(TrendChart, { props: { points: weeks(Array(12).fill(null)), caption: '' } })
    expect(screen.getByTestId('trend-too-little').textContent).toBe('Aún hay poca historia para ver una tendencia.')
  })

  it('reads in Spanish', () => {
    locale.lang = 'es'
    render(TrendChart, { props: { points: SOL, caption: '' } })
    expect(points()[1].getAttribute('aria-label')).toBe('Semana del 2 mar: 91')
  })
})
