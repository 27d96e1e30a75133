/**
 * What counts as ink on a line strip (or a part of one), from its grey values: darker than halfway between its ink
 * (the 2nd percentile) and its paper (the 90th). Null when the two are less than 0.2 apart (on the 0–1 scale): no
 * clear ink, so nothing read off the pixels should be trusted.
 */
export function inkThreshold(values: ArrayLike<number>): number | null {
  const sorted = Float32Array.from(values).sort()
  const ink = sorted[Math.floor(sorted.length * 0.02)]!, paper = sorted[Math.floor(sorted.length * 0.9)]!
  return paper - ink < 0.2 ? null : (ink + paper) / 2
}
