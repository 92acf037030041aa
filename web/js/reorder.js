// Works out which cases a drag (or a move button) changes. Pure: takes the columns as arrays
// of cases in board order and returns the moves for POST /cases/reorder.

/**
 * columns: Map<section, case[]> in current board order (only what is shown).
 * Moves `caseId` to `targetSection` at position `targetIndex` (counted without the moved case)
 * and renumbers the affected columns 0..n-1. Returns every {id, section, order_index} whose
 * section or order_index differs from before — an empty list when nothing changes.
 */
export function computeMoves(columns, caseId, targetSection, targetIndex) {
  let moved = null;
  let sourceSection = null;
  for (const [section, list] of columns) {
    const found = list.find((c) => c.id === caseId);
    if (found) { moved = found; sourceSection = section; break; }
  }
  if (!moved) return [];

  const without = (section) => (columns.get(section) || []).filter((c) => c.id !== caseId);
  const target = without(targetSection);
  const index = Math.max(0, Math.min(targetIndex, target.length));
  target.splice(index, 0, moved);

  const affected = new Map([[targetSection, target]]);
  if (sourceSection !== targetSection) affected.set(sourceSection, without(sourceSection));

  const moves = [];
  for (const [section, list] of affected) {
    list.forEach((c, orderIndex) => {
      if (c.section !== section || c.order_index !== orderIndex) {
        moves.push({ id: c.id, section, order_index: orderIndex });
      }
    });
  }
  return moves;
}

/** Position of `caseId` within its column, or -1. */
export function indexIn(columns, section, caseId) {
  return (columns.get(section) || []).findIndex((c) => c.id === caseId);
}
