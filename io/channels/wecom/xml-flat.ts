import type { XmlRecord } from './xml.js'

// Most callbacks (text, image, voice, location, enter_agent, contact changes) are one <xml> of leaf elements whose
// values are CDATA or plain text. For exactly that shape this scan builds the record fast-xml-parser would build
// (CDATA kept as is, text trimmed, every value a string) at a fraction of the cost of its validate + parse. Anything
// else — a declaration, attributes, nesting, entities, a repeated or list-valued element, mixed CDATA and text, a
// carriage return (line ends are normalised) —
// returns undefined and goes through the library. Equivalence is tested against the library on generated documents.

const OPEN = /[ \t\r\n]*<([A-Za-z_][A-Za-z0-9_]*)(\/?)>/y
const CDATA_START = '<![CDATA['
// Names fast-xml-parser refuses outright; the library path answers them (as malformed).
const REFUSED_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

/** The flat record of `<xml>…</xml>`, or undefined when the document is not of the simple flat shape. */
export function scanFlatXml(doc: string, listNames: ReadonlySet<string>): XmlRecord | undefined {
  // XML turns \r\n and a lone \r into \n everywhere, CDATA included; such documents are left to the library.
  if (doc.includes('\r')) return undefined
  let at = skipSpace(doc, 0)
  if (!doc.startsWith('<xml>', at)) return undefined
  at += 5
  const out: XmlRecord = {}
  for (;;) {
    OPEN.lastIndex = at
    const open = OPEN.exec(doc)
    if (!open) break
    const name = open[1]!
    if (REFUSED_NAMES.has(name) || listNames.has(name) || Object.hasOwn(out, name)) return undefined
    at = OPEN.lastIndex
    if (open[2] === '/') {
      out[name] = ''
      continue
    }
    let value: string
    if (doc.startsWith(CDATA_START, at)) {
      const end = doc.indexOf(']]>', at + CDATA_START.length)
      if (end < 0) return undefined
      value = doc.slice(at + CDATA_START.length, end)
      at = end + 3
    } else {
      const end = doc.indexOf('<', at)
      if (end < 0) return undefined
      value = doc.slice(at, end)
      if (value.includes('&')) return undefined
      value = value.trim()
      at = end
    }
    const close = `</${name}>`
    if (!doc.startsWith(close, at)) return undefined
    at += close.length
    out[name] = value
  }
  at = skipSpace(doc, at)
  if (!doc.startsWith('</xml>', at)) return undefined
  return skipSpace(doc, at + 6) === doc.length ? out : undefined
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++
  return i
}
