namespace Compacts.Functions.Http;

/// <summary>
/// Where a route that writes a report revision or a result asks <see cref="Compact.RefusesReports"/>: reports, reviews, explanations,
/// evidence, standings runs and ballots (an import of reports calls the same). A draft's answer is 409 with the <c>missing</c> list.
/// </summary>
public static class DraftGate
{
    /// <summary>This check, then the compact's status: 409 when it is a draft.</summary>
    public static Checked<CompactScope> AcceptingReports(this Checked<CompactScope> opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return opened.Failed || Refusal(opened.Value.CompactId, opened.Value.Compact) is not { } problem ? opened : new(problem);
    }

    /// <summary>The 409 of a draft compact; null when the compact accepts reports.</summary>
    public static ApiResult? Refusal(string compactId, Compact compact)
    {
        ArgumentNullException.ThrowIfNull(compact);
        return compact.RefusesReports() is { } missing ? Responses.DraftRefused(compactId, missing) : null;
    }
}
