/**
 * The line that tells a limiter apart from connector errors: 429 answers are the target's
 * rate limiter at work (its capacity is fine, its admission policy is the bottleneck). They stay
 * inside status4xx and the error rate of the run record; this says what they were.
 */
export function describeRateLimited(rateLimited: number, sent: number, sourceAddresses: readonly string[]): string {
  const share = sent > 0 ? ` (${((rateLimited / sent) * 100).toFixed(1)} % of ${sent} attempts)` : '';
  const spread = sourceAddresses.length
    ? `Sent from ${sourceAddresses.length} source addresses (${sourceAddresses[0]}…${sourceAddresses.at(-1)}): lower the rate or give engine.sourceAddresses a lower maxRatePerAddress.`
    : 'All attempts came from one source address: spread them (--preset rate-limited-bot, or engine.sourceAddresses in a preset file) or lower --rate.';
  return `rate-limited by target: ${rateLimited} webhook attempts answered 429 Too Many Requests${share}. The target's per-client limiter is the bottleneck, not its webhook handling; these are counted as 4xx in the error-rate gate. ${spread}`;
}
