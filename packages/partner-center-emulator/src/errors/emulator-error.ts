/**
 * An error the emulator answers with: an HTTP status, a JSON body already in the right wire shape
 * (Partner Center, throttling, Graph or token endpoint) and extra headers. Engine functions throw it;
 * the protocol layer renders it. Built only by the factories in this folder.
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body !== null && 'description' in body ? String((body as { description: unknown }).description) : `HTTP ${status}`);
    this.name = 'EmulatorError';
  }
}
