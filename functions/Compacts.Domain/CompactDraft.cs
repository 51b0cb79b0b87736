namespace Compacts.Domain;

// The compact as a client sends it: everything optional, so that every problem is reported by the validator with its field path.

public sealed record CompactDraft(
    string? Title,
    string? Cluster,
    int? Year,
    string? TimeZone,
    string? SignedOn,
    IReadOnlyList<MemberDraft?>? Members,
    ReportingDraft? Reporting,
    IReadOnlyList<ContentDraft?>? Contents,
    ReviewDraft? Review = null,
    string? Place = null,
    string? Status = null);

public sealed record MemberDraft(string? UnitId, string? Role);

public sealed record ReportingDraft(
    int? DueDay,
    string? DueTime,
    NumberLiteral? LatePenalty,
    int? FinalizeAfterDays,
    IReadOnlyList<int>? RemindDaysBefore);

public sealed record ReviewDraft(bool? Required, int? ReviewDays, int? ExplainDays);

public sealed record ContentDraft(string? Id, string? Title, IReadOnlyList<CriterionDraft?>? Criteria);

public sealed record CriterionDraft(
    string? Id,
    string? Title,
    string? Type,
    NumberLiteral? MaxPoints,
    string? Direction,
    string? Measure,
    string? Accrual,
    string? Method,
    IReadOnlyDictionary<string, TargetDraft?>? Targets,
    NumberLiteral? PointsEach,
    NumberLiteral? Min,
    NumberLiteral? Max,
    string? Evidence = null);

public sealed record TargetDraft(NumberLiteral? Target, NumberLiteral? Baseline);
