import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { reject, type Rejection } from '../../../core/errors.js'
import { err, ok, type Result } from '../../../core/result.js'
import { scanFlatXml } from './xml-flat.js'

// Every value stays a string: MsgId exceeds 2^53 and newer payloads carry base64-like ids (PLATFORMS §1.5).
// CDATA is merged into the text; repeated children that may appear once are always arrays.
export const ALWAYS_ARRAY: ReadonlySet<string> = new Set(['SelectedItem', 'OptionId', 'Item', 'Details', 'SpRecord', 'Comments', 'Notifyer'])

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ALWAYS_ARRAY.has(name),
})

export type XmlNode = string | XmlNode[] | { [name: string]: XmlNode }
export type XmlRecord = { [name: string]: XmlNode }

const malformed = (detail: string) => err(reject('CALLBACK_MALFORMED', { detail }))

/** Parses `<xml>…</xml>` into its children (flat documents by a scan that builds the same record, see xml-flat.ts). Refuses DTDs: WeCom never sends one and entities are an expansion risk. */
export function parseXmlRoot(text: string): Result<XmlRecord, Rejection> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return malformed('DTD not allowed')
  const flat = scanFlatXml(text, ALWAYS_ARRAY)
  return flat ? ok(flat) : parseWithLibrary(text)
}

/** The general path: fast-xml-parser's validator, then its parser. Exported for the fast path's equivalence test. */
export function parseWithLibrary(text: string): Result<XmlRecord, Rejection> {
  if (XMLValidator.validate(text) !== true) return malformed('not well-formed XML')
  let doc: unknown
  try {
    doc = parser.parse(text)
  } catch {
    return malformed('unparseable XML') // e.g. fast-xml-parser refuses __proto__ as a tag name
  }
  const root = isRecord(doc) ? doc.xml : undefined
  if (root === '') return ok({})
  return isRecord(root) ? ok(root) : malformed('missing <xml> root')
}

export const isRecord = (x: unknown): x is XmlRecord => typeof x === 'object' && x !== null && !Array.isArray(x)

// Own properties only, so a name like `constructor` never reads Object.prototype.
const own = (node: XmlRecord, name: string): XmlNode | undefined => (Object.hasOwn(node, name) ? node[name] : undefined)

/** A leaf value as a string; absent or nested → undefined. */
export function text(node: XmlRecord, name: string): string | undefined {
  const v = own(node, name)
  return typeof v === 'string' ? v : undefined
}

export function child(node: XmlRecord, name: string): XmlRecord | undefined {
  const v = own(node, name)
  return isRecord(v) ? v : undefined
}

export function children(node: XmlRecord, name: string): XmlRecord[] {
  const v = own(node, name)
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return list.filter(isRecord)
}

export function texts(node: XmlRecord | undefined, name: string): string[] {
  const v = node && own(node, name)
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return list.filter((x): x is string => typeof x === 'string')
}

/** Wraps a value as CDATA, splitting any `]]>` inside it so the result stays well-formed. */
export const cdata = (value: string): string => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** Renders a flat record as WeCom-style XML (strings in CDATA, numbers bare). */
export function renderXml(fields: Record<string, string | number | undefined>): string {
  const body = Object.entries(fields)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`)
    .join('\n')
  return `<xml>${body}\n</xml>`
}
