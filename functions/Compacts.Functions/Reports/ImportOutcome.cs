namespace Compacts.Functions.Reports;

/// <summary>What <see cref="ReportStore.ImportAsync"/> made of a month's import: every report stored, or none.</summary>
public abstract record ImportOutcome
{
    /// <summary>Every report's new revision, in the order given; each ETag is its report's.</summary>
    public sealed record Stored(IReadOnlyList<SubmitOutcome.Stored> Revisions) : ImportOutcome;

    /// <summary>Reports that cannot take the revision (receivedAt goes back, the review rules refuse, too large); nothing was stored.</summary>
    public sealed record Refused(IReadOnlyList<(string UnitId, SubmitOutcome Outcome)> Reports) : ImportOutcome;

    /// <summary>Other writers kept moving the reports' pointers; nothing visible was stored.</summary>
    public sealed record TooMuchContention : ImportOutcome;
}
