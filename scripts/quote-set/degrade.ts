/** What happens to a quote between the printer and our upload: a seal, lighting, a tilted phone, blur, compression. */
import sharp from 'sharp'
import type { Rng } from './random.js'
import type { Point } from './svg.js'

export const DEGRADATIONS = ['seal', 'lighting', 'shadow', 'rotate', 'shear', 'blur', 'downscale', 'jpeg'] as const
export type Degradation = (typeof DEGRADATIONS)[number]

/** Which degradations a page gets: printed pages get any of them, screenshots only resizing, blur and compression. */
export function chooseDegradations(rng: Rng, paper: boolean, hasAnchor: boolean): Degradation[] {
  if (rng.chance(0.15)) return []
  const p: Record<Degradation, number> = paper
    ? { seal: hasAnchor ? 0.4 : 0, lighting: 0.35, shadow: 0.15, rotate: 0.4, shear: 0.2, blur: 0.3, downscale: 0.25, jpeg: 0.5 }
    : { seal: 0, lighting: 0, shadow: 0, rotate: 0, shear: 0, blur: 0.15, downscale: 0.35, jpeg: 0.5 }
  return DEGRADATIONS.filter(d => rng.chance(p[d]))
}

function sealSvg(name: string, r: number, rng: Rng): string {
  const chars = [...name].slice(0, 16)
  const sweep = 240, start = -90 - sweep / 2
  const letters = chars.map((c, i) => {
    const a = start + (sweep * (i + 0.5)) / chars.length
    const rad = (a * Math.PI) / 180
    const x = r + (r * 0.74) * Math.cos(rad), y = r + (r * 0.74) * Math.sin(rad)
    return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="Noto Serif CJK SC" font-size="${(r * 0.22).toFixed(1)}" fill="#d42020" text-anchor="middle" dominant-baseline="middle" transform="rotate(${(a + 90).toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${c}</text>`
  }).join('')
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 === 0 ? r * 0.24 : r * 0.1
    return `${(r + rr * Math.cos(a)).toFixed(1)},${(r + rr * Math.sin(a)).toFixed(1)}`
  }).join(' ')
  const opacity = rng.range(0.55, 0.85).toFixed(2)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * r}" height="${2 * r}"><g opacity="${opacity}"><circle cx="${r}" cy="${r}" r="${r * 0.94}" fill="none" stroke="#d42020" stroke-width="${(r * 0.06).toFixed(1)}"/><polygon points="${star}" fill="#d42020"/>${letters}<text x="${r}" y="${r * 1.55}" font-family="Noto Serif CJK SC" font-size="${(r * 0.16).toFixed(1)}" fill="#d42020" text-anchor="middle">报价专用章</text></g></svg>`
}

function lightingSvg(w: number, h: number, rng: Rng): string {
  const cx = rng.range(0.2, 0.8), cy = rng.range(0.2, 0.8)
  const edge = Math.round(rng.range(150, 210)).toString(16)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="g" cx="${cx}" cy="${cy}" r="0.9"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#${edge}${edge}${edge}"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`
}

function shadowSvg(w: number, h: number, rng: Rng): string {
  const x = rng.range(0.3, 0.8) * w
  const pts = `${x},0 ${x + rng.range(0.1, 0.3) * w},0 ${x + rng.range(-0.1, 0.4) * w},${h} ${x - rng.range(0.1, 0.3) * w},${h}`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><filter id="b"><feGaussianBlur stdDeviation="${(w / 40).toFixed(0)}"/></filter></defs><polygon points="${pts}" fill="#000" opacity="${rng.range(0.18, 0.32).toFixed(2)}" filter="url(#b)"/></svg>`
}

/** The rendered page with the chosen degradations applied in a fixed order; JPEG when `jpeg` is among them, else PNG. */
export async function degrade(png: Buffer, steps: readonly Degradation[], rng: Rng, anchor: Point | null, company: string): Promise<{ image: Buffer; ext: 'png' | 'jpg' }> {
  let img = png
  const size = async (): Promise<{ w: number; h: number }> => { const m = await sharp(img).metadata(); return { w: m.width, h: m.height } }
  const overlay = async (svg: string, left = 0, top = 0): Promise<void> => {
    img = await sharp(img).composite([{ input: Buffer.from(svg), left, top, blend: 'multiply' }]).png().toBuffer()
  }
  for (const step of steps) {
    const { w, h } = await size()
    if (step === 'seal' && anchor) {
      const r = Math.round(rng.range(75, 110))
      const left = Math.round(Math.min(Math.max(0, anchor.x + rng.range(-r, r * 0.6)), w - 2 * r)), top = Math.round(Math.min(Math.max(0, anchor.y - r + rng.range(-r * 0.5, r * 0.5)), h - 2 * r))
      await overlay(sealSvg(company, r, rng), left, top)
    } else if (step === 'lighting') await overlay(lightingSvg(w, h, rng))
    else if (step === 'shadow') await overlay(shadowSvg(w, h, rng))
    else if (step === 'rotate') img = await sharp(img).rotate(rng.range(-3, 3) || 1, { background: rng.pick(['#ffffff', '#d8d8d8', '#8a8a8a']) }).png().toBuffer()
    else if (step === 'shear') {
      const s = rng.range(-0.035, 0.035)
      img = await sharp(img).affine(rng.chance(0.5) ? [[1, s], [0, 1]] : [[1, 0], [s, 1]], { background: '#cfcfcf' }).png().toBuffer()
    } else if (step === 'blur') img = await sharp(img).blur(rng.range(0.6, 1.4)).png().toBuffer()
    else if (step === 'downscale') img = await sharp(img).resize(Math.round(w * rng.range(0.55, 0.8))).png().toBuffer()
  }
  if (steps.includes('jpeg')) return { image: await sharp(img).flatten({ background: '#ffffff' }).jpeg({ quality: rng.int(35, 70) }).toBuffer(), ext: 'jpg' }
  return { image: await sharp(img).flatten({ background: '#ffffff' }).png().toBuffer(), ext: 'png' }
}
