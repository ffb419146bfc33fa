import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which network addresses a data source may make the server connect to. Only public unicast
 * addresses by default: loopback, private, link-local (cloud metadata), carrier-grade NAT,
 * unique-local, multicast, unspecified, reserved and IPv6 forms that embed an IPv4 address are
 * refused however they are spelled (`127.1`, `2130706433`, `[::ffff:127.0.0.1]`…), because the
 * check runs on the address actually connected to. An administrator lists internal hosts that
 * sources may reach (AISER_OUTBOUND_ALLOW: host names, addresses or CIDR ranges).
 */
export class OutboundPolicy {
  private readonly names = new Set<string>();
  private readonly ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];

  constructor(allowed: readonly string[] = []) {
    for (const raw of allowed) {
      const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
      if (!entry) continue;
      if (entry.includes('/')) this.ranges.push(normalizedCidr(entry));
      else if (ipaddr.isValid(entry) && net.isIP(entry)) this.ranges.push(normalizedCidr(`${entry}/${net.isIPv6(entry) ? 128 : 32}`));
      else this.names.add(entry);
    }
  }

  /** A host name (as in the URL) an administrator listed: its addresses are not checked. */
  allowsName(hostname: string): boolean {
    return this.names.has(bare(hostname).toLowerCase());
  }

  /** A resolved address that may be connected to: public, or inside a listed range. */
  allowsAddress(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    if (parsed.range() === 'unicast') return true;
    return this.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  }
}

function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

function normalizedCidr(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    const [address, bits] = ipaddr.parseCIDR(entry);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) return [(address as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)];
    return [address, bits];
  } catch {
    throw Object.assign(new Error(`AISER_OUTBOUND_ALLOW: "${entry}" is neither a host name, an address nor a CIDR range.`), { name: 'ConfigError' });
  }
}

/** Parses the administrator's list (comma or whitespace separated). */
export function outboundPolicyFrom(list: string | undefined): OutboundPolicy {
  return new OutboundPolicy((list ?? '').split(/[\s,]+/).filter(Boolean));
}
