import type { PickedImage } from './platform.js'

/**
 * Opens the browser's file chooser. Must run inside the click handler that asked for it, because browsers only
 * open choosers on a user gesture. `capture` asks phones for the camera.
 */
export function pickImageFile(capture: boolean, doc: Document = document): Promise<PickedImage | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    if (capture) input.setAttribute('capture', 'environment')
    input.style.display = 'none'
    const done = (picked: PickedImage | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { kind: 'file', file, name: file.name } : null)
    })
    input.addEventListener('cancel', () => done(null))
    doc.body.append(input)
    input.click()
  })
}
