/**
 * The devices the user chose on this page: kept in memory for the page's life only, never in
 * storage, because a front-desk computer is shared and its devices change from day to day.
 */
import { atom } from 'nanostores';

export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';
export type DeviceChoices = Readonly<Partial<Record<DeviceKind, string>>>;

export const $deviceChoices = atom<DeviceChoices>({});

export function chooseDevice(kind: DeviceKind, deviceId: string): void {
  $deviceChoices.set({ ...$deviceChoices.get(), [kind]: deviceId });
}
