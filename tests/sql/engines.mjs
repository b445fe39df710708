// Real engines for the SQL tests, started and stopped by the tests themselves:
// PostgreSQL 15 (Debian's binaries, a temporary data directory, a Unix socket in
// a temporary directory, no TCP) and ClickHouse (Debian's clickhouse-server, one
// process per shard, loopback only, a cluster with a Distributed table). Every
// wait is bounded; stop() sends SIGTERM, waits, and removes the temporary folders.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

export const haveBinary = (path) => existsSync(path);

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${ms / 1000} s`);
}

function stopProcess(child, ms = 20000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ---- PostgreSQL -------------------------------------------------------------

// timeoutMs bounds each psql call (a benchmark over 10M rows needs far more than a test).
export async function startPostgres({ timeoutMs = 120000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-pg-'));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  mkdirSync(sock);
  // As root the server must run as the postgres user, which must own its folders.
  const asPg = (cmd, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (isRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout);
    chownSync(dir, uid, gid);
    chownSync(sock, uid, gid);
  }
  const [icmd, iargs] = asPg(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const init = spawnSync(icmd, iargs, { encoding: 'utf8', timeout: 60000 });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  // listen_addresses='': no TCP at all, only the socket in our temporary folder.
  const [scmd, sargs] = asPg(`${PG_BIN}/postgres`, ['-D', data, '-k', sock, '-p', String(port), '-c', 'listen_addresses=',
    '-c', 'fsync=off', '-c', 'TimeZone=UTC', '-c', 'DateStyle=ISO']);
  const server = spawn(scmd, sargs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  const psql = (args, input) => spawnSync(`${PG_BIN}/psql`, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', sock, '-p', String(port), '-U', 'postgres', '-d', 'postgres', ...args],
    { encoding: 'utf8', input, timeout: timeoutMs, maxBuffer: 1 << 28 });
  // Why psql failed: its message, or that it was stopped (timeout) or could not start.
  const why = (r) => r.stderr || (r.signal ? `stopped by ${r.signal} after the ${timeoutMs} ms limit` : String(r.error ?? `exit ${r.status}`));
  try {
    await waitFor(() => spawnSync(`${PG_BIN}/pg_isready`, ['-h', sock, '-p', String(port)]).status === 0 || server.exitCode !== null, 'postgres');
    if (server.exitCode !== null) throw new Error(`postgres exited: ${log}`);
  } catch (e) {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    // Runs SQL; returns stdout (CSV with a header when csv is true).
    run(sql, { csv = false } = {}) {
      const r = psql(csv ? ['--csv', '-f', '-'] : ['-f', '-'], sql);
      if (r.status !== 0) throw new Error(`psql: ${why(r)}`);
      return r.stdout;
    },
    // psql's \copy: a client-side load of a CSV file with a header.
    copyCsv(table, file) {
      const r = psql(['-c', `\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
      if (r.status !== 0) throw new Error(`\\copy: ${why(r)}`);
    },
    async stop() {
      await stopProcess(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- ClickHouse ---------------------------------------------------------------

const CH_SERVER = '/usr/sbin/clickhouse-server';
const CH_CLIENT = '/usr/bin/clickhouse-client';
export const haveClickHouse = () => existsSync(CH_SERVER) && existsSync(CH_CLIENT);

function chConfig(dir, ports, shards) {
  const replicas = shards.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>${ports.tcp}</tcp_port>
  <http_port>${ports.http}</http_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>0</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <remote_servers><npskit>${replicas}</npskit></remote_servers>
</yandex>
`;
}

const CH_USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

// Starts `count` ClickHouse servers, each one shard of the cluster "npskit".
export async function startClickHouseCluster(count = 2) {
  const root = mkdtempSync(join(tmpdir(), 'npskit-ch-'));
  const nodes = [];
  for (let i = 0; i < count; i++) {
    nodes.push({ dir: join(root, `shard${i}`), tcp: await freePort(), http: await freePort(), interserver: await freePort() });
  }
  const servers = [];
  const stopAll = async () => {
    await Promise.all(servers.map((s) => stopProcess(s)));
    rmSync(root, { recursive: true, force: true });
  };
  const client = (node, args, input) => spawnSync(CH_CLIENT, ['--host', '127.0.0.1', '--port', String(node.tcp), ...args],
    { encoding: 'utf8', input, timeout: 300000, maxBuffer: 1 << 28 });
  try {
    for (const n of nodes) {
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(n.dir, sub), { recursive: true });
      writeFileSync(join(n.dir, 'users.xml'), CH_USERS);
      writeFileSync(join(n.dir, 'config.xml'), chConfig(n.dir, n, nodes.map((x) => x.tcp)));
      const child = spawn(CH_SERVER, [`--config-file=${join(n.dir, 'config.xml')}`], { stdio: ['ignore', 'ignore', 'ignore'], cwd: n.dir });
      servers.push(child);
    }
    for (const [i, n] of nodes.entries()) {
      await waitFor(() => servers[i].exitCode !== null || client(n, ['--query', 'SELECT 1']).status === 0, `clickhouse shard ${i}`, 60000);
      if (servers[i].exitCode !== null) throw new Error(`clickhouse shard ${i} exited (${n.dir}/error.log)`);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  const run = (node, sql, input) => {
    const r = client(node, ['--multiquery', '--query', sql], input);
    if (r.status !== 0) throw new Error(`clickhouse-client: ${r.stderr}`);
    return r.stdout;
  };
  return {
    nodes,
    // On every shard (DDL), or on one (a query through the Distributed table).
    runAll: (sql) => nodes.map((n) => run(n, sql)),
    run: (sql, input, shard = 0) => run(nodes[shard], sql, input),
    version: () => run(nodes[0], 'SELECT version()').trim(),
    stop: stopAll,
  };
}
