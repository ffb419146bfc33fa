export * from './model';
export * from './presets';
export * from './evidence';
export * from './summary';
export * from './build';
export * from './fromInsights';
export * from './insightsPeriod';
