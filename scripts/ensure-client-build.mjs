// Builds the web app when client/dist is missing or older than any client or shared source file.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'client/dist/index.html')

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

const sources = Math.max(newest(path.join(root, 'client')), newest(path.join(root, 'shared/src')))
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the web app…')
  execSync('npx vite build client --logLevel warn', { cwd: root, stdio: 'inherit' })
}
