/**
 * The registering entry: importing it defines every Virtual Clinic tag as `vc-*` (skipping, with
 * one warning, any name already taken by another copy of the SDK). A host that wants its own
 * prefix imports the side-effect-free entry and calls `defineVirtualClinic({ prefix })` instead.
 */
import { defineVirtualClinic } from './define-virtual-clinic.js';

export * from './index.js';

defineVirtualClinic();
