/**
 * The `part` of a control with its state beside its name (issue 19.5): `accept-button busy` while
 * its action is under way, `… disabled` while it does not act. A host styles a state from outside
 * with `::part(accept-button busy)`; inside a dashboard the state parts are forwarded under the
 * tag's prefix like the others (`::part(queue-accept-button queue-busy)`).
 */
export function stateParts(name: string, state: { busy?: boolean; disabled?: boolean }): string {
  return [name, state.busy ? 'busy' : '', state.disabled ? 'disabled' : ''].filter(Boolean).join(' ');
}
