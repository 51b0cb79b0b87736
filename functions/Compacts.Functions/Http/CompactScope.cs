namespace Compacts.Functions.Http;

/// <summary>A request on one compact: who asks, the compact, its calendar, and the month when the route has one.</summary>
public sealed record CompactScope(Caller Caller, string CompactId, Compact Compact, CompactCalendar Calendar, Period Period);
