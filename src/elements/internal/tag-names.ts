/**
 * The names of every Virtual Clinic tag, without their classes: what the composites need to make
 * an inner tag by name (inner-tags.ts) and what the types derive from. Kept apart from `tags.ts`,
 * which imports every class, so that a composite can name its inner tags without importing them
 * (that import would be a circle: tags.ts → dashboard → tags.ts).
 */
export const TAG_NAMES = [
  'vc-clinic',
  'vc-provider-list',
  'vc-decline-notices',
  'vc-request-queue',
  'vc-availability-toggle',
  'vc-alerts',
  'vc-session-list',
  'vc-waiting-room',
  'vc-connection-status',
  'vc-requester-dashboard',
  'vc-provider-dashboard',
  'vc-idle-guard',
] as const;

/** A tag's name under the default prefix: `vc-provider-list`. */
export type VcTagName = (typeof TAG_NAMES)[number];

/** A tag's name without its prefix: `provider-list` for `vc-provider-list`. */
export type TagSuffix = VcTagName extends `vc-${infer Suffix}` ? Suffix : never;
