import { provideZoneChangeDetection, provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ProviderScreenComponent } from './provider-screen.component';
import { RequesterScreenComponent } from './requester-screen.component';

// One build, both screens and both kinds of change detection, picked from the page's address
// (`?screen=requester`, `?zone`) so that the docs' test runs each; your app has one of each.
const params = new URLSearchParams(location.search);
const screen = params.get('screen') === 'requester' ? RequesterScreenComponent : ProviderScreenComponent;
if (params.has('zone')) {
  // With zone.js (an app that has it in its `polyfills`): zone.js first, then the zone provider.
  void import('zone.js').then(() => bootstrapApplication(screen, { providers: [provideZoneChangeDetection()] }));
} else {
  // Zoneless (the CLI's default since Angular 21): signals and the template's event bindings
  // drive change detection; no zone.js.
  void bootstrapApplication(screen, { providers: [provideZonelessChangeDetection()] });
}
