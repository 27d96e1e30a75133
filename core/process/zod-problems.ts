import type { z } from 'zod'
import type { PathProblem } from './issue.js'

type Path = (string | number)[]

const whyZh: Record<string, string> = {
  invalid_type: '类型不对',
  invalid_value: '取值不在允许范围内',
  invalid_union: '取值不在允许范围内',
  too_small: '太短或太小',
  too_big: '太长或太大',
  invalid_format: '格式不对',
  unrecognized_keys: '有无法识别的字段',
}

/** zod issues as located problems; custom issues may carry their own catalog code (bad durations). */
export function zodProblems(issues: readonly z.core.$ZodIssue[]): PathProblem[] {
  return issues.map((issue): PathProblem => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol') as Path
    if (issue.code === 'custom' && issue.params?.code === 'PROCESS_BAD_DURATION') {
      return { path, code: 'PROCESS_BAD_DURATION', params: { value: String(issue.params.value) } }
    }
    const located = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path
    const extra = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : ''
    return {
      path: located,
      code: 'PROCESS_SCHEMA',
      params: { path: path.join('.') || '(root)', whyZh: `${whyZh[issue.code] ?? '不符合要求'}${extra}`, why: issue.message },
    }
  })
}
