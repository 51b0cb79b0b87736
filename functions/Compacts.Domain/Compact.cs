namespace Compacts.Domain;

public enum MemberRole { Member, Head, Deputy }

public enum CriterionType { Quantitative, Qualitative, Occurrence, Adjustment }

public enum Direction { Increase, Decrease }

public enum Measure { Absolute, PercentChange }

public enum Accrual { Cumulative, Rate }

public enum ScoringMethod { Linear, LeaderRelative }

/// <summary>What a criterion asks of evidence files (minh chứng); a criterion without the setting asks none.</summary>
public enum EvidenceRule { Required }

/// <summary>A draft (next year's compact being prepared) accepts no reports; an active compact is complete and accepts them.</summary>
public enum CompactStatus { Active, Draft }

/// <summary>A validated compact (giao ước thi đua). Built only by <see cref="CompactValidator"/>.</summary>
public sealed record Compact(
    string Title,
    string Cluster,
    int Year,
    string TimeZone,
    DateOnly? SignedOn,
    IReadOnlyList<Member> Members,
    ReportingRules Reporting,
    IReadOnlyList<Content> Contents)
{
    /// <summary>How reports are reviewed; a compact stored before review existed reads back with the defaults.</summary>
    public ReviewSettings Review { get; init; } = ReviewSettings.Default;

    /// <summary>Where the cluster's documents are dated ("Thanh Hóa, ngày … tháng … năm …"); none: the date line has no place.</summary>
    public string? Place { get; init; }

    /// <summary>Draft or active; a compact stored before drafts existed reads back as active.</summary>
    public CompactStatus Status { get; init; } = CompactStatus.Active;

    public bool IsDraft() => Status == CompactStatus.Draft;

    /// <summary>
    /// What the compact still lacks to become active, in compact order: <c>signedOn</c>, then <c>baseline of {criterionId} for {unitId}</c>
    /// for each percentChange target without last year's figure. Empty for every active compact (the validator refuses one with gaps).
    /// </summary>
    public IReadOnlyList<string> MissingForActivation()
    {
        var missing = new List<string>();
        if (SignedOn is null)
        {
            missing.Add("signedOn");
        }

        foreach (var criterion in AllCriteria().Where(c => c.Measure == Domain.Measure.PercentChange))
        {
            missing.AddRange(criterion.Targets!.Where(t => t.Value.Baseline is null).Select(t => $"baseline of {criterion.Id} for {t.Key}"));
        }

        return missing;
    }

    /// <summary>
    /// The one gate of every write that makes a report revision or a result (reports, reviews, explanations, evidence, standings runs,
    /// ballots, imports): null when the compact accepts them, otherwise what is missing, ending with <c>status active</c>.
    /// </summary>
    public IReadOnlyList<string>? RefusesReports() => IsDraft() ? [.. MissingForActivation(), "status active"] : null;

    public IEnumerable<Criterion> AllCriteria() => Contents.SelectMany(c => c.Criteria);

    public Member? FindMember(string unitId) => Members.FirstOrDefault(m => m.UnitId == unitId);

    public bool IsMember(string unitId) => FindMember(unitId) is not null;

    public string HeadUnitId() => Members.First(m => m.Role == MemberRole.Head).UnitId;

    /// <summary>The deputy head's unit (cụm phó), which reviews the head's own reports; null when the compact names none.</summary>
    public string? DeputyUnitId() => Members.FirstOrDefault(m => m.Role == MemberRole.Deputy)?.UnitId;

    /// <summary>Criteria a unit has to report on: every criterion except quantitative ones without a target for the unit.</summary>
    public IEnumerable<Criterion> CriteriaAssignedTo(string unitId) => AllCriteria().Where(c => c.IsAssignedTo(unitId));
}

public sealed record Member(string UnitId, MemberRole Role);

public sealed record ReportingRules(
    int DueDay,
    TimeOnly DueTime,
    decimal LatePenalty,
    int FinalizeAfterDays,
    IReadOnlyList<int> RemindDaysBefore)
{
    public static readonly ReportingRules Default = new(5, new TimeOnly(17, 0), 0.5m, 10, [3, 1]);
}

public sealed record Content(string Id, string Title, IReadOnlyList<Criterion> Criteria);

/// <summary>One scoring criterion; the type-specific fields are set exactly for their type (see docs/scoring.md).</summary>
public sealed record Criterion(string Id, string Title, CriterionType Type)
{
    public decimal? MaxPoints { get; init; }

    public Direction? Direction { get; init; }

    public Measure? Measure { get; init; }

    public Accrual? Accrual { get; init; }

    public ScoringMethod? Method { get; init; }

    public IReadOnlyDictionary<string, UnitTarget>? Targets { get; init; }

    public decimal? PointsEach { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary><see cref="EvidenceRule.Required"/>: a report is confirmed only with evidence for a value that scores; null: none asked.</summary>
    public EvidenceRule? Evidence { get; init; }

    public bool IsAssignedTo(string unitId) =>
        Type != CriterionType.Quantitative || (Targets?.ContainsKey(unitId) ?? false);
}

public sealed record UnitTarget(decimal Target, decimal? Baseline);
