import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import './messages'
import { app, UNDO_MS } from './app.svelte'
import { locale } from './i18n.svelte'
import Notice from './Notice.svelte'

beforeEach(() => {
  locale.lang = 'en'
  app.notice = null
  app.undo = null
  vi.useFakeTimers()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('the notice after a one-click action', () => {
  it('is announced, and offers Undo for about ten seconds', async () => {
    const undo = vi.fn(() => Promise.resolve())
    render(Notice)
    app.say('Promise kept', undo)
    await vi.advanceTimersByTimeAsync(0)
    const region = screen.getByRole('status')
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toContain('Promise kept')
    expect(screen.getByTestId('notice-undo').textContent).toContain('Undo')
    await vi.advanceTimersByTimeAsync(UNDO_MS - 1000)
    expect(screen.queryByTestId('notice-undo'), 'still offered after 9 s').not.toBeNull()
    await vi.advanceTimersByTimeAsync(1000)
    expect(screen.queryByTestId('notice-undo'), 'gone after 10 s').toBeNull()
    expect(undo).not.toHaveBeenCalled()
  })

  it('takes the action back once, by its button', async () => {
    const undo = vi.fn(() => Promise.resolve())
    render(Notice)
    app.say('Promise kept', undo)
    await vi.advanceTimersByTimeAsync(0)
    await fireEvent.click(screen.getByTestId('notice-undo'))
    await fireEvent.click(document.body)
    expect(undo).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('notice-undo')).toBeNull()
  })

  it('takes the action back with Ctrl+Z, but leaves Ctrl+Z in a field to the field', async () => {
    const undo = vi.fn(() => Promise.resolve())
    render(Notice)
    const field = document.body.appendChild(document.createElement('input'))
    app.say('Reply recorded', undo)
    await vi.advanceTimersByTimeAsync(0)
    await fireEvent.keyDown(field, { key: 'z', ctrlKey: true })
    expect(undo).not.toHaveBeenCalled()
    await fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
    expect(undo).toHaveBeenCalledTimes(1)
    field.remove()
  })

  it('offers nothing to undo after an action that cannot be taken back, and a newer notice is not cut short', async () => {
    render(Notice)
    app.say('Client saved')
    await vi.advanceTimersByTimeAsync(3000)
    app.say('Promise kept', () => Promise.resolve())
    await vi.advanceTimersByTimeAsync(1500)
    expect(screen.getByTestId('notice').textContent, 'the first notice’s timer must not clear the second').toContain('Promise kept')
    app.say('Client saved')
    await vi.advanceTimersByTimeAsync(0)
    expect(screen.queryByTestId('notice-undo')).toBeNull()
  })
})
