/**
 * A failure reason as a person reads it in an e-mail: Microsoft's own description and the hint for
 * what to do, without the operation's name, our error code or the HTTP status that the client puts
 * around them for logs and support ("Partner Center agreements.create failed: <description>
 * (<CODE>; HTTP 400, Microsoft code 600061)."). Any other text is returned as it is.
 */
export function readableReason(message: string): string {
  const m = /^(?:[A-Z][\w ]*? )?[a-z][\w]*(?:\.[\w]+)+ failed: ([\s\S]*?) \([A-Z][A-Z0-9_]*; HTTP \d{3}(?:, Microsoft code [^)]*)?\)\.([\s\S]*)$/.exec(message.trim());
  if (!m) return message;
  const description = /^HTTP \d{3}$/.test(m[1]!.trim()) ? 'Microsoft refused the request.' : m[1]!.trim();
  const sentence = /[.!?]$/.test(description) ? description : `${description}.`;
  const hint = m[2]!.trim();
  return hint ? `${sentence} ${hint}` : sentence;
}
