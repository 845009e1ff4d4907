import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import FieldHarness from './FieldHarness.svelte'

afterEach(cleanup)

describe('Field', () => {
  it('names its control by the label, and the control is the caller’s own (its value reaches the form)', async () => {
    render(FieldHarness, { props: { label: 'Name' } })
    const input = screen.getByLabelText('Name')
    expect(input).toBe(screen.getByTestId('harness-input'))
    expect(document.querySelector(`label[for="${input.id}"]`), 'the label points at the control by its id').not.toBeNull()
    await fireEvent.input(input, { target: { value: 'Panadería Sol' } })
    expect(screen.getByTestId('harness-value').textContent).toBe('Panadería Sol')
  })

  it('describes its control by the hint while there is no error', () => {
    render(FieldHarness, { props: { label: 'Tags', hint: 'Separate them with commas.' } })
    const input = screen.getByLabelText('Tags')
    expect(input.getAttribute('aria-invalid')).toBe('false')
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('Separate them with commas.')
  })

  it('marks its control invalid and describes it by the error, which takes the hint’s place', async () => {
    const { rerender } = render(FieldHarness, { props: { label: 'Tags', hint: 'Separate them with commas.', error: null } })
    await rerender({ label: 'Tags', hint: 'Separate them with commas.', error: 'A tag can have at most 200 characters.' })
    const input = screen.getByLabelText('Tags')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    const line = document.getElementById(input.getAttribute('aria-describedby')!)
    expect(line?.textContent).toBe('A tag can have at most 200 characters.')
    expect(line).toBe(screen.getByTestId('harness-error'))
    expect(screen.queryByTestId('harness-hint'), 'one line under the field, not two').toBeNull()
    await rerender({ label: 'Tags', hint: 'Separate them with commas.', error: null })
    expect(input.getAttribute('aria-invalid')).toBe('false')
    expect(screen.getByTestId('harness-hint').textContent).toBe('Separate them with commas.')
  })

  it('describes nothing when it has neither hint nor error', () => {
    render(FieldHarness, { props: { label: 'Organisation' } })
    expect(screen.getByLabelText('Organisation').hasAttribute('aria-describedby')).toBe(false)
  })

  it('gives each field its own ids, so two on a page never describe each other', () => {
    render(FieldHarness, { props: { label: 'Email', error: 'Not an e-mail address.' } })
    render(FieldHarness, { props: { label: 'Phone', error: 'Not a phone number.' } })
    const email = screen.getByLabelText('Email')
    const phone = screen.getByLabelText('Phone')
    expect(email.id).not.toBe(phone.id)
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)?.textContent).toBe('Not a phone number.')
  })
})
