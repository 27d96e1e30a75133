import type { Card } from './channels/channel.js'

/** What an outbox row asks a channel to deliver; plain JSON so it survives the database and job payloads. */
export type OutboundPayload =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; markdown: string }
  | { kind: 'card'; card: Card }

export function isOutboundPayload(x: unknown): x is OutboundPayload {
  const p = x as { kind?: unknown; text?: unknown; markdown?: unknown; card?: unknown }
  return (p?.kind === 'text' && typeof p.text === 'string') || (p?.kind === 'markdown' && typeof p.markdown === 'string')
    || (p?.kind === 'card' && typeof p.card === 'object' && p.card !== null)
}
