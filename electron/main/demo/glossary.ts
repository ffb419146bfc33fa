/**
 * The business glossary shipped with the demo source, in the semantic.json format the app
 * imports (metrics with SQL expressions over `table.column`s, synonyms, PII columns).
 */
export interface GlossaryMetric {
  name: string;
  synonyms: string[];
  expression: string;
  filter?: string;
  time: string | null;
  format: 'currency' | 'integer' | 'number' | 'percent';
  description?: string;
}

export interface Glossary {
  name: string;
  description: string;
  /** Reference date for relative time ("last quarter"): the day after the last day of data. */
  now: string;
  metrics: GlossaryMetric[];
  synonyms: Record<string, string[]>;
  pii: string[];
}

const NOT_CANCELLED = "orders.status <> 'cancelled'";

export function buildDemoGlossary(now: string): Glossary {
  return {
    name: 'demo',
    description:
      'Demo workspace: a B2B reseller of laptops, monitors, accessories, networking gear, software licenses, ' +
      'office furniture and IT services, selling to companies in five regions online, through retail stores and partners.',
    now,
    metrics: [
      {
        name: 'revenue', synonyms: ['sales', 'net sales', 'turnover', 'income', 'bookings'],
        expression: 'SUM(order_items.amount)', filter: NOT_CANCELLED, time: 'orders.order_date', format: 'currency',
        description: 'Order line amounts after discounts, excluding cancelled orders (returned orders still count).',
      },
      {
        name: 'orders', synonyms: ['order count', 'number of orders', 'purchases', 'deals'],
        expression: 'COUNT(DISTINCT orders.order_id)', filter: NOT_CANCELLED, time: 'orders.order_date', format: 'integer',
      },
      {
        name: 'average order value', synonyms: ['aov', 'avg order value', 'average deal size', 'basket size'],
        expression: 'SUM(order_items.amount) * 1.0 / COUNT(DISTINCT orders.order_id)',
        filter: NOT_CANCELLED, time: 'orders.order_date', format: 'currency',
      },
      {
        name: 'units sold', synonyms: ['units', 'quantity sold', 'items sold', 'volume'],
        expression: 'SUM(order_items.quantity)', filter: NOT_CANCELLED, time: 'orders.order_date', format: 'integer',
      },
      {
        name: 'gross profit', synonyms: ['profit', 'margin', 'gross margin dollars'],
        expression: 'SUM(order_items.amount - order_items.quantity * products.unit_cost)',
        filter: NOT_CANCELLED, time: 'orders.order_date', format: 'currency',
        description: 'Revenue minus the cost of the units sold, excluding cancelled orders.',
      },
      {
        name: 'new customers', synonyms: ['signups', 'customer acquisitions', 'new accounts'],
        expression: 'COUNT(DISTINCT customers.customer_id)', time: 'customers.signup_date', format: 'integer',
      },
    ],
    synonyms: {
      customers: ['clients', 'accounts', 'companies', 'buyers'],
      'customers.customer_name': ['client name', 'account name', 'company'],
      'customers.segment': ['customer segment', 'customer size', 'tier'],
      'customers.signup_date': ['signup date', 'customer since', 'acquisition date'],
      'customers.email': ['contact email', 'e-mail'],
      regions: ['markets', 'territories', 'geographies'],
      'regions.region_name': ['region', 'market', 'territory', 'geography'],
      products: ['items', 'catalog', 'skus'],
      'products.product_name': ['product', 'item', 'sku'],
      'products.category': ['product category', 'product line', 'category'],
      'products.unit_price': ['list price', 'price'],
      'products.unit_cost': ['cost', 'unit cost'],
      orders: ['purchases', 'deals', 'transactions'],
      'orders.order_date': ['date', 'purchase date', 'when'],
      'orders.channel': ['sales channel', 'route to market'],
      'orders.status': ['order status'],
      order_items: ['order lines', 'line items'],
      'order_items.discount': ['discount rate', 'rebate'],
      'order_items.amount': ['line amount', 'line revenue'],
    },
    pii: ['customers.email'],
  };
}
