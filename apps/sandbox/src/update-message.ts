import type { SandboxContext } from './sandbox-context.js';
import type { SandboxMessage } from './sandbox-message.js';

/** Changes a stored message and tells subscribers; returns the new state (undefined if it vanished in a reset). */
export function updateMessage(
  context: SandboxContext,
  sid: string,
  patch: Partial<Omit<SandboxMessage, 'sid'>>,
): SandboxMessage | undefined {
  const message = context.messages.update(sid, patch, context.options.now());
  if (message) context.events.emit({ type: 'message.updated', message });
  return message;
}

/** Stores a new message and tells subscribers. */
export function addMessage(context: SandboxContext, message: SandboxMessage): SandboxMessage {
  const stored = context.messages.add(message);
  context.events.emit({ type: 'message.created', message: stored });
  return stored;
}
