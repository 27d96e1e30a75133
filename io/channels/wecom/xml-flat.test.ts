import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderInboundXml } from './callback-builder.js'
import { scanFlatXml } from './xml-flat.js'
import { ALWAYS_ARRAY, parseWithLibrary, renderXml } from './xml.js'

// Pieces that put the scan at its edges: names it must refuse, values with markup, entities, CDATA ends and
// non-XML whitespace, separators that are not XML whitespace, nesting and mixed content.
const name = fc.constantFrom('xml', 'prototype', 'Content', 'MsgId', 'A', 'b_2', '__proto__', 'constructor', 'Item', 'SelectedItem', 'x1', 'Event')
const valueText = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '中', '文', '<', '>', '&', ']', '\u00a0', '\u3000', '"', "'", '/') }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('&amp;', '&lt;b&gt;', '&#x4e2d;', ' 今日 ', '', ']]>', 'a]]b', '9223372036854775807'),
)
const element = fc.oneof(
  fc.tuple(name, valueText).map(([n, v]) => `<${n}><![CDATA[${v}]]></${n}>`),
  fc.tuple(name, valueText).map(([n, v]) => `<${n}>${v}</${n}>`),
  name.map((n) => `<${n}/>`),
  fc.tuple(name, name, valueText).map(([n, m, v]) => `<${n}><${m}>${v}</${m}></${n}>`),
  fc.tuple(name, valueText).map(([n, v]) => `<${n}> <![CDATA[${v}]]> </${n}>`),
  fc.tuple(name, valueText).map(([n, v]) => `<${n} a="1">${v}</${n}>`),
)
const separator = fc.constantFrom('', '\n', ' ', '\r\n\t', '\u00a0', 'x')
const doc = fc.tuple(fc.constantFrom('', '<?xml version="1.0"?>', ' ', '\n'), fc.array(fc.tuple(separator, element), { maxLength: 6 }), separator, fc.constantFrom('</xml>', '</xml>\n', '</xml>x', ''))
  .map(([head, parts, tail, end]) => `${head}<xml>${parts.map(([s, e]) => s + e).join('')}${tail}${end}`)

describe('flat XML scan', () => {
  it('builds exactly what fast-xml-parser builds whenever it takes a document', () => {
    fc.assert(fc.property(doc, (d) => {
      const flat = scanFlatXml(d, ALWAYS_ARRAY)
      if (flat === undefined) return
      const lib = parseWithLibrary(d)
      expect(lib.ok, d).toBe(true)
      if (lib.ok) expect(flat).toEqual(lib.value)
    }), { numRuns: Number(process.env.XML_FLAT_RUNS ?? 20_000) })
  })

  it('takes every flat message WeCom sends, so the callback path skips the general parser', () => {
    const ctx = { corpId: 'wwcorp', createTime: 1795766400, agentId: '1000002' }
    const specs = [
      { type: 'text', from: 'lina', content: '帮助 <b>&amp; ]]> 结束', msgId: '4000000000000000001' },
      { type: 'image', from: 'lina', mediaId: 'MEDIA_1' },
      { type: 'voice', from: 'lina', mediaId: 'MEDIA_2' },
      { type: 'location', from: 'lina', latitude: '30.27', longitude: '120.15', label: '杭州市西湖区' },
      { type: 'enter_agent', from: 'lina' },
      { type: 'location_report', from: 'lina', latitude: '30.27', longitude: '120.15' },
      { type: 'external_contact', change: 'add_external_contact', userId: 'lina', externalUserId: 'wmEXT', state: '', welcomeCode: 'W' },
    ] as const
    for (const spec of specs) {
      const xml = renderInboundXml(spec, ctx)
      const lib = parseWithLibrary(xml)
      if (!lib.ok) throw new Error(xml)
      // The text with "]]>" is split over two CDATA sections by the renderer: that one the library handles.
      if (spec.type === 'text') expect(scanFlatXml(xml, ALWAYS_ARRAY)).toBeUndefined()
      else expect(scanFlatXml(xml, ALWAYS_ARRAY)).toEqual(lib.value)
    }
    const text = renderXml({ ToUserName: 'wwcorp', FromUserName: 'lina', CreateTime: 1795766400, MsgType: 'text', Content: '今日', MsgId: '4000000000000000001' })
    expect(scanFlatXml(text, ALWAYS_ARRAY)).toEqual({ ToUserName: 'wwcorp', FromUserName: 'lina', CreateTime: '1795766400', MsgType: 'text', Content: '今日', MsgId: '4000000000000000001' })
  })

  it('leaves nesting, lists, entities, repeated names and trailing junk to the library', () => {
    const refused = [
      '<xml><A><B>1</B></A></xml>', '<xml><Item>1</Item></xml>', '<xml><A>&amp;</A></xml>', '<xml><A>1</A><A>2</A></xml>',
      '<xml><A>1</A></xml>junk', '<?xml version="1.0"?><xml><A>1</A></xml>', '<xml><A> <![CDATA[x]]></A></xml>',
      '<xml><__proto__>1</__proto__></xml>', '<xml><A><![CDATA[a\rb]]></A></xml>', '<xml><A>a\r\nb</A></xml>', '<xml><A>1</B></xml>', '<xml><A><![CDATA[1]]></xml>', '<xml>\u00a0<A>1</A></xml>',
    ]
    for (const d of refused) expect(scanFlatXml(d, ALWAYS_ARRAY), d).toBeUndefined()
  })
})
