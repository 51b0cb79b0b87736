using System.Globalization;
using System.Text.RegularExpressions;

namespace Compacts.Domain;

/// <summary>
/// Next year's compact from this year's: a draft of year Y+1 with the same members (the old head and deputy become members, the named
/// head and deputy take their roles), contents, criteria and targets with percentChange baselines cleared (last year's figures are not
/// known yet), the same reporting and review settings, place and cluster, no signing date, and the title's year Y written Y+1.
/// </summary>
public static class NextYear
{
    public static (Compact? Compact, ValidationErrors Errors) Derive(string sourceId, Compact source, NextYearDraft draft)
    {
        var errors = new ValidationErrors();
        if (!Identifiers.IsValidId(draft.CompactId))
        {
            errors.Add("compactId", "The new compact's id must be 1 to 64 characters of a-z, 0-9 and '-'.");
        }

        var year = source.Year + 1;
        if (year > 2100)
        {
            errors.Add("year", $"Compact '{sourceId}' is of {source.Year}; a compact's year is at most 2100.");
        }

        MemberOf(draft.Head, "head", sourceId, source, errors, required: true);
        if (draft.Deputy is not null && MemberOf(draft.Deputy, "deputy", sourceId, source, errors, required: false) && draft.Deputy == draft.Head)
        {
            errors.Add("deputy", "The deputy head must be another unit than the head (its users review the head's own reports).");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var members = source.Members
            .Select(m => m with { Role = m.UnitId == draft.Head ? MemberRole.Head : m.UnitId == draft.Deputy ? MemberRole.Deputy : MemberRole.Member })
            .ToList();
        var contents = source.Contents
            .Select(c => c with { Criteria = c.Criteria.Select(WithoutBaselines).ToList() })
            .ToList();
        var title = YearPattern(source.Year).Replace(source.Title, year.ToString(CultureInfo.InvariantCulture));
        return (source with
        {
            Title = title, Year = year, SignedOn = null, Members = members, Contents = contents, Status = CompactStatus.Draft,
        }, errors);
    }

    private static bool MemberOf(string? unitId, string field, string sourceId, Compact source, ValidationErrors errors, bool required)
    {
        if (unitId is null)
        {
            if (required)
            {
                errors.Add(field, $"The {field} is required: the id of a member unit of compact '{sourceId}'.");
            }

            return false;
        }

        if (!Identifiers.IsValidId(unitId))
        {
            errors.Add(field, $"The {field} must be a unit id: 1 to 64 characters of a-z, 0-9 and '-'.");
            return false;
        }

        if (!source.IsMember(unitId!))
        {
            errors.Add(field, $"'{unitId}' is not a member of compact '{sourceId}'; next year's compact has the same members.");
            return false;
        }

        return true;
    }

    private static Criterion WithoutBaselines(Criterion criterion) => criterion.Measure == Measure.PercentChange
        ? criterion with { Targets = criterion.Targets!.ToDictionary(t => t.Key, t => t.Value with { Baseline = null }, StringComparer.Ordinal) }
        : criterion;

    /// <summary>The year as a number of its own (not inside a longer one, e.g. not the 2024 of "12024").</summary>
    private static Regex YearPattern(int year) =>
        new($"(?<![0-9]){year.ToString(CultureInfo.InvariantCulture)}(?![0-9])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
