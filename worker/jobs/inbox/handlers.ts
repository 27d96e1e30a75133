import type { InboxHandler } from '../events.job.js'
import { handleCardClick } from './card-click.js'
import { handleContactChange } from './contact-change.js'
import type { InboxDeps } from './inbox-context.js'
import { handleRecord } from './records.js'
import { handleText } from './text-command.js'
import { handleDirectoryChange } from './directory-change.js'

/** Channel event kind → what the worker does with it. Kinds not listed are stored, acknowledged and ignored. */
export function inboxHandlers(d: InboxDeps): Record<string, InboxHandler> {
  const record = handleRecord(d)
  return {
    text: handleText(d),
    external_contact: handleContactChange(d),
    card_click: handleCardClick(d),
    unknown: handleDirectoryChange,
    image: record, voice: record, location: record, location_report: record, enter_agent: record, approval: record,
  }
}
