import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ProviderScreenComponent } from './provider-screen.component';
import { RequesterScreenComponent } from './requester-screen.component';

// Zoneless: signals and the template's event bindings drive change detection; no zone.js.
const providers = [provideZonelessChangeDetection()];
const screen = new URLSearchParams(location.search).get('screen');
if (screen === 'requester') void bootstrapApplication(RequesterScreenComponent, { providers });
else void bootstrapApplication(ProviderScreenComponent, { providers });
