// jstat ships no types; only the functions the analytics library uses are declared.
declare module 'jstat' {
  interface JStatStatic {
    ibeta(x: number, a: number, b: number): number;
    erfc(x: number): number;
    lowRegGamma(a: number, x: number): number;
    gammaln(x: number): number;
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    chisquare: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
  }
  const jStat: JStatStatic;
  export default jStat;
}
