/**
 * English, the default language, and the list of every string the tags show. The action and
 * status labels are the product's vocabulary (SPEC, "Words the UI uses"): keep them exactly.
 * A translation supplies the same keys (see `registerTranslation`).
 */
import { ERROR_MESSAGES } from '../core/errors/error-codes.js';

type Params = Record<string, string | number>;
export type Message = string | ((params: Params) => string);

const errors = Object.fromEntries(Object.entries(ERROR_MESSAGES).map(([code, text]) => [`error.${code}`, text])) as {
  [K in keyof typeof ERROR_MESSAGES as `error.${K}`]: string;
};

export const en = {
  ...errors,
  'common.loading': 'Loading…',
  'common.working': 'Working…',
  'common.no-clinic': 'This part of the Virtual Clinic is not connected: place it inside <vc-clinic>.',

  'connection.idle': 'Not connected',
  'connection.connecting': 'Connecting…',
  'connection.connected': 'Live',
  'connection.polling': 'Live updates are limited; refreshing every few seconds.',
  'connection.reconnecting': 'Connection lost. Reconnecting…',
  'connection.offline': 'You are offline. Reconnecting when the network returns…',
  'connection.signed-out': 'You are signed out. Sign in again to continue.',

  'providers.label': 'Providers',
  'providers.empty': 'No providers are available to you yet.',
  'providers.available': 'Available',
  'providers.unavailable': 'Unavailable',
  'providers.service': 'Service',
  'providers.service-placeholder': 'Choose a service',
  'providers.request': 'Request Session Now',
  'providers.requesting': 'Requesting…',
  'providers.pending': 'Request pending',
  'providers.waited': ({ duration }) => `Waiting for ${duration}`,
  'providers.cancel': 'Cancel Request',
  'providers.cancelling': 'Cancelling…',
  'providers.sent': ({ provider }) => `Request sent to ${provider}.`,
  'providers.cancelled': ({ provider }) => `Request to ${provider} cancelled.`,

  'queue.label': 'Session requests',
  'queue.empty': 'No one is waiting.',
  'queue.request-from': ({ requester }) => `${requester}`,
  'queue.service': ({ service }) => `(${service})`,
  'queue.waited': ({ duration }) => `Waiting for ${duration}`,
  'queue.accept': 'Accept',
  'queue.accept-and-enter': 'Accept and Enter',
  'queue.decline': 'Decline',
  'queue.note-label': 'Note to the requester (optional)',
  'queue.note-help': ({ max }) => `Up to ${max} characters. The requester will see it.`,
  'queue.send-decline': 'Send Decline',
  'queue.keep': 'Keep Request',
  'queue.confirm-decline': 'Decline this request?',
  'queue.new-request': ({ requester, service }) => (service ? `New session request from ${requester} (${service}).` : `New session request from ${requester}.`),
  'queue.accepted': ({ requester }) => `Accepted the request from ${requester}.`,
  'queue.declined': ({ requester }) => `Declined the request from ${requester}.`,
  'queue.requested-at': ({ time }) => `Requested at ${time}`,
  'queue.new': 'New',
  'queue.accepting': 'Accepting…',
  'queue.declining': 'Declining…',
  'queue.note-count': ({ count, max }) => `${count} of ${max} characters`,
  'queue.decline-form-label': ({ requester }) => `Decline the request from ${requester}`,

  'availability.available': 'I Am Available for Sessions',
  'availability.unavailable': 'I Am Unavailable for Sessions',
  'availability.label': 'Availability for sessions',

  'sessions.label': 'Sessions',
  'sessions.empty': 'No sessions yet.',
  'sessions.with': ({ name }) => `Session with ${name}`,
  'sessions.enter-waiting-room': 'Enter Waiting Room',
  'sessions.enter-meeting': 'Enter Meeting',
  'sessions.leave': 'Leave Session',
  'sessions.entering': 'Entering…',
  'sessions.leaving': 'Leaving…',
  'sessions.created': ({ time }) => `Created at ${time}`,
  'sessions.you': 'You',
  'sessions.other-in-meeting': ({ name }) => `${name} has started the meeting.`,
  'sessions.ended': ({ name }) => `The session with ${name} has ended.`,
  'participant.not-arrived': 'Not Arrived',
  'participant.in-waiting-room': 'In Waiting Room',
  'participant.in-meeting': 'In Meeting',
  'participant.left': 'Left',

  'notice.declined': ({ provider }) => `${provider} declined your request.`,
  'notice.unavailable': ({ provider }) => `${provider} is unavailable for sessions, so your request was declined.`,
  'notice.expired': ({ provider }) => `Your request to ${provider} expired without an answer.`,
  'notice.service': ({ service }) => `(${service})`,
  'notice.note': 'Note from the provider:',
  'notice.dismiss': 'Dismiss',
  'notice.label': 'Declined requests',

  'waiting.label': 'Waiting room',
  'waiting.requester': ({ provider }) => `You are in the waiting room. ${provider} will start the meeting.`,
  'waiting.told': 'Your provider has been told that you are here.',
  'waiting.in-meeting': ({ name }) => `In the meeting with ${name}.`,
  'waiting.provider-ready': ({ name }) => `${name} is in the waiting room.`,
  'waiting.provider-not-yet': ({ name }) => `${name} has not arrived yet.`,
  'waiting.none': 'No session is open.',
  'waiting.waited': ({ duration }) => `Waiting for ${duration}`,

  'dashboard.requester': 'Virtual Clinic',
  'dashboard.provider': 'Virtual Clinic',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, Message>;
