import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './net.js';
import { tempDir } from './server.js';

/** Debian's nginx. */
export const NGINX = '/usr/sbin/nginx';

/** nginx on 127.0.0.1 as a load balancer in front of some Lectern nodes. */
export interface TestNginx {
  /** e.g. http://127.0.0.1:41237 */
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The config a deployment would use (docs/scale.md): round robin over the nodes, the websocket upgrade passed
 * through, a node that refuses connections skipped at once.
 */
function configFor(port: number, dir: string, upstreamPorts: readonly number[]): string {
  return `worker_processes 1;
daemon off;
master_process on;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp/body')};
  proxy_temp_path ${join(dir, 'tmp/proxy')};
  fastcgi_temp_path ${join(dir, 'tmp/fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp/uwsgi')};
  scgi_temp_path ${join(dir, 'tmp/scgi')};
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream lectern {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://lectern;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout http_502;
    }
  }
}
`;
}

/** Starts nginx in the foreground with its own config and temp folders, balancing over `upstreamPorts`. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<TestNginx> {
  const port = await freePort();
  const dir = tempDir('lectern-nginx-');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, configFor(port, dir, upstreamPorts));
  let output = '';
  const child: ChildProcess = spawn(NGINX, ['-c', configFile, '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGQUIT');
      await exited;
    },
  };
}
