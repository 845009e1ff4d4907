// Taking back what a one-click action did, from the notice's Undo: the core
// takes the recorded event back as a change of its own in the entry's history
// (or brings an item back from the trash), and every screen reads again.
import { backend, BackendError, type Backend } from './api'
import { app } from './app.svelte'
import type { Undoable } from './bindings/Undoable'
import { t } from './i18n.svelte'
import { refusalOf } from './when'

/** The Undo of an action the core recorded (its answer to `act`). */
export function undoOf(done: Undoable): () => Promise<void> {
  return undoBy((b) => b.undo(done))
}

/** The Undo of a move to the trash: the item comes back. */
export function restoreOf(id: string): () => Promise<void> {
  return undoBy((b) => b.restore(id))
}

/** An Undo that runs `run`, then says so, or says why the core refused. */
export function undoBy(run: (b: Backend) => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run(await backend())
    } catch (e) {
      app.say(refusal(e))
      return
    }
    await app.changed(t('undo.done'))
  }
}

/** The refusals of taking back and correcting that the UI words itself, in the user's language. */
const WORDED = new Set(['changed_since', 'event_changed', 'caused_by_promise', 'nothing_to_undo'])

/** A refusal in the user's language when the UI knows its code; the core's own words otherwise. */
export function refusal(e: unknown): string {
  if (e instanceof BackendError) return WORDED.has(e.code) ? t(`refusal.${e.code}`) : refusalOf(e)
  return t('common.error', { message: String((e as Error)?.message ?? e) })
}
