import { createConnection, createServer, type Socket } from "node:net";

export interface ResetProxy {
  url: string;
  /** Reset the connection of the next `count` requests whose `METHOD /path` matches. */
  resetNext(pattern: RegExp, count: number): void;
  /** Requests reset so far, as `METHOD /path`. */
  resets: string[];
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a loopback HTTP server that can cut a connection the moment a chosen
 * request arrives: the client has sent its request and gets a TCP reset instead of an answer,
 * as on a flaky network. Requests are recognised by the request line at the start of a chunk.
 */
export async function startResetProxy(target: string): Promise<ResetProxy> {
  const { hostname, port } = new URL(target);
  const rules: { pattern: RegExp; left: number }[] = [];
  const resets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(upstream);
    const cut = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString("latin1", 0, Math.min(chunk.length, 2048)));
      const request = line ? `${line[1]} ${line[2]!.split("?")[0]}` : null;
      const rule = request === null ? undefined : rules.find((r) => r.left > 0 && r.pattern.test(request));
      if (rule && request !== null) {
        rule.left--;
        resets.push(request);
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => sockets.delete(client));
    upstream.on("close", () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const proxyPort = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    resetNext(pattern, count) {
      rules.push({ pattern, left: count });
    },
    resets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
