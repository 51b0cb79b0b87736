namespace Compacts.Domain.Review;

/// <summary>
/// The values a report is scored with (docs/review.md, "Scoring"): for a confirmed report, the confirming review's value where it
/// corrects one (a removal takes the adjustment out), the reported value elsewhere; otherwise the reported values.
/// </summary>
public static class EffectiveValues
{
    /// <param name="confirming">The items of the confirming review, or null when the report is not confirmed.</param>
    public static IReadOnlyDictionary<string, ReportValue> Of(
        IReadOnlyDictionary<string, ReportValue> reported, IReadOnlyDictionary<string, ReviewItem>? confirming)
    {
        var values = new Dictionary<string, ReportValue>(reported, StringComparer.Ordinal);
        foreach (var (criterionId, item) in confirming ?? new Dictionary<string, ReviewItem>())
        {
            if (!item.Corrects)
            {
                continue;
            }

            if (item.Value is { } value)
            {
                values[criterionId] = value;
            }
            else
            {
                values.Remove(criterionId);
            }
        }

        return values;
    }

    /// <summary>The figures the confirming review changed, by criterion id (ordinal), with the reviewer's comment.</summary>
    public static IReadOnlyList<Correction> Corrections(
        IReadOnlyDictionary<string, ReportValue> reported, IReadOnlyDictionary<string, ReviewItem>? confirming) =>
        (confirming ?? new Dictionary<string, ReviewItem>())
            .Where(i => i.Value.Corrects)
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new Correction(i.Key, reported.TryGetValue(i.Key, out var old) ? old : null, i.Value.Value, i.Value.Comment))
            .ToList();
}
