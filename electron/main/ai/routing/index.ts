/** Routing between the offline engine and language models: by the question's complexity, and
 *  the prompt's context budget by the model's context window. */
export { assessComplexity, chooseRoute, requiredConfidence, BASE_CONFIDENCE_THRESHOLD, type Complexity, type RouteChoice } from './complexity';
export { contextBudgetFor, contextWindowOf, DEFAULT_CONTEXT_WINDOW, MAX_CONTEXT_BUDGET, MIN_CONTEXT_BUDGET, REPLY_TOKENS } from './contextWindow';
