/** Waits for every promise to settle (statements queued on one transaction must all have finished
 *  before it rolls back), then returns their values in order or throws the first failure. */
export async function allFinished<T>(promises: Iterable<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
