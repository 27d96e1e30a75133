import { describe, expect, it } from 'vitest'
import { parseCommand, renderHelp, renderTodo, renderUnknown } from './commands.js'

describe('parseCommand', () => {
  it.each([
    ['帮助', 'help'], [' Help ', 'help'], ['？', 'help'], ['/待办', 'todo'], ['ToDo', 'todo'], ['今日', 'today'], ['today', 'today'],
    ['帮助我一下', null], ['', null], ['报价', null],
  ])('%j → %s', (text, cmd) => {
    expect(parseCommand(text)).toBe(cmd)
  })
})

describe('replies', () => {
  it('lists every command in both languages', () => {
    for (const word of ['帮助', '待办', '今日']) expect(renderHelp('zh')).toContain(word)
    for (const word of ['help', 'todo', 'today']) expect(renderHelp('en')).toContain(word)
  })
  it('marks overdue items and shows due times', () => {
    const text = renderTodo([{ title: '浙大一院 · 报价跟进', due: '11-27 18:00', overdue: true }, { title: '回访', due: null, overdue: false }], 'zh', 'todo')
    expect(text).toContain('已超期</font> 浙大一院 · 报价跟进（截止 11-27 18:00）')
    expect(text).toContain('> 回访')
  })
  it('says so when nothing is open', () => {
    expect(renderTodo([], 'en', 'today')).toMatch(/Due today[\s\S]*Nothing open/)
    expect(renderUnknown('zh')).toContain('帮助')
  })
})
