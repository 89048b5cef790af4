// Reading a V8 .cpuprofile (what `node --cpu-prof` writes at exit): the frames that spent
// the most time themselves, not in what they called.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  /** 0-based */
  lineNumber: number
  columnNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  hitCount?: number
}

export interface CpuProfile {
  nodes: ProfileNode[]
  /** microseconds on the system's monotonic clock (process.hrtime's) */
  startTime?: number
  samples?: number[]
  timeDeltas?: number[]
}

/** A stretch of time in microseconds on the monotonic clock: process.hrtime.bigint() / 1000n. */
export interface Window {
  fromUs: number
  toUs: number
}

/** The monotonic clock V8 stamps profiles with, in microseconds. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

export interface Frame {
  functionName: string
  /** file:line within the project, the package for node_modules, node:… for Node's own */
  location: string
  selfPercent: number
  samples: number
}

/** Where a frame is, as a reader of this project wants to see it. */
export function locate(frame: CallFrame, projectRoot: string): string {
  const line = frame.lineNumber + 1
  if (!frame.url) return '(native)'
  if (frame.url.startsWith('node:')) return `${frame.url}:${line}`
  let path = frame.url
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path)
    } catch {
      return `${frame.url}:${line}`
    }
  }
  // the last node_modules on the path names the package the code belongs to
  const parts = path.split(sep)
  const at = parts.lastIndexOf('node_modules')
  if (at !== -1 && parts[at + 1]) {
    const name = parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!
    return name
  }
  const inside = relative(projectRoot, path)
  return `${inside.startsWith('..') ? path : inside}:${line}`
}

/**
 * The `top` frames by self time. A function shows up once per call path in the tree, so
 * nodes are summed by function and place; a sample is one tick of the profiler, and the
 * share is of all samples, idle and garbage collection included (they are frames too).
 * With a window, only the samples taken within it count (the load, without start-up): V8
 * stamps them with the monotonic clock that process.hrtime reads in every process.
 */
export function topFrames(profile: CpuProfile, projectRoot: string, top = 15, window?: Window): Frame[] {
  const hits = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  if (samples.length > 0) {
    let at = profile.startTime ?? 0
    const timed = window !== undefined && profile.startTime !== undefined && deltas.length === samples.length
    for (let i = 0; i < samples.length; i++) {
      at += deltas[i] ?? 0
      if (timed && (at < window.fromUs || at > window.toUs)) continue
      hits.set(samples[i]!, (hits.get(samples[i]!) ?? 0) + 1)
    }
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0)
  }
  const total = [...hits.values()].reduce((a, b) => a + b, 0)
  const byFrame = new Map<string, Frame>()
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0
    if (count === 0) continue
    const functionName = node.callFrame.functionName || '(anonymous)'
    const location = locate(node.callFrame, projectRoot)
    // one entry per function: within node_modules the package alone would merge them all
    const key = `${functionName}\u0000${node.callFrame.url}\u0000${node.callFrame.lineNumber}`
    const frame = byFrame.get(key) ?? { functionName, location, selfPercent: 0, samples: 0 }
    frame.samples += count
    byFrame.set(key, frame)
  }
  const frames = [...byFrame.values()].sort((a, b) => b.samples - a.samples).slice(0, top)
  for (const frame of frames) frame.selfPercent = total === 0 ? 0 : (100 * frame.samples) / total
  return frames
}

/**
 * The main thread's profile in `dir`. Every thread of a process writes its own at exit
 * (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile), and a process started with module
 * hooks (NODE_OPTIONS --import, as test runners do) has a hooks thread besides the main one (0).
 */
export function readProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  const main = files.filter((f) => f.split('.').at(-3) === '0')
  const file = (main.length > 0 ? main : files).sort().at(-1)
  if (!file) throw new Error(`no .cpuprofile in ${dir}: the server did not exit cleanly`)
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
}
