import type { Clock } from './ports';

/** The «Журнал» of a step: what happened, in order, each line stamped in the campaign's time. */
export class Journal {
  private readonly lines: [string, string][] = [];

  constructor(private readonly clock: Clock) {}

  note(text: string): void {
    this.lines.push([this.clock.stamp(this.clock.now()), text]);
  }

  /** The events without their times (what two runs of the same campaign must agree on). */
  events(): string[] {
    return this.lines.map(([, text]) => text);
  }

  rows(): [string, string][] {
    return this.lines.map(([at, text]) => [at, text]);
  }
}
