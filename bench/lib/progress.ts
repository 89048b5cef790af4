// One progress line on stderr while the harness runs: the step, the scenario and the seconds
// left. On a terminal it is rewritten in place every half second; elsewhere (CI logs) a line
// is printed when the step or the scenario changes, never a stream of countdowns.
export class Progress {
  private step = ''
  private scenario = ''
  private endsAt: number | undefined
  private timer: NodeJS.Timeout | undefined
  private readonly tty = process.stderr.isTTY === true

  set(step: string, scenario = '', seconds?: number): void {
    const changed = step !== this.step || scenario !== this.scenario
    this.step = step
    this.scenario = scenario
    this.endsAt = seconds === undefined ? undefined : Date.now() + seconds * 1000
    if (this.tty) {
      this.draw()
      this.timer ??= setInterval(() => this.draw(), 500).unref()
    } else if (changed) {
      process.stderr.write(`[bench] ${this.text()}\n`)
    }
  }

  /** A line of its own (a message), without breaking the progress line. */
  log(line: string): void {
    if (this.tty) process.stderr.write('\r\x1b[K')
    process.stderr.write(`[bench] ${line}\n`)
    if (this.tty && this.step) this.draw()
  }

  done(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    if (this.tty) process.stderr.write('\r\x1b[K')
    this.step = ''
  }

  private text(): string {
    const left = this.endsAt === undefined ? '' : ` · ${Math.max(0, Math.ceil((this.endsAt - Date.now()) / 1000))} s left`
    return `${this.step}${this.scenario ? ` · ${this.scenario}` : ''}${left}`
  }

  private draw(): void {
    process.stderr.write(`\r\x1b[K[bench] ${this.text()}`)
  }
}
