// The wizard's state as plain data: which files, how each is read, what the
// user decided per row. Every rule about what an import does stays in the
// core; this only builds the request the core answers with a preview.
import type { Decision } from '../lib/bindings/Decision'
import type { ImportRequest } from '../lib/bindings/ImportRequest'
import type { Outcome } from '../lib/bindings/Outcome'
import type { PickedFile } from '../lib/bindings/PickedFile'
import type { PreviewRow } from '../lib/bindings/PreviewRow'
import type { SourceFormat } from '../lib/bindings/SourceFormat'

/** How one picked file is read: its format (null: as detected) and, for a CSV, column → field. */
export interface Reading {
  format: SourceFormat | null
  map: Record<string, string>
}

/** The starting reading of a file: as detected, with the guessed column fields. */
export function initialReading(file: PickedFile): Reading {
  const map: Record<string, string> = {}
  for (const c of file.columns) if (c.field) map[c.name] = c.field
  return { format: null, map }
}

/** The format a file is read as: the user's choice, else the detected one. */
export function formatOf(file: PickedFile, reading: Reading): SourceFormat | null {
  return reading.format ?? file.format
}

export function request(files: PickedFile[], readings: Reading[], decisions: Map<number, Decision>): ImportRequest {
  return {
    files: files.map((file, i) => {
      const r = readings[i] ?? initialReading(file)
      // A mapping only means something for a generic CSV; empty lets the core guess.
      const map = formatOf(file, r) === 'csv' ? (Object.entries(r.map).filter(([, f]) => f) as [string, string][]) : []
      return { format: r.format, map }
    }),
    decisions: [...decisions].map(([row, decision]) => ({ row, decision })),
    accept_proposed: false,
  }
}

export type Kind = Outcome['kind']
export const KINDS: Kind[] = ['new', 'merge', 'proposed', 'unchanged', 'skipped', 'invalid']

/** How many preview rows are shown at once; "more" shows as many again. */
export const PAGE = 200

/** The decisions a row offers: a possible duplicate is merged, kept apart or left out; a new or merged one may be left out. */
export function choicesFor(row: PreviewRow): Decision[] {
  if (row.duplicate_of) return ['merge', 'new', 'skip']
  if (row.outcome.kind === 'new' || row.outcome.kind === 'merge' || row.decision === 'skip') return ['skip']
  return []
}
