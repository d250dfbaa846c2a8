import { Injectable } from '@angular/core';

/** Stands in for your sign-in: the signed-in user's current access token. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  // The demo's token comes from the page's address; yours from your identity provider's SDK.
  accessToken(): string | null {
    return new URLSearchParams(location.search).get('token');
  }
}
