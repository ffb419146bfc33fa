// Public API of the analytics library: pure, deterministic numeric code (no I/O). Statistics follow
// R's conventions so results can be compared with established software.

// Descriptive statistics
export { describe, mean, median, quantile, sd, variance, mad, averageRanks, type Descriptive } from './stats/descriptive';

// Significance tests, effect sizes, multiple testing
export { AnalyticsInputError, type TestResult } from './stats/types';
export { STAT_TESTS, runTest, isStatTestName, type StatTest, type StatTestName, type TestSpec, type TestInput } from './stats/registry';
export { welchT, cohensD } from './stats/tests/welchT';
export { mannWhitney, rankBiserial } from './stats/tests/mannWhitney';
export { chiSquare, fisherExact, independenceTest, cramersV, expectedCounts } from './stats/tests/contingency';
export { twoProportions, twoProportionsFromCounts } from './stats/tests/proportions';
export { pearson, spearman, correlation } from './stats/tests/correlation';
export { benjaminiHochberg } from './stats/multipleTesting';
export { compareSegments, type SegmentComparison, type SegmentSample } from './stats/segments';

// Time series basics
export { timeAxis, type TimeAxis } from './series/axis';
export { detectFrequency, nextDates, type Frequency } from './series/time';
export { detectSeason, detectSeasonalities, isSeasonal, mainPeriod } from './series/seasonality';
export { decompose, type Decomposition } from './series/decompose';

// Anomalies
export { detectAnomalies, MIN_ANOMALY_POINTS, type Anomaly, type AnomalyMethodName, type AnomalyOptions, type AnomalyResult } from './anomalies/detect';
export { POINT_METHODS, type PointMethod, type PointMethodName } from './anomalies/methods';

// Forecasting
export { forecast, MIN_FORECAST_POINTS, type ForecastOptions, type ForecastPoint, type ForecastResult } from './forecast/forecast';
export { FORECAST_MODELS, FORECAST_METHODS, type ForecastMethod } from './forecast/registry';
export type { FittedModel, ForecastModel } from './forecast/types';
export { smape, mase, maseScale } from './forecast/accuracy';
export { parseHorizon, type ParsedHorizon } from './forecast/horizon';

// Drivers: root cause and what-if
export { rootCause, type RootCauseInput, type RootCauseResult, type SegmentContribution, type DimensionDrivers, type Row } from './drivers/rootCause';
export { comparisonPeriod, type Comparison, type DateRange } from './drivers/periods';
export { whatIf, parsePercentChange, type WhatIfInput, type WhatIfResult, type PartChange } from './drivers/whatIf';
