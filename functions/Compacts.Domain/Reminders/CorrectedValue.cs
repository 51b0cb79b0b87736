namespace Compacts.Domain.Reminders;

/// <summary>One corrected criterion of a confirm: the reported value, the confirmed one (null: none, e.g. an adjustment removed), the reviewer's comment.</summary>
public sealed record CorrectedValue(string CriterionId, ReportValue? Old, ReportValue? New, string? Comment);
