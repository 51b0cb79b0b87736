using Compacts.Domain.Scoring;

namespace Compacts.Domain.Evidence;

/// <summary>
/// The required-evidence rule (docs/evidence.md): a report is confirmed only when its latest revision has evidence for every
/// criterion that asks for it (<c>"evidence": "required"</c>), is assigned to the unit, and has a value that scores.
/// </summary>
public static class RequiredEvidence
{
    /// <summary>
    /// The criteria, in compact order, that the confirm would leave without evidence.
    /// </summary>
    /// <param name="values">The values the confirmed report would be scored with (the reported ones, with the confirm's corrections).</param>
    /// <param name="withEvidence">The criteria the latest revision has at least one evidence file for.</param>
    public static IReadOnlyList<string> Missing(
        Compact compact, Period period, string unitId, IReadOnlyDictionary<string, ReportValue> values, IReadOnlySet<string> withEvidence) =>
        compact.CriteriaAssignedTo(unitId)
            .Where(c => c.Evidence == EvidenceRule.Required && !withEvidence.Contains(c.Id)
                && values.TryGetValue(c.Id, out var value) && Scores(c, value, unitId, period.Month))
            .Select(c => c.Id)
            .ToList();

    /// <summary>
    /// Whether a value earns (or, for an adjustment, moves) points by itself, whatever the other units report: a qualitative
    /// <c>true</c>, a count above 0, an adjustment other than 0, a quantitative value whose achievement ratio r is above 0 (both
    /// scoring methods give points exactly then).
    /// </summary>
    public static bool Scores(Criterion criterion, ReportValue value, string unitId, int month) => criterion.Type switch
    {
        CriterionType.Qualitative => value.Flag == true,
        CriterionType.Occurrence => value.Number > 0,
        CriterionType.Adjustment => value.Number is { } n && n != 0,
        _ => value.Number is not null && criterion.Targets is { } targets && targets.ContainsKey(unitId)
            && StandingsEngine.Ratio(criterion, new Dictionary<string, ReportValue> { [criterion.Id] = value }, unitId, month) > Rational.Zero,
    };
}
