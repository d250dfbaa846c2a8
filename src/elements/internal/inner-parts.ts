/**
 * The parts of the tags that the dashboards contain, so that a dashboard forwards them with
 * `exportparts` under a prefix (`providers-request-button` is the provider list's
 * `request-button`): a host styles a tag inside a dashboard as it would the tag alone. A test
 * checks this list against each tag's JSDoc header (custom-elements.json).
 */
import type { TagSuffix } from './inner-tags.js';

export const INNER_PARTS = {
  'connection-status': {
    prefix: 'connection',
    parts: ['base', 'indicator', 'label'],
  },
  'decline-notices': {
    prefix: 'notices',
    parts: ['base', 'list', 'notice', 'message', 'service', 'note', 'note-label', 'next-steps', 'request-again-button', 'request-other-button', 'notify-button', 'dismiss-button', 'busy', 'disabled', 'error'],
  },
  'provider-list': {
    prefix: 'providers',
    parts: ['base', 'heading', 'filter', 'filter-input', 'no-match', 'list', 'item', 'name', 'specialty', 'availability', 'service-field', 'service-select', 'request-button', 'pending', 'busy', 'disabled', 'position', 'cancel-button', 'notify-button', 'available-notice', 'error', 'empty'],
  },
  'request-queue': {
    prefix: 'queue',
    parts: ['base', 'heading', 'list', 'item', 'new', 'new-badge', 'overdue', 'overdue-badge', 'requester', 'service', 'waited', 'requested-at', 'actions', 'busy', 'disabled', 'accept-button', 'accept-enter-button', 'decline-button', 'decline-form', 'note-label', 'note', 'note-help', 'note-count', 'confirm', 'send-decline-button', 'keep-button', 'error', 'empty', 'loading'],
  },
  'session-list': {
    prefix: 'sessions',
    parts: ['base', 'heading', 'list', 'item', 'title', 'service', 'created', 'participants', 'participant', 'participant-status', 'self', 'self-status', 'actions', 'enter-button', 'leave-button', 'busy', 'disabled', 'error', 'empty'],
  },
  'waiting-room': {
    prefix: 'waiting-room',
    parts: ['base', 'title', 'service', 'status', 'told', 'waited', 'device-check', 'check-button', 'media', 'preview-frame', 'preview', 'preview-placeholder', 'meter', 'meter-level', 'devices', 'device-label', 'camera-select', 'microphone-select', 'speaker-select', 'media-messages', 'media-message', 'media-stay', 'retry-button', 'elsewhere', 'elsewhere-message', 'continue-here-button', 'call', 'call-videos', 'remote-video', 'local-video', 'call-status', 'unmute-button', 'call-controls', 'microphone-button', 'camera-button', 'call-device-label', 'call-microphone-select', 'call-camera-select', 'call-speaker-select', 'call-leave-button', 'peer-muted', 'peer-camera-off', 'call-retry-button', 'call-quality', 'call-quality-icon', 'call-message', 'meeting-link', 'participants', 'participant', 'participant-status', 'actions', 'enter-button', 'leave-button', 'busy', 'disabled', 'meeting', 'error'],
  },
  'availability-toggle': {
    prefix: 'availability',
    parts: ['base', 'switch', 'busy', 'track', 'thumb', 'label', 'error', 'name'],
  },
  'alerts': {
    prefix: 'alerts',
    parts: ['base', 'sound-switch', 'sound-blocked', 'notifications-button', 'busy', 'notifications-switch', 'notifications-blocked'],
  },
} as const satisfies Partial<Record<TagSuffix, { prefix: string; parts: readonly string[] }>>;

/** `base: providers-base, list: providers-list, …` for the inner tag `suffix`. */
export function exportPartsOf(suffix: keyof typeof INNER_PARTS): string {
  const { prefix, parts } = INNER_PARTS[suffix];
  return parts.map((part) => `${part}: ${prefix}-${part}`).join(', ');
}
