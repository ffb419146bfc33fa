import type { ComponentType } from 'react';
import ReactApexChartModule, { type Props } from 'react-apexcharts';

/** react-apexcharts ships CommonJS (`exports.default`); depending on the bundler's interop the
 *  default import is the component or the module object holding it. */
const moduleValue = ReactApexChartModule as unknown as ComponentType<Props> | { default: ComponentType<Props> };
export const ApexChart: ComponentType<Props> = 'default' in moduleValue ? moduleValue.default : moduleValue;
