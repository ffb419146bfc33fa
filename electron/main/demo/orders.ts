/**
 * Generates orders and their lines day by day. Volume per region follows the region's share and
 * growth, the calendar month (summer dip, Q4 peak) and the weekday, scaled so that any period
 * yields roughly TARGET_ORDERS orders and the files stay small.
 */
import {
  CHANNELS, MONTH_SEASONALITY, PRODUCTS, REGIONS, SEGMENTS, WEEKDAY_FACTORS,
  type ProductEntry, type RegionProfile,
} from './catalogs';
import { dayParts, type DemoPeriod } from './calendar';
import type { DemoCustomer } from './customers';
import type { SeededRandom } from './prng';

export type OrderStatus = 'completed' | 'cancelled' | 'returned';

export interface DemoOrder {
  id: number;
  day: number;
  customer: DemoCustomer;
  channel: (typeof CHANNELS)[number];
  status: OrderStatus;
}

export interface DemoOrderItem {
  id: number;
  orderId: number;
  /** 1-based position in PRODUCTS, which is also the product_id. */
  productId: number;
  quantity: number;
  unitPriceCents: number;
  discount: number;
  amountCents: number;
}

const TARGET_ORDERS = 30_000;
const CANCELLED_SHARE = 0.05;
const RETURNED_SHARE = 0.03;
/** Probability of an order having 1, 2, 3 or 4 lines. */
const LINE_COUNT_WEIGHTS: Readonly<Record<number, number>> = { 1: 0.45, 2: 0.3, 3: 0.17, 4: 0.08 };
const LINE_COUNTS = [1, 2, 3, 4];
/** Big-ticket items are bought in smaller quantities than a segment's usual range. */
const BIG_TICKET_CENTS = 200_000;

export function generateOrders(
  random: SeededRandom, period: DemoPeriod, customers: readonly DemoCustomer[],
): { orders: DemoOrder[]; items: DemoOrderItem[] } {
  const scale = TARGET_ORDERS / expectedOrderVolume(period);
  const pools = new CustomerPools(customers);
  const orders: DemoOrder[] = [];
  const items: DemoOrderItem[] = [];
  for (let day = period.firstDay; day <= period.lastDay; day++) {
    pools.admitUntil(day);
    for (const region of REGIONS) {
      const count = random.poisson(scale * relativeVolume(region, day, period));
      for (let n = 0; n < count; n++) {
        const segment = random.weighted(SEGMENTS, (s) => s.orderShare);
        const customer = random.pick(pools.eligible(region, segment.name));
        const order: DemoOrder = {
          id: orders.length + 1,
          day,
          customer,
          channel: random.weighted(CHANNELS, (c) => segment.channelWeights[CHANNELS.indexOf(c)]),
          status: pickStatus(random),
        };
        orders.push(order);
        addOrderLines(random, order, items);
      }
    }
  }
  return { orders, items };
}

function relativeVolume(region: RegionProfile, day: number, period: DemoPeriod): number {
  const { month, weekday } = dayParts(day);
  const years = (day - period.firstDay) / 365;
  return region.weight * (1 + region.yearlyGrowth) ** years * MONTH_SEASONALITY[month - 1] * WEEKDAY_FACTORS[weekday];
}

function expectedOrderVolume(period: DemoPeriod): number {
  let total = 0;
  for (let day = period.firstDay; day <= period.lastDay; day++) {
    for (const region of REGIONS) total += relativeVolume(region, day, period);
  }
  return total;
}

function pickStatus(random: SeededRandom): OrderStatus {
  const draw = random.next();
  if (draw < CANCELLED_SHARE) return 'cancelled';
  if (draw < CANCELLED_SHARE + RETURNED_SHARE) return 'returned';
  return 'completed';
}

function addOrderLines(random: SeededRandom, order: DemoOrder, items: DemoOrderItem[]): void {
  const lineCount = random.weighted(LINE_COUNTS, (count) => LINE_COUNT_WEIGHTS[count]);
  const chosen = new Set<ProductEntry>();
  while (chosen.size < lineCount) chosen.add(random.weighted(PRODUCTS, (p) => p.popularity));
  const segment = order.customer.segment;
  for (const product of chosen) {
    const usualQuantity = random.int(segment.quantity[0], segment.quantity[1]);
    const quantity = product.unitPriceCents >= BIG_TICKET_CENTS ? Math.ceil(usualQuantity / 5) : usualQuantity;
    const discount = random.pick(segment.discounts);
    items.push({
      id: items.length + 1,
      orderId: order.id,
      productId: PRODUCTS.indexOf(product) + 1,
      quantity,
      unitPriceCents: product.unitPriceCents,
      discount,
      amountCents: Math.round(quantity * product.unitPriceCents * (1 - discount)),
    });
  }
}

/** Customers who have signed up by a given day, grouped by region and segment. */
class CustomerPools {
  private readonly pools = new Map<string, DemoCustomer[]>();
  private nextIndex = 0;

  constructor(private readonly bySignup: readonly DemoCustomer[]) {}

  /** Customers must arrive sorted by signup day (generateCustomers guarantees it). */
  admitUntil(day: number): void {
    while (this.nextIndex < this.bySignup.length && this.bySignup[this.nextIndex].signupDay <= day) {
      const customer = this.bySignup[this.nextIndex++];
      const key = poolKey(customer.region.id, customer.segment.name);
      const pool = this.pools.get(key) ?? [];
      pool.push(customer);
      this.pools.set(key, pool);
    }
  }

  eligible(region: RegionProfile, segment: string): DemoCustomer[] {
    const pool = this.pools.get(poolKey(region.id, segment));
    if (!pool?.length) throw new Error(`No ${segment} customer in ${region.name} has signed up yet`);
    return pool;
  }
}

function poolKey(regionId: number, segment: string): string {
  return `${regionId}/${segment}`;
}
