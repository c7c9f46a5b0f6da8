// A forward HTTP proxy on loopback that passes every request on and writes down what passed
// ("GET /api/products"), so a test can tell which proxy, if any, the app's calls went through.
// Plain HTTP requests are forwarded and recorded; CONNECT tunnels (WebKitWebDriver reaches the app
// through the proxy too when it is in the environment) are opened to loopback only and recorded
// as "CONNECT host:port".

import { createServer, request as httpRequest } from "node:http";
import { connect } from "node:net";

export async function startCountingProxy() {
  const seen = [];
  const server = createServer((request, response) => {
    // A client that uses a proxy sends the whole address: `GET http://127.0.0.1:4010/api/products`.
    let target;
    try {
      target = new URL(request.url);
    } catch {
      response.writeHead(400).end("this is a proxy: send an absolute URL");
      return;
    }
    seen.push(`${request.method} ${target.pathname}`);
    const headers = { ...request.headers };
    delete headers["proxy-connection"];
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on("connect", (request, client, head) => {
    seen.push(`CONNECT ${request.url}`);
    const [host, port] = request.url.split(":");
    if (!["127.0.0.1", "localhost"].includes(host)) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    // WebKitWebDriver asks for the app's automation port before the app listens on it; without a
    // proxy it would retry a refused connection, through one it gives up on a closed tunnel. So
    // the tunnel waits (up to 15 s) for the port to open.
    const deadline = Date.now() + 15_000;
    let upstream = null;
    client.on("error", () => upstream?.destroy());
    const open = () => {
      upstream = connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", (error) => {
        if (error.code === "ECONNREFUSED" && Date.now() < deadline && !client.destroyed) setTimeout(open, 100);
        else client.destroy();
      });
    };
    open();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Every request that passed, as "METHOD /path". */
    seen,
    close: () => server.close(),
  };
}
