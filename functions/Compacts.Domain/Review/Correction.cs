namespace Compacts.Domain.Review;

/// <summary>One figure a confirm corrected, for the "corrected" mail: the reported value and the reviewer's (null: none / removed).</summary>
public sealed record Correction(string CriterionId, ReportValue? Old, ReportValue? New, string? Comment);
