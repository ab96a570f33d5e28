/**
 * A real one-node Slurm cluster for tests: munged, slurmctld and slurmd from Debian's packages
 * (slurm-wlm, munge), started in a scratch folder with their own key, ports, state and logs, and
 * stopped by the pids they wrote. Nothing outside the scratch folder is configured or touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const DAEMONS = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd'];
const CLIENTS = ['sbatch', 'squeue', 'scontrol', 'scancel', 'sinfo'];

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missing(): string[] {
  return [...DAEMONS.filter((d) => !existsSync(d)), ...CLIENTS.filter((c) => !onPath(c))];
}

/**
 * Why the cluster cannot start here, or undefined when it can. As root, missing packages are
 * installed with apt-get first (CI runs as root); otherwise the caller skips with this reason.
 */
export function slurmUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `Slurm test needs Linux, this is ${process.platform}`;
  let gone = missing();
  if (gone.length === 0) return undefined;
  if (process.getuid?.() !== 0) return `Slurm test skipped: ${gone.join(', ')} not installed and not root to apt-get install slurm-wlm munge`;
  if (!onPath('apt-get')) return `Slurm test skipped: ${gone.join(', ')} not installed and no apt-get`;
  process.stderr.write('slurm test: installing slurm-wlm and munge with apt-get\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'slurm-wlm', 'munge'], { stdio: 'inherit', env });
  gone = missing();
  return gone.length ? `Slurm test skipped: apt-get could not install ${gone.join(', ')}` : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, ok: () => boolean, ms: number, log?: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`slurm test: ${what} not ready after ${ms} ms${log ? `\n${log()}` : ''}`);
}

export class SlurmCluster {
  readonly dir: string;
  readonly conf: string;
  private pidFiles: string[] = [];

  private constructor(dir: string) {
    this.dir = dir;
    this.conf = join(dir, 'slurm.conf');
  }

  /** Environment for clients (sbatch, squeue, submit.sh): points them at this cluster. */
  get env(): NodeJS.ProcessEnv {
    return { ...process.env, SLURM_CONF: this.conf };
  }

  static async start(): Promise<SlurmCluster> {
    const c = new SlurmCluster(mkdtempSync(join(tmpdir(), 'curate-slurm-')));
    try {
      await c.boot();
    } catch (e) {
      await c.stop();
      throw e;
    }
    return c;
  }

  private async boot(): Promise<void> {
    const d = this.dir;
    for (const sub of ['state', 'spool', 'log', 'munge']) mkdirSync(join(d, sub));
    chmodSync(d, 0o755);
    chmodSync(join(d, 'munge'), 0o700);
    const key = join(d, 'munge/munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o600 });
    const socket = join(d, 'munge/munge.sock');
    const mungePid = join(d, 'munge/munged.pid');
    this.pidFiles.push(mungePid);
    execFileSync('/usr/sbin/munged', ['--force', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${mungePid}`, `--log-file=${join(d, 'log/munged.log')}`, `--seed-file=${join(d, 'munge/seed')}`]);
    await waitFor('munged', () => existsSync(socket), 10_000);

    const host = hostname().split('.')[0]!;
    const [ctlPort, dPort] = [await freePort(), await freePort()];
    const memMb = Math.floor((totalmem() / 2 ** 20) * 0.9);
    writeFileSync(
      this.conf,
      [
        'ClusterName=curatetest',
        `SlurmctldHost=${host}(127.0.0.1)`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        'CredType=cred/munge',
        `SlurmctldPort=${ctlPort}`,
        `SlurmdPort=${dPort}`,
        `StateSaveLocation=${d}/state`,
        `SlurmdSpoolDir=${d}/spool`,
        `SlurmctldPidFile=${d}/slurmctld.pid`,
        `SlurmdPidFile=${d}/slurmd.pid`,
        `SlurmctldLogFile=${d}/log/slurmctld.log`,
        `SlurmdLogFile=${d}/log/slurmd.log`,
        // No cgroups in a container: track processes by parentage, no task binding.
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core_Memory',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'MpiDefault=none',
        'ReturnToService=2',
        'SchedulerType=sched/backfill',
        'SchedulerParameters=bf_interval=1',
        // Finished jobs stay visible to scontrol long enough for the test to read their state.
        'MinJobAge=3600',
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus().length} RealMemory=${memMb} State=UNKNOWN`,
        `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    this.pidFiles.push(join(d, 'slurmctld.pid'), join(d, 'slurmd.pid'));
    execFileSync('/usr/sbin/slurmctld', ['-f', this.conf], { env: this.env });
    execFileSync('/usr/sbin/slurmd', ['-f', this.conf], { env: this.env });
    const logs = () => ['slurmctld', 'slurmd'].map((n) => `${n}: ${safeRead(join(d, `log/${n}.log`)).split('\n').slice(-5).join('\n')}`).join('\n');
    await waitFor('the node', () => this.sinfoState() === 'idle', 30_000, logs);
  }

  private sinfoState(): string {
    const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env: this.env, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
  }

  /** `scontrol show job` state of a job or array task, e.g. COMPLETED, CANCELLED, RUNNING. */
  jobState(id: string): string {
    const r = spawnSync('scontrol', ['show', 'job', id], { env: this.env, encoding: 'utf8' });
    return /JobState=([A-Z_]+)/.exec(r.stdout)?.[1] ?? '';
  }

  /** Jobs still in the queue among the given ids. */
  queued(ids: string[]): string[] {
    const r = spawnSync('squeue', ['-h', '-o', '%i %T', '-j', ids.join(',')], { env: this.env, encoding: 'utf8' });
    return r.stdout.split('\n').filter(Boolean);
  }

  /**
   * Stops every daemon this cluster started, by the pids they wrote, waits until they are gone,
   * and removes the scratch folder (kept with CURATE_KEEP_SLURM=1, for its logs).
   */
  async stop(): Promise<void> {
    spawnSync('scancel', ['--user', String(process.getuid?.() === 0 ? 'root' : process.env.USER)], { env: this.env, stdio: 'ignore' });
    for (const f of [...this.pidFiles].reverse()) {
      const pid = Number(safeRead(f).trim());
      if (!pid || !alive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      try {
        await waitFor(`exit of pid ${pid} (${f})`, () => !alive(pid), 15_000);
      } catch {
        process.kill(pid, 'SIGKILL');
      }
    }
    if (process.env.CURATE_KEEP_SLURM !== '1') rmSync(this.dir, { recursive: true, force: true });
    else process.stderr.write(`slurm test: cluster files kept in ${this.dir}\n`);
  }
}

function safeRead(f: string): string {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}
