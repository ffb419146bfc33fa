/** Fixed vocabularies the demo dataset is drawn from: regions, company names, products. */

export interface RegionProfile {
  id: number;
  name: string;
  /** Share of the business in the first year. */
  weight: number;
  /** Yearly growth of order volume; differs by region so regional comparisons are interesting. */
  yearlyGrowth: number;
  emailDomainSuffixes: readonly string[];
}

export const REGIONS: readonly RegionProfile[] = [
  { id: 1, name: 'North America', weight: 0.38, yearlyGrowth: 0.08, emailDomainSuffixes: ['com', 'us', 'ca'] },
  { id: 2, name: 'Europe', weight: 0.27, yearlyGrowth: 0.1, emailDomainSuffixes: ['eu', 'de', 'fr', 'co.uk'] },
  { id: 3, name: 'Asia Pacific', weight: 0.18, yearlyGrowth: 0.3, emailDomainSuffixes: ['com.au', 'sg', 'jp', 'in'] },
  { id: 4, name: 'Latin America', weight: 0.1, yearlyGrowth: 0.18, emailDomainSuffixes: ['com.br', 'mx', 'cl'] },
  { id: 5, name: 'Middle East & Africa', weight: 0.07, yearlyGrowth: 0.14, emailDomainSuffixes: ['ae', 'co.za', 'com'] },
];

export type Segment = 'Enterprise' | 'Mid-Market' | 'SMB';

export interface SegmentProfile {
  name: Segment;
  /** Share of customers in this segment. */
  customerShare: number;
  /** Share of orders placed by this segment (bigger companies order more often). */
  orderShare: number;
  /** Range of units per order line. */
  quantity: readonly [number, number];
  /** Possible line discounts (fractions); repeated values make them more likely. */
  discounts: readonly number[];
  /** Channel weights: Online, Retail, Partner. */
  channelWeights: readonly [number, number, number];
}

export const CHANNELS = ['Online', 'Retail', 'Partner'] as const;

export const SEGMENTS: readonly SegmentProfile[] = [
  { name: 'Enterprise', customerShare: 0.12, orderShare: 0.22, quantity: [4, 30], discounts: [0.05, 0.1, 0.1, 0.15, 0.2], channelWeights: [0.2, 0.1, 0.7] },
  { name: 'Mid-Market', customerShare: 0.33, orderShare: 0.36, quantity: [2, 12], discounts: [0, 0, 0.05, 0.05, 0.1], channelWeights: [0.45, 0.2, 0.35] },
  { name: 'SMB', customerShare: 0.55, orderShare: 0.42, quantity: [1, 4], discounts: [0, 0, 0, 0, 0.05], channelWeights: [0.65, 0.3, 0.05] },
];

export const COMPANY_NAME_STEMS: readonly string[] = [
  'Acorn', 'Alder', 'Apex', 'Arbor', 'Aster', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Bluefin',
  'Boulder', 'Brightwater', 'Cascade', 'Cedar', 'Cobalt', 'Copper', 'Coral', 'Crescent', 'Crestline', 'Delta',
  'Driftwood', 'Ember', 'Evergreen', 'Falcon', 'Fernhill', 'Foxglove', 'Granite', 'Harbor', 'Hawthorn', 'Highland',
  'Horizon', 'Ironwood', 'Juniper', 'Keystone', 'Lakeside', 'Lantern', 'Maple', 'Meridian', 'Mesa', 'Northstar',
  'Oakridge', 'Orchid', 'Pinecrest', 'Quartz', 'Redwood', 'Ridgeway', 'Riverbend', 'Sagebrush', 'Sequoia', 'Silverline',
  'Skyline', 'Solstice', 'Summit', 'Sunrise', 'Tidewater', 'Timberline', 'Trident', 'Vantage', 'Willow', 'Zenith',
];

export const COMPANY_NAME_TRADES: readonly string[] = [
  'Analytics', 'Architects', 'Biotech', 'Builders', 'Capital', 'Clinics', 'Consulting', 'Dental Group', 'Design Studio', 'Energy',
  'Engineering', 'Foods', 'Freight', 'Health', 'Hospitality', 'Insurance', 'Labs', 'Law Partners', 'Logistics', 'Manufacturing',
  'Media', 'Outfitters', 'Pharma', 'Properties', 'Robotics', 'Software', 'Solutions', 'Systems', 'Textiles', 'Ventures',
];

/** Legal suffixes; the comma forms ("…, Inc.") are realistic and exercise CSV quoting. */
export const COMPANY_LEGAL_SUFFIXES: readonly string[] = [
  '', '', '', 'Inc.', 'LLC', 'Ltd', 'GmbH', 'Group', 'Co.', ', Inc.', ', Ltd.', 'Holdings',
];

export const CONTACT_FIRST_NAMES: readonly string[] = [
  'Aisha', 'Ana', 'Ben', 'Carlos', 'Chen', 'Daniel', 'Elena', 'Fatima', 'Grace', 'Hiro',
  'Ines', 'James', 'Julia', 'Kwame', 'Lars', 'Leila', 'Lucas', 'Maria', 'Mei', 'Noah',
  'Olivia', 'Omar', 'Priya', 'Rafael', 'Sara', 'Sofia', 'Tom', 'Wei', 'Yuki', 'Zoe',
];

export const CONTACT_LAST_NAMES: readonly string[] = [
  'Adeyemi', 'Andersson', 'Bianchi', 'Brown', 'Costa', 'Dubois', 'Fischer', 'Garcia', 'Haddad', 'Ivanova',
  'Johnson', 'Kim', 'Kowalski', 'Lopez', 'Martin', 'Mehta', 'Müller', 'Nakamura', 'Novak', 'Okafor',
  'Patel', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Smith', 'Tanaka', 'Walker', 'Wang', 'Yilmaz',
];

export interface ProductEntry {
  name: string;
  category: string;
  /** List price in cents. */
  unitPriceCents: number;
  /** How often the product appears on order lines, relative to the others. */
  popularity: number;
}

/** Gross margin by category: unit_cost = unit_price × (1 − margin). */
export const CATEGORY_MARGINS: Readonly<Record<string, number>> = {
  Laptops: 0.18,
  Monitors: 0.24,
  Accessories: 0.45,
  Networking: 0.32,
  Software: 0.82,
  Furniture: 0.38,
  Services: 0.55,
};

export const PRODUCTS: readonly ProductEntry[] = [
  { name: 'ProBook 14 Laptop', category: 'Laptops', unitPriceCents: 109_900, popularity: 6 },
  { name: 'ProBook 16 Laptop', category: 'Laptops', unitPriceCents: 139_900, popularity: 4 },
  { name: 'AirLite 13 Ultrabook', category: 'Laptops', unitPriceCents: 124_900, popularity: 4 },
  { name: 'WorkStation X1 Mobile', category: 'Laptops', unitPriceCents: 249_900, popularity: 1.5 },
  { name: 'EduBook 11 Chromebook', category: 'Laptops', unitPriceCents: 32_900, popularity: 3 },
  { name: 'UltraView 24" Monitor', category: 'Monitors', unitPriceCents: 18_900, popularity: 6 },
  { name: 'UltraView 27" Monitor', category: 'Monitors', unitPriceCents: 29_900, popularity: 5 },
  { name: 'UltraView 32" 4K Monitor', category: 'Monitors', unitPriceCents: 54_900, popularity: 2.5 },
  { name: 'CurveMax 34" Ultrawide', category: 'Monitors', unitPriceCents: 69_900, popularity: 1.5 },
  { name: 'Portable 15.6" Display', category: 'Monitors', unitPriceCents: 22_900, popularity: 2 },
  { name: 'Wireless Keyboard & Mouse Set', category: 'Accessories', unitPriceCents: 5_900, popularity: 9 },
  { name: 'Ergonomic Mouse', category: 'Accessories', unitPriceCents: 3_900, popularity: 8 },
  { name: 'Noise-Cancelling Headset', category: 'Accessories', unitPriceCents: 14_900, popularity: 6 },
  { name: 'HD Webcam 1080p', category: 'Accessories', unitPriceCents: 7_900, popularity: 6 },
  { name: 'USB-C Docking Station', category: 'Accessories', unitPriceCents: 19_900, popularity: 6 },
  { name: 'Laptop Backpack, 15"', category: 'Accessories', unitPriceCents: 6_900, popularity: 4 },
  { name: 'USB-C Charger 100W', category: 'Accessories', unitPriceCents: 4_900, popularity: 5 },
  { name: 'Office Wi-Fi 6 Access Point', category: 'Networking', unitPriceCents: 27_900, popularity: 3 },
  { name: '24-Port Managed Switch', category: 'Networking', unitPriceCents: 44_900, popularity: 2 },
  { name: 'Small Business Firewall', category: 'Networking', unitPriceCents: 79_900, popularity: 1.5 },
  { name: 'Mesh Router Kit (3-pack)', category: 'Networking', unitPriceCents: 34_900, popularity: 2 },
  { name: 'Cat6 Patch Cable Bundle', category: 'Networking', unitPriceCents: 2_900, popularity: 4 },
  { name: 'Office Suite Annual License', category: 'Software', unitPriceCents: 12_900, popularity: 7 },
  { name: 'Endpoint Security Annual License', category: 'Software', unitPriceCents: 6_900, popularity: 6 },
  { name: 'Cloud Backup 1 TB Annual Plan', category: 'Software', unitPriceCents: 9_900, popularity: 4 },
  { name: 'Design Suite Annual License', category: 'Software', unitPriceCents: 59_900, popularity: 2 },
  { name: 'Project Tracker Team Plan', category: 'Software', unitPriceCents: 29_900, popularity: 2.5 },
  { name: 'Sit-Stand Desk', category: 'Furniture', unitPriceCents: 49_900, popularity: 3 },
  { name: 'Ergonomic Task Chair', category: 'Furniture', unitPriceCents: 32_900, popularity: 3.5 },
  { name: 'Monitor Arm, Dual', category: 'Furniture', unitPriceCents: 11_900, popularity: 3 },
  { name: 'Acoustic Phone Booth', category: 'Furniture', unitPriceCents: 589_900, popularity: 0.3 },
  { name: 'Device Setup Service', category: 'Services', unitPriceCents: 4_900, popularity: 4 },
  { name: 'Extended Warranty, 3 Years', category: 'Services', unitPriceCents: 14_900, popularity: 4 },
  { name: 'On-Site Support Day', category: 'Services', unitPriceCents: 89_900, popularity: 1 },
  { name: 'Network Installation Package', category: 'Services', unitPriceCents: 149_900, popularity: 0.7 },
];

/** Relative order volume by calendar month: a summer dip and a strong Q4 (budget flush). */
export const MONTH_SEASONALITY: readonly number[] = [
  0.85, 0.88, 1.0, 0.97, 0.95, 0.9, 0.68, 0.7, 0.92, 1.1, 1.3, 1.45,
];

/** Relative order volume by weekday, Sunday first: a B2B seller is quiet at weekends. */
export const WEEKDAY_FACTORS: readonly number[] = [0.35, 1.05, 1.1, 1.1, 1.05, 1.0, 0.45];
