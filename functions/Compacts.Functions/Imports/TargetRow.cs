namespace Compacts.Functions.Imports;

/// <summary>One unit's target (and baseline) for a quantitative criterion.</summary>
public sealed record TargetRow(string CriterionId, string UnitId, decimal Target, decimal? Baseline);
