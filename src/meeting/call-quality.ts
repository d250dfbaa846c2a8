/**
 * The call's quality, from the peer connection's statistics (issue 18 §4): round trip, packet
 * loss and frames received, read every few seconds, turned into good / fair / poor. Figures only:
 * nothing here knows who is in the call.
 */

export const CALL_QUALITY_LEVELS = ['good', 'fair', 'poor'] as const;
export type CallQualityLevel = (typeof CALL_QUALITY_LEVELS)[number];

/** One interval's figures. */
export interface CallQualityFigures {
  /** The selected candidate pair's current round trip, in ms; null before one is measured. */
  roundTripMs: number | null;
  /** Packets lost ÷ packets expected over the interval, audio and video together, in percent (0–100). */
  packetLossPercent: number;
  /** Video frames decoded per second over the interval; null when no video is expected (the other camera is off). */
  framesPerSecond: number | null;
}

/** Cumulative counters of one `getStats()` reading. */
export interface StatsCounters {
  at: number;
  roundTripMs: number | null;
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
}

/**
 * Where the levels change. Round trip: ITU-T G.114 puts one-way delay up to 150 ms as good for
 * conversation (300 ms round trip), 400 ms one way as the limit. Loss: Opus and VP8 hide a
 * couple of percent; beyond ten the picture breaks up. Frames: under 10 per second motion
 * stutters, under 5 a face no longer reads.
 */
export const QUALITY_THRESHOLDS = {
  good: { roundTripMs: 300, packetLossPercent: 2, framesPerSecond: 10 },
  fair: { roundTripMs: 800, packetLossPercent: 10, framesPerSecond: 5 },
} as const;

/** The level of one interval's figures: the worst of its three measures. */
export function qualityLevel(figures: CallQualityFigures): CallQualityLevel {
  const within = (limits: (typeof QUALITY_THRESHOLDS)['good' | 'fair']) =>
    (figures.roundTripMs === null || figures.roundTripMs <= limits.roundTripMs) &&
    figures.packetLossPercent <= limits.packetLossPercent &&
    (figures.framesPerSecond === null || figures.framesPerSecond >= limits.framesPerSecond);
  if (within(QUALITY_THRESHOLDS.good)) return 'good';
  if (within(QUALITY_THRESHOLDS.fair)) return 'fair';
  return 'poor';
}

/** The counters of a `getStats()` report: the selected pair's round trip, every inbound stream's packets and frames. */
export function countersOf(report: RTCStatsReport, at: number): StatsCounters {
  const counters: StatsCounters = { at, roundTripMs: null, packetsReceived: 0, packetsLost: 0, framesDecoded: 0 };
  let selectedPair: string | null = null;
  report.forEach((stat: { type: string; [key: string]: unknown }) => {
    if (stat.type === 'transport' && typeof stat['selectedCandidatePairId'] === 'string') selectedPair = stat['selectedCandidatePairId'];
  });
  report.forEach((stat: { type: string; id: string; [key: string]: unknown }) => {
    if (stat.type === 'candidate-pair') {
      const selected = selectedPair ? stat.id === selectedPair : stat['nominated'] === true && stat['state'] === 'succeeded';
      const rtt = stat['currentRoundTripTime'];
      if (selected && typeof rtt === 'number') counters.roundTripMs = Math.round(rtt * 1000);
    } else if (stat.type === 'inbound-rtp') {
      counters.packetsReceived += Number(stat['packetsReceived'] ?? 0);
      counters.packetsLost += Math.max(0, Number(stat['packetsLost'] ?? 0));
      if (stat['kind'] === 'video') counters.framesDecoded += Number(stat['framesDecoded'] ?? 0);
    }
  });
  return counters;
}

/** The figures between two readings; `expectVideo` false when the other side's camera is off. */
export function figuresBetween(before: StatsCounters, after: StatsCounters, expectVideo: boolean): CallQualityFigures {
  const received = after.packetsReceived - before.packetsReceived;
  const lost = after.packetsLost - before.packetsLost;
  const expected = received + lost;
  const seconds = (after.at - before.at) / 1000;
  return {
    roundTripMs: after.roundTripMs,
    packetLossPercent: expected > 0 ? Math.round((Math.max(0, lost) / expected) * 1000) / 10 : 0,
    framesPerSecond: expectVideo && seconds > 0 ? Math.round(((after.framesDecoded - before.framesDecoded) / seconds) * 10) / 10 : null,
  };
}
