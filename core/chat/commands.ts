import type { Lang } from '../errors.js'

/** Text commands a member can send to the app (帮助 / 待办 / 今日), in Chinese or English. */
export const COMMANDS = ['help', 'todo', 'today'] as const
export type Command = (typeof COMMANDS)[number]

const ALIASES: Record<string, Command> = {
  帮助: 'help', help: 'help', '?': 'help', '？': 'help', 菜单: 'help',
  待办: 'todo', todo: 'todo', 任务: 'todo', tasks: 'todo',
  今日: 'today', 今天: 'today', today: 'today', 日程: 'today',
}

export function parseCommand(text: string): Command | null {
  return ALIASES[text.trim().replace(/^[/／]/, '').toLowerCase()] ?? null
}

export type TodoItem = { title: string; due: string | null; overdue: boolean }

export function renderHelp(lang: Lang): string {
  return lang === 'en'
    ? ['**Salespath commands**', '> **help** — this list', '> **todo** — your open tasks and overdue nodes',
        '> **today** — what is due today', 'Open a customer chat and tap the Salespath toolbar to see the stage and archive a quote.'].join('\n')
    : ['**销售路径 · 可用命令**', '> **帮助** — 查看本列表', '> **待办** — 我的未完成任务和超期节点',
        '> **今日** — 今天到期的事项', '在客户聊天中点工具栏的「销售路径」可查看阶段、归档报价单。'].join('\n')
}

export function renderTodo(items: readonly TodoItem[], lang: Lang, heading: 'todo' | 'today'): string {
  const title = heading === 'todo' ? (lang === 'en' ? '**Your to-do**' : '**我的待办**') : (lang === 'en' ? '**Due today**' : '**今日事项**')
  if (items.length === 0) return `${title}\n${lang === 'en' ? 'Nothing open. 👍' : '暂无待办，继续保持。'}`
  const lines = items.map((i) => {
    const mark = i.overdue ? (lang === 'en' ? '<font color="warning">overdue</font> ' : '<font color="warning">已超期</font> ') : ''
    const due = i.due ? (lang === 'en' ? ` (due ${i.due})` : `（截止 ${i.due}）`) : ''
    return `> ${mark}${i.title}${due}`
  })
  return [title, ...lines].join('\n')
}

export function renderUnknown(lang: Lang): string {
  return lang === 'en' ? 'Received. Send **help** to see what I can do.' : '已收到。发送 **帮助** 查看可用命令。'
}
