// Just enough multipart/form-data to read the `media` part of media/upload (WC/90253).

export type UploadedFile = { data: Buffer; fileName: string; contentType: string }

export function parseMultipartFile(body: Buffer, contentType: string, field: string): UploadedFile | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length + 2, next - 2) // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8')
      if (new RegExp(`name="${field}"`).test(headers)) {
        return {
          data: Buffer.from(part.subarray(headerEnd + 4)),
          fileName: /filename="([^"]*)"/.exec(headers)?.[1] ?? field,
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
        }
      }
    }
    start = next
  }
  return null
}
