/** The answer shape a question asks for and the check of a candidate result against it. */
export { expectedShape, type ExpectedShape } from './expected';
export { shapeProblem } from './check';
