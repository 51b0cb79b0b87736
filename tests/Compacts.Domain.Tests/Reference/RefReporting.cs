namespace Compacts.Domain.Tests.Reference;

/// <summary>The compact's reporting rules (spec defaults: 5, 17:00, 0.5, 10).</summary>
public sealed record RefReporting(int DueDay, TimeOnly DueTime, BigRational LatePenalty, int FinalizeAfterDays);
