// Taking back what a one-click action did, from the notice's Undo: the core
// takes the recorded event back as a change of its own in the entry's history
// (or brings an item back from the trash), and every screen reads again.
import { backend, type Backend } from './api'
import { app } from './app.svelte'
import type { Undoable } from './bindings/Undoable'
import { t } from './i18n.svelte'
import { refusal } from './refusal'

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
