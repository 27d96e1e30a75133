/** Poll delays for the OCR status: quick at first (most quotes finish in seconds), then easing off to a cap. */
export function backoffDelay(attempt: number, baseMs = 500, factor = 1.6, maxMs = 5000): number {
  return Math.min(maxMs, Math.round(baseMs * factor ** Math.max(0, attempt)))
}
