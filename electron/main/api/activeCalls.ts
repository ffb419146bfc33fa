/** Streaming calls in flight, so `ops/cancel` (or a closed connection) can abort them. */
export class ActiveCalls {
  private readonly calls = new Map<string, AbortController>();

  private static key(sessionId: string, requestId: string): string {
    return `${sessionId}\u0000${requestId}`;
  }

  register(sessionId: string, requestId: string, controller: AbortController): () => void {
    const key = ActiveCalls.key(sessionId, requestId);
    this.calls.set(key, controller);
    return () => {
      if (this.calls.get(key) === controller) this.calls.delete(key);
    };
  }

  cancel(sessionId: string, requestId: string): boolean {
    const controller = this.calls.get(ActiveCalls.key(sessionId, requestId));
    if (!controller) return false;
    controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
    return true;
  }

  get size(): number {
    return this.calls.size;
  }
}
