/** Darker than this (after contrast stretching) counts as ink. */
const INK = 128

/**
 * The typical height in pixels of the text lines on a grey page, or null when there is too little text to tell.
 * The page is cut into narrow vertical strips; within a strip, consecutive rows holding ink form a run, and a run is
 * one line of text (a strip a few characters wide fills the gaps inside 二 or 三). The median run is the text height:
 * rules and specks are too thin to count, pictures and seals too few. Works on tables, letters and chat bubbles
 * alike since it needs no layout, and on pages tilted a few degrees since a strip is narrow.
 */
export function medianTextHeight(grey: Uint8Array, width: number, height: number): number | null {
  const strip = Math.max(24, Math.round(width / 16))
  const runs: number[] = []
  for (let x0 = 0; x0 + strip / 2 < width; x0 += strip) {
    const x1 = Math.min(width, x0 + strip)
    let start = -1
    for (let y = 0; y <= height; y++) {
      let ink = 0
      if (y < height) for (let i = y * width + x0, end = y * width + x1; i < end && ink < 2; i++) if (grey[i]! < INK) ink++
      if (ink >= 2) {
        if (start < 0) start = y
      } else if (start >= 0) {
        const run = y - start
        if (run >= 4 && run <= height / 8) runs.push(run)
        start = -1
      }
    }
  }
  if (runs.length < 8) return null
  runs.sort((a, b) => a - b)
  return runs[Math.floor(runs.length / 2)]!
}
