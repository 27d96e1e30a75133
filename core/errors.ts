/**
 * The one error catalog. Every code has an HTTP status and a Chinese and English message;
 * `{name}` placeholders are filled from params. The README's error table is generated from it
 * (`npm run docs:errors`). Append new codes in the section of the area they belong to.
 */
type Entry = { status: number; zh: string; en: string }

export const ERRORS = {
  // generic
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后重试（请求号 {requestId}）', en: 'Internal error, please retry later (request {requestId})' },
  NOT_FOUND: { status: 404, zh: '找不到：{what}', en: 'Not found: {what}' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确：{detail}', en: 'Malformed request: {detail}' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体超过上限 {limit}', en: 'Request body exceeds the limit of {limit}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { status: 403, zh: '无权访问该数据', en: 'You are not allowed to access this data' },
  NOT_READY: { status: 503, zh: '服务未就绪：{failing}', en: 'Service not ready: {failing}' },
  // configuration
  CONFIG_INVALID: { status: 500, zh: '配置有误：{issues}', en: 'Invalid configuration: {issues}' },
  DEMO_DATA_DIR_LOCKED: { status: 409, zh: '演示数据目录 {dir} 正被进程 {pid} 使用，请先停止它', en: 'Demo data folder {dir} is in use by process {pid}; stop it first' },
  // channel callbacks
  CALLBACK_BAD_SIGNATURE: { status: 401, zh: '回调签名校验失败', en: 'Callback signature verification failed' },
  CALLBACK_DECRYPT_FAILED: { status: 400, zh: '回调消息解密失败', en: 'Callback message could not be decrypted' },
  CALLBACK_RECEIVER_MISMATCH: { status: 400, zh: '回调接收方与配置的企业不一致', en: 'Callback receiver does not match the configured corp' },
  CALLBACK_MALFORMED: { status: 400, zh: '回调消息格式不正确：{detail}', en: 'Malformed callback message: {detail}' },
  CALLBACK_STALE: { status: 401, zh: '回调时间戳超出允许范围', en: 'Callback timestamp is outside the allowed window' },
  TENANT_UNKNOWN: { status: 404, zh: '未知的租户：{tenant}', en: 'Unknown tenant: {tenant}' },
  // channel APIs (outbound calls to WeCom / DingTalk)
  CHANNEL_API_TRANSIENT: { status: 503, zh: '{channel} 接口暂时不可用（{reason}），稍后自动重试', en: '{channel} API temporarily unavailable ({reason}); will retry' },
  CHANNEL_API_REJECTED: { status: 502, zh: '{channel} 接口拒绝了请求：{errcode} {errmsg}', en: '{channel} API refused the request: {errcode} {errmsg}' },
  CHANNEL_CREDENTIALS_INVALID: { status: 502, zh: '{channel} 应用凭证无效（{errcode}），请检查企业 ID 与 Secret', en: '{channel} app credentials are invalid ({errcode}); check the corp id and secret' },
  JSAPI_URL_NOT_ALLOWED: { status: 400, zh: '该页面地址不在可信域名内：{url}', en: 'This page URL is not on the trusted domain: {url}' },
  // process engine
  DELIVERABLES_MISSING: { status: 409, zh: '缺少交付物：{missing}', en: 'Missing deliverables: {missing}' },
  NODE_TRANSITION_NOT_ALLOWED: { status: 409, zh: '不允许从「{from}」转到「{to}」', en: 'Moving from "{from}" to "{to}" is not allowed' },
  OPPORTUNITY_CLOSED: { status: 409, zh: '商机已结束', en: 'The opportunity is already closed' },
  PROCESS_INVALID: { status: 422, zh: '流程定义有误：{issues}', en: 'Invalid process definition: {issues}' },
  PROCESS_VERSION_MISMATCH: { status: 409, zh: '商机按流程版本 {expected} 运行，不能用版本 {actual} 处理', en: 'The opportunity runs on process version {expected}, not {actual}' },
  PROCESS_YAML_SYNTAX: { status: 422, zh: 'YAML 语法错误：{detail}', en: 'YAML syntax error: {detail}' },
  PROCESS_SCHEMA: { status: 422, zh: '{path} 不符合要求：{whyZh}', en: '{path} is invalid: {why}' },
  PROCESS_DUPLICATE_KEY: { status: 422, zh: '标识 {key} 重复', en: 'Key {key} is used more than once' },
  PROCESS_UNKNOWN_NODE: { status: 422, zh: '引用了不存在的节点 {key}', en: 'Unknown node {key}' },
  PROCESS_UNKNOWN_FIELD: { status: 422, zh: '引用了未声明的字段 {key}', en: 'Undeclared field {key}' },
  PROCESS_UNKNOWN_DELIVERABLE: { status: 422, zh: '节点 {node} 没有交付物 {key}', en: 'Node {node} has no deliverable {key}' },
  PROCESS_BAD_DURATION: { status: 422, zh: '时长 {value} 无法识别（示例：3d、4h、1d4h、30m）', en: 'Duration {value} is not understood (e.g. 3d, 4h, 1d4h, 30m)' },
  PROCESS_OPERATOR_NOT_ALLOWED: { status: 422, zh: '条件中不允许使用运算符 {op}', en: 'Operator {op} is not allowed in conditions' },
  PROCESS_FACT_UNKNOWN: { status: 422, zh: '条件引用了未知的数据 {path}', en: 'Condition refers to unknown fact {path}' },
  PROCESS_FORBIDDEN_PATH: { status: 422, zh: '路径 {path} 被禁止（不得含 __proto__、constructor、prototype）', en: 'Path {path} is forbidden (no __proto__, constructor or prototype)' },
  PROCESS_RULE_CYCLE: { status: 422, zh: '规则相互触发形成循环：{cycle}', en: 'Rules trigger each other in a cycle: {cycle}' },
  CALENDAR_INVALID: { status: 422, zh: '日历数据有误：{detail}', en: 'Invalid calendar data: {detail}' },
  PROCESS_UNKNOWN_KEYWORD_CATEGORY: { status: 422, zh: '关键词词典中没有类别 {key}', en: 'No keyword category {key} in the dictionaries' },
  KEYWORDS_INVALID: { status: 422, zh: '关键词词典有误：{detail}', en: 'Invalid keyword dictionary: {detail}' },
  // OCR
  QUOTE_IMAGE_UNREADABLE: { status: 422, zh: '报价单图片无法识别，请重新拍摄清晰的照片', en: 'The quote image could not be read; please take a clearer photo' },
  IMAGE_INVALID: { status: 422, zh: '文件不是有效的图片', en: 'The file is not a valid image' },
  IMAGE_TOO_LARGE: { status: 413, zh: '图片过大（{detail}）', en: 'The image is too large ({detail})' },
  QUOTE_OCR_FAILED: { status: 503, zh: '报价单暂时未能识别，请稍后重新上传，或直接填写金额、型号和有效期', en: 'The quote could not be read for now; please upload it again later, or fill in the amount, models and validity yourself' },
  // field work: visit routes (issue 9)
  ROUTE_WINDOW_UNREACHABLE: { status: 422, zh: '以下拜访无法在其时间窗内到达：{stops}', en: 'These visits cannot be reached within their time windows: {stops}' },
  // chat sidebar (issue 7)
  QUOTE_NOT_PENDING: { status: 409, zh: '报价单当前状态为 {status}，不能确认', en: 'The quote is {status} and cannot be confirmed' },
  QUOTE_LOW_CONFIDENCE_UNCONFIRMED: { status: 422, zh: '请先核对识别把握不高的字段：{fields}', en: 'Please check the fields read with low confidence first: {fields}' },
  VISIT_PHOTO_REQUIRED: { status: 422, zh: '拜访记录需要一张现场照片', en: 'The visit needs an on-site photo' },
  VISIT_FIELD_REQUIRED: { status: 422, zh: '拜访记录缺少必填项：{fields}', en: 'The visit is missing required fields: {fields}' },
  CLIENT_ID_REUSED: { status: 409, zh: '提交编号 {clientId} 已用于另一条记录', en: 'Submission id {clientId} was already used for another record' },
  // manager pages: heatmap and knowledge items (issue 8)
  HEATMAP_CONFIG_INVALID: { status: 422, zh: '热力图配置有误：{detail}', en: 'Invalid heatmap configuration: {detail}' },
  HEATMAP_FIELD_INVALID: { status: 422, zh: '热力图字段有误：{detail}', en: 'Invalid heatmap field: {detail}' },
  KNOWLEDGE_SELF_REVIEW: { status: 403, zh: '不能审核自己提交的知识条目', en: 'You cannot review a knowledge item you wrote' },
  KNOWLEDGE_TRANSITION_NOT_ALLOWED: { status: 409, zh: '知识条目当前为「{from}」，不能改为「{to}」', en: 'The knowledge item is {from} and cannot become {to}' },
  // DingTalk channel (issue 10)
  AUTH_CODE_INVALID: { status: 401, zh: '钉钉登录授权码无效或已过期，请重新打开页面', en: 'The DingTalk sign-in code is invalid or has expired; please reopen the page' },
  CARD_LINK_INVALID: { status: 401, zh: '卡片按钮链接无效或已过期，请在最新的提醒里操作', en: 'The card button link is invalid or has expired; please use the latest reminder' },
  // contracts, payments and their import (issue 8, trace chain)
  CONTRACT_NUMBER_TAKEN: { status: 409, zh: '合同编号 {number} 已存在且内容不同', en: 'Contract number {number} already exists with different details' },
  PAYMENT_REFERENCE_TAKEN: { status: 409, zh: '回款单号 {reference} 已存在且内容不同', en: 'Payment reference {reference} already exists with different details' },
  IMPORT_FILE_UNREADABLE: { status: 422, zh: '无法读取导入文件（{detail}），请上传 CSV 或 .xlsx 文件', en: 'The import file could not be read ({detail}); upload a CSV or .xlsx file' },
  IMPORT_COLUMNS_MISSING: { status: 422, zh: '导入文件缺少列：{columns}', en: 'The import file lacks columns: {columns}' },
  IMPORT_ROWS_INVALID: { status: 422, zh: '导入文件有 {count} 处错误，未写入任何数据', en: 'The import file has {count} problems; nothing was written' },
  IMPORT_FIELD_REQUIRED: { status: 422, zh: '第 {row} 行缺少「{field}」', en: 'Row {row}: {field} is missing' },
  IMPORT_FIELD_INVALID: { status: 422, zh: '第 {row} 行「{field}」无法识别：{value}', en: 'Row {row}: {field} is not understood: {value}' },
  IMPORT_DUPLICATE_ROW: { status: 422, zh: '第 {row} 行与第 {first} 行的 {key} 重复', en: 'Row {row} repeats {key} of row {first}' },
  IMPORT_CUSTOMER_UNKNOWN: { status: 422, zh: '第 {row} 行：找不到客户「{customer}」', en: 'Row {row}: no customer named "{customer}"' },
  IMPORT_OPPORTUNITY_UNKNOWN: { status: 422, zh: '第 {row} 行：无法确定客户「{customer}」的商机，请填写商机名称', en: 'Row {row}: cannot tell which opportunity of "{customer}"; fill in the opportunity' },
  IMPORT_CONTRACT_UNKNOWN: { status: 422, zh: '第 {row} 行：找不到合同 {number}', en: 'Row {row}: no contract {number}' },
  IMPORT_ROW_FORBIDDEN: { status: 422, zh: '第 {row} 行：无权为该商机录入', en: 'Row {row}: you may not record for this opportunity' },
  IMPORT_ROW_CONFLICT: { status: 422, zh: '第 {row} 行：{key} 已存在且内容不同', en: 'Row {row}: {key} already exists with different details' },
  IMPORT_TOO_MANY_ROWS: { status: 413, zh: '导入文件超过 {limit} 行', en: 'The import file has more than {limit} rows' },
} as const satisfies Record<string, Entry>

export type ErrorCode = keyof typeof ERRORS
export type Params = Readonly<Record<string, string | number>>

/** A business refusal as data, returned by core and turned into an AppError at the edge. */
export type Rejection = { code: ErrorCode; params?: Params }

export const reject = (code: ErrorCode, params?: Params): Rejection => (params ? { code, params } : { code })

export type Lang = 'zh' | 'en'

export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** The user-visible message for a code, in both languages (Chinese first). */
export function renderMessage(code: ErrorCode, params?: Params): { zh: string; en: string } {
  const e: Entry = ERRORS[code]
  return { zh: fill(e.zh, params), en: fill(e.en, params) }
}

export const isErrorCode = (x: unknown): x is ErrorCode => typeof x === 'string' && Object.hasOwn(ERRORS, x)
