// A modal dialog keeps the keyboard to itself: Tab and Shift+Tab go round its
// own controls, and focus that strays outside (a click on the page behind)
// comes back in. One action for every dialog, so that each is modal the same way.

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]'

/** The controls Tab stops at inside `root`, in order. */
export function tabStops(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && (el as HTMLInputElement).type !== 'hidden',
  )
}

/**
 * `use:trapFocus` on a dialog: Tab wraps at its ends, and focus can't leave it
 * while it is open. Once closed, focus goes back where it was before.
 */
export function trapFocus(dialog: HTMLElement) {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
  function onKeydown(e: KeyboardEvent) {
    if (e.key !== 'Tab') return
    const stops = tabStops(dialog)
    if (stops.length === 0) return e.preventDefault()
    const [first, last] = [stops[0], stops[stops.length - 1]]
    const inside = dialog.contains(document.activeElement)
    if (e.shiftKey && (!inside || document.activeElement === first)) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
      e.preventDefault()
      first.focus()
    }
  }
  function onFocusin(e: FocusEvent) {
    if (e.target instanceof Node && !dialog.contains(e.target)) tabStops(dialog)[0]?.focus()
  }
  document.addEventListener('keydown', onKeydown, true)
  document.addEventListener('focusin', onFocusin)
  return {
    destroy() {
      document.removeEventListener('keydown', onKeydown, true)
      document.removeEventListener('focusin', onFocusin)
      if (before?.isConnected) before.focus()
    },
  }
}
