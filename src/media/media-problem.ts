/**
 * Why a camera or microphone is not working, in the words a user can act on. The browser's error
 * names differ between browsers and versions; this is the one place that knows them.
 */
/**
 * `blocked-by-page`: the page's permissions policy forbids the device (an `<iframe>` without
 * `allow="camera; microphone"`): only the embedding page can lift it, not the user (issue 16 case 9).
 */
export const MEDIA_PROBLEMS = ['permission-denied', 'blocked-by-page', 'no-device', 'device-in-use', 'insecure', 'unsupported', 'failed'] as const;
export type MediaProblem = (typeof MEDIA_PROBLEMS)[number];

const BY_ERROR_NAME: Readonly<Record<string, MediaProblem>> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied', // old Chrome
  SecurityError: 'permission-denied', // blocked by a permissions policy (an iframe without allow="camera")
  NotFoundError: 'no-device',
  DevicesNotFoundError: 'no-device', // old Chrome
  OverconstrainedError: 'no-device', // the chosen device is gone
  NotReadableError: 'device-in-use', // another program holds it (Windows), or the hardware failed
  TrackStartError: 'device-in-use', // old Chrome
  AbortError: 'device-in-use', // Firefox: the device could not be started
};

export function mediaProblemOf(error: unknown): MediaProblem {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return (typeof name === 'string' && BY_ERROR_NAME[name]) || 'failed';
}
