/** A model fitted to one series, able to forecast and to say how uncertain each step is. */
export interface FittedModel {
  /** e.g. "ETS(A,Ad,M)", "Theta", "Seasonal naive". */
  label: string;
  /** Point forecasts for steps 1…h. */
  forecast(h: number): number[];
  /** Standard deviation of the h-step forecast error for steps 1…h, from the model's own variance. */
  errorSd(h: number): number[];
}

export interface ForecastModel {
  label: string;
  /** Fewest observations the model can be fitted to with this seasonal period. */
  minLength(season: number): number;
  fit(values: readonly number[], season: number): FittedModel;
}
