/** A page drawn as SVG for sharp (librsvg) to render, with the plain text it shows and where the total sits. */
export type Font = { family: string; size: number; weight?: 'normal' | 'bold'; fill?: string; anchor?: 'start' | 'middle' | 'end' }
export type Point = { x: number; y: number }

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Rough advance of a string in em: CJK and full-width forms one em, Latin about half. */
export function textWidth(s: string, size: number, mono = false): number {
  let em = 0
  for (const c of s) {
    if (/[\u3000-\u9fff\uff00-\uffef]/.test(c)) em += 1
    else if (mono) em += 0.5
    else if (/[A-Z]/.test(c)) em += 0.64
    else if (/[0-9]/.test(c)) em += 0.56
    else if (/[ .,:;|!iltj]/.test(c)) em += 0.3
    else em += 0.52
  }
  return em * size
}

/** Splits text into lines no wider than `width`, breaking between characters (CJK) or at spaces (Latin runs stay whole). */
export function wrap(text: string, width: number, size: number, mono = false): string[] {
  const tokens = text.match(/[A-Za-z0-9¥￥.,:/\-()]+|./gu) ?? []
  const lines: string[] = []
  let line = ''
  for (const t of tokens) {
    if (line !== '' && textWidth(line + t, size, mono) > width) { lines.push(line.trimEnd()); line = t.trimStart() }
    else line += t
  }
  if (line.trim() !== '') lines.push(line.trimEnd())
  return lines
}

export class Page {
  private readonly parts: string[] = []
  /** The document's plain text, one entry per visual line (table cells joined with a tab). */
  readonly lines: string[] = []
  total: Point | null = null

  constructor(readonly width: number, public height: number, readonly background = '#ffffff') {}

  text(x: number, y: number, s: string, f: Font): void {
    const attrs = `font-family="${f.family}" font-size="${f.size}" font-weight="${f.weight ?? 'normal'}" fill="${f.fill ?? '#1a1a1a'}" text-anchor="${f.anchor ?? 'start'}"`
    this.parts.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs} xml:space="preserve">${escape(s)}</text>`)
  }

  rect(x: number, y: number, w: number, h: number, fill: string, stroke = 'none', rx = 0, strokeWidth = 1): void {
    this.parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`)
  }

  line(x0: number, y0: number, x1: number, y1: number, stroke = '#333', width = 1): void {
    this.parts.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y1}" stroke="${stroke}" stroke-width="${width}"/>`)
  }

  circle(cx: number, cy: number, r: number, fill: string, stroke = 'none', width = 1): void {
    this.parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="${width}"/>`)
  }

  say(...line: string[]): void { this.lines.push(line.join('\t')) }

  svg(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${Math.ceil(this.height)}"><rect width="100%" height="100%" fill="${this.background}"/>${this.parts.join('')}</svg>`
  }
}

export const FAMILIES = ['Noto Sans CJK SC', 'Noto Serif CJK SC', 'Noto Sans CJK SC', 'Noto Sans Mono CJK SC'] as const
