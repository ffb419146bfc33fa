import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundPolicy } from '../../../electron/main/security/outboundAddresses';
import { signIn, startTempServer } from '../../support/tempServer';
import { cleanup, ok, type TestServer } from './fixtures';

interface TestResult { ok: boolean; code?: string; message: string; hint?: string }

/** An internal service on loopback that must never be reached through a data source. */
async function internalService(): Promise<{ port: number; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/hop')) {
      res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/secret` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('[{"secret":"internal-only"}]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('outbound address policy (unit)', () => {
  const policy = new OutboundPolicy();
  it('refuses every non-public address family and spelling the resolver can return', () => {
    for (const address of ['127.0.0.1', '127.255.255.254', '0.0.0.0', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.100.100.200', '224.0.0.1', '255.255.255.255',
      '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', 'fd00::1', 'fd00:ec2::254', 'fe80::1', 'fec0::1', '64:ff9b::7f00:1', '2002:7f00:1::1', 'ff02::1']) {
      expect(policy.allowsAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111']) expect(policy.allowsAddress(address), address).toBe(true);
  });

  it('lets an administrator list host names, addresses and ranges', () => {
    const listed = new OutboundPolicy(['Internal.Example', '10.0.0.0/8', '::1', '[fd00::5]']);
    expect(listed.allowsName('internal.example')).toBe(true);
    expect(listed.allowsName('other.example')).toBe(false);
    expect(listed.allowsAddress('10.20.30.40')).toBe(true);
    expect(listed.allowsAddress('::ffff:10.0.0.1')).toBe(true);
    expect(listed.allowsAddress('::1')).toBe(true);
    expect(listed.allowsAddress('fd00::5')).toBe(true);
    expect(listed.allowsAddress('192.168.0.1')).toBe(false);
  });
});

/** An administrator using a REST source to reach the server's own network. */
describe('REST sources cannot reach internal addresses', () => {
  let server: TestServer;
  let admin: string;
  let internal: Awaited<ReturnType<typeof internalService>>;

  beforeAll(async () => {
    internal = await internalService();
    server = await startTempServer(undefined, { AISER_NO_DEMO: '1', AISER_OUTBOUND_ALLOW: 'localhost' });
    admin = await signIn(server.url);
  });
  afterAll(async () => {
    await cleanup(server);
    await internal?.close();
  });

  const probe = (url: string) => ok<TestResult>(server, 'sources/test', { config: { type: 'rest', url } }, admin);

  it('refuses loopback, unspecified and mapped addresses in every spelling, without connecting', async () => {
    const port = internal.port;
    const spellings = ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '0.0.0.0', '0', '[::1]', '[::ffff:127.0.0.1]', '[0:0:0:0:0:ffff:7f00:1]', '127.0.0.1.nip.invalid'];
    for (const host of spellings) {
      const result = await probe(`http://${host}:${port}/data`);
      expect(result, host).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
    }
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/latest/meta-data/', 'http://10.0.0.1/', 'http://192.168.0.1/']) {
      expect(await probe(url), url).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
    }
    expect(internal.hits).toEqual([]);
  });

  it('a listed host is reachable, but a redirect from it to an unlisted internal address is not followed there', async () => {
    expect(await probe(`http://localhost:${internal.port}/data`)).toMatchObject({ ok: true });
    internal.hits.length = 0;
    const redirected = await probe(`http://localhost:${internal.port}/hop`);
    expect(redirected).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
    expect(internal.hits).toEqual(['/hop']);
  });

  it('answers the same for an open internal port and a closed one (no port scanning)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => { closed.close(() => resolve()); });
    const open = await probe(`http://127.0.0.1:${internal.port}/`);
    const shut = await probe(`http://127.0.0.1:${closedPort}/`);
    const strip = (r: TestResult) => ({ ...r, message: r.message.replace(String(internal.port), 'PORT').replace(String(closedPort), 'PORT') });
    expect(strip(open)).toEqual(strip(shut));
  });
});
