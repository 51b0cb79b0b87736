namespace Compacts.Functions.Reviews;

/// <summary>Whose report a review or explanation is about, and who sends it.</summary>
public sealed record ReviewScope(Caller Caller, string CompactId, Compact Compact, CompactCalendar Calendar, Period Period, string UnitId);
