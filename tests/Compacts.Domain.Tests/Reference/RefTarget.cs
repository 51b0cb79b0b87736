namespace Compacts.Domain.Tests.Reference;

/// <summary>One unit's target for a quantitative criterion; Baseline only for percentChange.</summary>
public sealed record RefTarget(BigRational Target, BigRational? Baseline = null);
