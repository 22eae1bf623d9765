/**
 * The device a Chaser session emulates: `device` in session bodies, and the size of its
 * screenshots. The Sessions API page shows only the Android device; `profile` is an "internal
 * profile label", so the emulator maps the label `desktop` to a desktop device and every other
 * label (including the default) to the documented Android one.
 */
export interface DeviceProfile {
  readonly label: string;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_PROFILE = "default";

export const DEVICES: Readonly<Record<string, DeviceProfile>> = {
  [DEFAULT_PROFILE]: { label: "Android 10 - Chrome 137 (Mobile)", width: 412, height: 915 },
  desktop: { label: "Windows 10 - Chrome 137 (Desktop)", width: 1280, height: 720 },
};

export function deviceForProfile(profile: string): DeviceProfile {
  return DEVICES[profile] ?? DEVICES[DEFAULT_PROFILE]!;
}
