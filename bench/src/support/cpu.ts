import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far; null when it cannot be read. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren…) whose command name matches. */
export function descendants(root: number, name: RegExp): number[] {
  const parents = new Map<number, { parent: number; command: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), { parent, command });
    } catch {
      // The process ended meanwhile.
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid)?.parent; p !== undefined && p > 1; p = parents.get(p)?.parent) {
      if (p === root) return true;
    }
    return false;
  };
  return [...parents]
    .filter(([pid, { command }]) => name.test(command) && below(pid))
    .map(([pid]) => pid);
}

/** Resident set size of a process in KiB; null when it cannot be read. */
export function rssKiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (all cores) so far, from /proc/stat. */
export function machineBusySeconds(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Share of one core each named process used between `start()` and `stop()`, e.g. `{ backend: 0.93,
 * redis: 0.41, autocannon: 0.55, others: 0.02 }`: how the two cores were split during a
 * measurement, and how much went to processes outside the bench (`others`).
 */
export class CpuMeter {
  private readonly startCpu = new Map<string, number | null>();
  private startMachine: number | null = null;
  private startedAt = 0;

  /** A name stands for one process or for a group of them (Chromium's), whose times are added. */
  constructor(private readonly pids: Record<string, number | number[]>) {}

  private cpu(name: string): number | null {
    const group = ([] as number[]).concat(this.pids[name]);
    let total = 0;
    for (const pid of group) {
      const seconds = cpuSeconds(pid);
      if (seconds === null && group.length === 1) return null;
      total += seconds ?? 0;
    }
    return total;
  }

  start(): this {
    this.startedAt = performance.now();
    for (const name of Object.keys(this.pids)) this.startCpu.set(name, this.cpu(name));
    this.startMachine = machineBusySeconds();
    return this;
  }

  stop(): Record<string, number | null> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const shares: Record<string, number | null> = {};
    for (const name of Object.keys(this.pids)) {
      const before = this.startCpu.get(name);
      const after = this.cpu(name);
      shares[name] =
        before == null || after == null || seconds <= 0
          ? null
          : Math.round(((after - before) / seconds) * 100) / 100;
    }
    // Everything else that ran meanwhile (other programs on the machine): a run with a large
    // `others` share was disturbed and should be repeated.
    const machine = machineBusySeconds();
    if (machine !== null && this.startMachine !== null && seconds > 0) {
      const all = (machine - this.startMachine) / seconds;
      const measured = Object.values(shares).reduce<number>((n, v) => n + (v ?? 0), 0);
      shares['others'] = Math.round(Math.max(0, all - measured) * 100) / 100;
    }
    return shares;
  }
}
