/** Checks of what callers hand the reply-draft and conversation methods, shared by every implementation. */
import type { ConversationRole } from './conversation-history.js';
import { StoreArgumentError } from './errors.js';
import type { DraftConversationTurn, ReplyDraftMedia } from './reply-drafts.js';

/** Whether `value` is a turn's role; reply drafts check the turns they carry with it too. */
export function isConversationRole(value: unknown): value is ConversationRole {
  return value === 'user' || value === 'assistant';
}

export function requireRole(role: unknown): ConversationRole {
  if (!isConversationRole(role)) {
    throw new StoreArgumentError('role', `expected "user" or "assistant", got ${String(role)}`);
  }
  return role;
}

export function requireParts(parts: unknown): string[] {
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) {
    throw new StoreArgumentError('parts', 'expected an array of strings');
  }
  return [...parts];
}

export function requireConversation(turns: unknown): DraftConversationTurn[] {
  if (turns === undefined) return [];
  if (!Array.isArray(turns)) throw new StoreArgumentError('conversation', 'expected an array of turns');
  return turns.map((turn: unknown) => {
    const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
    if (!isConversationRole(role) || typeof content !== 'string') {
      throw new StoreArgumentError(
        'conversation',
        'expected turns of { role: "user" | "assistant", content }',
      );
    }
    return { role, content };
  });
}

function requireStrings(argument: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new StoreArgumentError(argument, 'expected an array of strings');
  }
  return [...value];
}

/** A draft's media, checked and copied; `undefined` when there are none (no URLs and no tokens is none). */
export function requireDraftMedia(media: unknown): ReplyDraftMedia | undefined {
  if (media === undefined) return undefined;
  if (media === null || typeof media !== 'object' || Array.isArray(media)) {
    throw new StoreArgumentError('media', 'expected { urls: string[], tokens: string[] }');
  }
  const { urls, tokens } = media as { urls?: unknown; tokens?: unknown };
  const checked = {
    urls: requireStrings('media.urls', urls),
    tokens: requireStrings('media.tokens', tokens),
  };
  return checked.urls.length === 0 && checked.tokens.length === 0 ? undefined : checked;
}
