// docs/meeting.md — a URL hand-off: the host's own video product opens in a new tab, at a room
// named from the session's ids. Nothing of the call runs in the SDK.
import { UrlMeetingAdapter } from '@virtual-clinic/sdk';

export const urlHandOff = new UrlMeetingAdapter({
  // Ids only: never a name or anything a patient said in the URL (it lands in logs and history).
  url: ({ sessionId, role }) => `https://video.clinic.example/rooms/${encodeURIComponent(sessionId)}?as=${role}`,
  autoOpen: true,
});

// In the page: document.querySelector('vc-waiting-room').meetingAdapter = urlHandOff;
