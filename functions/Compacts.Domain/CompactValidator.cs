using System.Globalization;

namespace Compacts.Domain;

/// <summary>Checks a <see cref="CompactDraft"/> against the rules of docs/api.md ("Compacts") and docs/scoring.md and builds the <see cref="Compact"/>.</summary>
public static class CompactValidator
{
    public const int MaxTitleLength = 500;
    public const int MaxPlaceLength = 100;
    public const int MaxMembers = 200;
    public const int MaxContents = 50;
    public const int MaxCriteria = 200;
    public const decimal MaxPointsLimit = 1000;
    public const decimal MaxMagnitude = 1_000_000_000_000;
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    /// <param name="defaultTimeZone">The time zone of a compact that names none.</param>
    public static (Compact? Compact, ValidationErrors Errors) Validate(CompactDraft draft, string defaultTimeZone = DefaultTimeZone)
    {
        var errors = new ValidationErrors();

        var title = RequiredText(draft.Title, "title", errors);
        var cluster = RequiredText(draft.Cluster, "cluster", errors);
        var place = draft.Place is null ? null : RequiredText(draft.Place, "place", errors, MaxPlaceLength);

        if (draft.Year is not { } year)
        {
            errors.Add("year", "The year is required.");
            year = 0;
        }
        else if (year is < 2000 or > 2100)
        {
            errors.Add("year", "The year must lie between 2000 and 2100.");
        }

        var timeZone = draft.TimeZone ?? defaultTimeZone;
        if (!CompactCalendar.TryFindTimeZone(timeZone, out _))
        {
            errors.Add("timeZone", $"'{Truncate(timeZone)}' is not a known IANA time zone.");
        }

        CompactStatus? status = draft.Status switch
        {
            "active" or null => CompactStatus.Active,
            "draft" => CompactStatus.Draft,
            _ => null,
        };
        if (status is null)
        {
            errors.Add("status", "The status must be 'active' (the default) or 'draft'.");
        }

        // A draft may lack what is only known later (the signing date, last year's baselines); an active compact may not.
        var complete = status != CompactStatus.Draft;
        DateOnly? signedOn = null;
        if (draft.SignedOn is null)
        {
            if (complete)
            {
                errors.Add("signedOn", "The signing date is required (YYYY-MM-DD); only a draft may lack it.");
            }
        }
        else if (DateOnly.TryParseExact(draft.SignedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            signedOn = date;
        }
        else
        {
            errors.Add("signedOn", "The signing date must be a date written YYYY-MM-DD.");
        }

        var members = ValidateMembers(draft.Members, errors);
        var reporting = ValidateReporting(draft.Reporting, errors);
        var review = ValidateReview(draft.Review, errors);
        var memberIds = members.Select(m => m.UnitId).ToHashSet(StringComparer.Ordinal);
        var contents = ValidateContents(draft.Contents, memberIds, complete, errors);

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new Compact(title!, cluster!, year, timeZone, signedOn, members, reporting, contents)
        {
            Review = review, Place = place, Status = status!.Value,
        }, errors);
    }

    private static List<Member> ValidateMembers(IReadOnlyList<MemberDraft?>? drafts, ValidationErrors errors)
    {
        var members = new List<Member>();
        if (drafts is null || drafts.Count == 0)
        {
            errors.Add("members", "A compact needs at least one member unit.");
            return members;
        }

        if (drafts.Count > MaxMembers)
        {
            errors.Add("members", $"A compact has at most {MaxMembers} members.");
            return members;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            var path = $"members[{i}]";
            if (drafts[i] is not { } draft)
            {
                errors.Add(path, "A member must be an object.");
                continue;
            }

            if (!Identifiers.IsValidId(draft.UnitId))
            {
                errors.Add($"{path}.unitId", "The unit id must be 1 to 64 characters of a-z, 0-9 and '-'.");
                continue;
            }

            if (!seen.Add(draft.UnitId!))
            {
                errors.Add($"{path}.unitId", $"Unit '{draft.UnitId}' is listed more than once.");
                continue;
            }

            MemberRole? role = draft.Role switch
            {
                "head" => MemberRole.Head,
                "deputy" => MemberRole.Deputy,
                "member" or null => MemberRole.Member,
                _ => null,
            };
            if (role is null)
            {
                errors.Add($"{path}.role", "The role must be 'head', 'deputy' or 'member'.");
                continue;
            }

            members.Add(new Member(draft.UnitId!, role.Value));
        }

        var heads = members.Count(m => m.Role == MemberRole.Head);
        if (errors.IsEmpty && heads != 1)
        {
            errors.Add("members", $"Exactly one member must have the role 'head' (the cluster head); found {heads}.");
        }

        // A unit is listed once with one role (a repeated unit id is refused above), so the deputy is never the head's unit.
        var deputies = members.Count(m => m.Role == MemberRole.Deputy);
        if (deputies > 1)
        {
            errors.Add("members", $"At most one member may have the role 'deputy' (the deputy head); found {deputies}.");
        }

        return members;
    }

    private static ReportingRules ValidateReporting(ReportingDraft? draft, ValidationErrors errors)
    {
        var defaults = ReportingRules.Default;
        if (draft is null)
        {
            return defaults;
        }

        var dueDay = draft.DueDay ?? defaults.DueDay;
        if (dueDay is < 1 or > 28)
        {
            errors.Add("reporting.dueDay", "The due day must lie between 1 and 28 (a day every month has).");
        }

        var dueTime = defaults.DueTime;
        if (draft.DueTime is not null
            && !TimeOnly.TryParseExact(draft.DueTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out dueTime))
        {
            errors.Add("reporting.dueTime", "The due time must be a local time written HH:mm (00:00 to 23:59).");
        }

        var latePenalty = Bounded(draft.LatePenalty, "reporting.latePenalty", errors, 0, lowIncluded: true, MaxPointsLimit,
            $"The late penalty must be a number from 0 to {MaxPointsLimit}.") ?? defaults.LatePenalty;

        var finalizeAfterDays = draft.FinalizeAfterDays ?? defaults.FinalizeAfterDays;
        if (finalizeAfterDays is < 0 or > 366)
        {
            errors.Add("reporting.finalizeAfterDays", "finalizeAfterDays must lie between 0 and 366.");
        }

        var remind = draft.RemindDaysBefore ?? defaults.RemindDaysBefore;
        if (remind.Count > 10 || remind.Any(d => d is < 1 or > 27) || remind.Distinct().Count() != remind.Count)
        {
            errors.Add("reporting.remindDaysBefore", "remindDaysBefore holds at most 10 distinct whole days, each from 1 to 27.");
        }

        return new ReportingRules(dueDay, dueTime, latePenalty, finalizeAfterDays, remind.OrderDescending().ToArray());
    }

    private static ReviewSettings ValidateReview(ReviewDraft? draft, ValidationErrors errors)
    {
        var defaults = ReviewSettings.Default;
        if (draft is null)
        {
            return defaults;
        }

        int Days(int? value, int fallback, string field)
        {
            var days = value ?? fallback;
            if (days is < ReviewSettings.MinDays or > ReviewSettings.MaxDays)
            {
                errors.Add($"review.{field}", $"{field} must be a whole number of days from {ReviewSettings.MinDays} to {ReviewSettings.MaxDays}.");
            }

            return days;
        }

        return new ReviewSettings(
            draft.Required ?? defaults.Required,
            Days(draft.ReviewDays, defaults.ReviewDays, "reviewDays"),
            Days(draft.ExplainDays, defaults.ExplainDays, "explainDays"));
    }

    private static List<Content> ValidateContents(IReadOnlyList<ContentDraft?>? drafts, HashSet<string> memberIds, bool complete, ValidationErrors errors)
    {
        var contents = new List<Content>();
        if (drafts is null || drafts.Count == 0)
        {
            errors.Add("contents", "A compact needs at least one content with criteria.");
            return contents;
        }

        if (drafts.Count > MaxContents)
        {
            errors.Add("contents", $"A compact has at most {MaxContents} contents.");
            return contents;
        }

        var contentIds = new HashSet<string>(StringComparer.Ordinal);
        var criterionIds = new HashSet<string>(StringComparer.Ordinal);
        var criterionCount = 0;
        for (var i = 0; i < drafts.Count; i++)
        {
            var path = $"contents[{i}]";
            if (drafts[i] is not { } draft)
            {
                errors.Add(path, "A content must be an object.");
                continue;
            }

            if (!Identifiers.IsValidId(draft.Id))
            {
                errors.Add($"{path}.id", "The content id must be 1 to 64 characters of a-z, 0-9 and '-'.");
            }
            else if (!contentIds.Add(draft.Id!))
            {
                errors.Add($"{path}.id", $"Content id '{draft.Id}' is used more than once.");
            }

            var title = RequiredText(draft.Title, $"{path}.title", errors);
            if (draft.Criteria is null || draft.Criteria.Count == 0)
            {
                errors.Add($"{path}.criteria", "A content needs at least one criterion.");
                continue;
            }

            criterionCount += draft.Criteria.Count;
            if (criterionCount > MaxCriteria)
            {
                errors.Add($"{path}.criteria", $"A compact has at most {MaxCriteria} criteria in all.");
                return contents;
            }

            var criteria = new List<Criterion>();
            for (var j = 0; j < draft.Criteria.Count; j++)
            {
                var criterion = ValidateCriterion(draft.Criteria[j], $"{path}.criteria[{j}]", memberIds, criterionIds, complete, errors);
                if (criterion is not null)
                {
                    criteria.Add(criterion);
                }
            }

            contents.Add(new Content(draft.Id ?? "", title ?? "", criteria));
        }

        return contents;
    }

    private static Criterion? ValidateCriterion(
        CriterionDraft? draft, string path, HashSet<string> memberIds, HashSet<string> criterionIds, bool complete, ValidationErrors errors)
    {
        if (draft is null)
        {
            errors.Add(path, "A criterion must be an object.");
            return null;
        }

        var before = errors.Count;
        if (!Identifiers.IsValidId(draft.Id))
        {
            errors.Add($"{path}.id", "The criterion id must be 1 to 64 characters of a-z, 0-9 and '-'.");
        }
        else if (draft.Id is "note" or "receivedat")
        {
            errors.Add($"{path}.id", $"'{draft.Id}' is reserved for the report's own fields.");
        }
        else if (!criterionIds.Add(draft.Id!))
        {
            errors.Add($"{path}.id", $"Criterion id '{draft.Id}' is used more than once in the compact.");
        }

        var title = RequiredText(draft.Title, $"{path}.title", errors);

        CriterionType? type = draft.Type switch
        {
            "quantitative" => CriterionType.Quantitative,
            "qualitative" => CriterionType.Qualitative,
            "occurrence" => CriterionType.Occurrence,
            "adjustment" => CriterionType.Adjustment,
            _ => null,
        };
        if (type is null)
        {
            errors.Add($"{path}.type", "The type must be one of quantitative, qualitative, occurrence, adjustment.");
            return null;
        }

        var criterion = new Criterion(draft.Id ?? "", title ?? "", type.Value);
        switch (draft.Evidence)
        {
            case null or "none":
                break;
            case "required":
                criterion = criterion with { Evidence = EvidenceRule.Required };
                break;
            default:
                errors.Add($"{path}.evidence", "evidence must be 'required' or 'none' (the default).");
                break;
        }

        var typeName = draft.Type;

        void NotAllowed(object? value, string field)
        {
            if (value is not null)
            {
                errors.Add($"{path}.{field}", $"'{field}' does not apply to a {typeName} criterion.");
            }
        }

        if (type == CriterionType.Adjustment)
        {
            NotAllowed(draft.MaxPoints, "maxPoints");
        }
        else if (Required(draft.MaxPoints, $"{path}.maxPoints", errors, 0, lowIncluded: false, MaxPointsLimit,
            $"maxPoints must be a number greater than 0 and at most {MaxPointsLimit}.") is { } maxPoints)
        {
            criterion = criterion with { MaxPoints = maxPoints };
        }

        if (type != CriterionType.Quantitative)
        {
            NotAllowed(draft.Direction, "direction");
            NotAllowed(draft.Measure, "measure");
            NotAllowed(draft.Accrual, "accrual");
            NotAllowed(draft.Method, "method");
            NotAllowed(draft.Targets, "targets");
        }

        if (type != CriterionType.Occurrence)
        {
            NotAllowed(draft.PointsEach, "pointsEach");
        }

        if (type != CriterionType.Adjustment)
        {
            NotAllowed(draft.Min, "min");
            NotAllowed(draft.Max, "max");
        }

        switch (type)
        {
            case CriterionType.Quantitative:
                criterion = ValidateQuantitative(draft, criterion, path, memberIds, complete, errors);
                break;
            case CriterionType.Occurrence:
                if (Required(draft.PointsEach, $"{path}.pointsEach", errors, 0, lowIncluded: false, MaxPointsLimit,
                    $"pointsEach must be a number greater than 0 and at most {MaxPointsLimit}.") is { } each)
                {
                    criterion = criterion with { PointsEach = each };
                }

                break;
            case CriterionType.Adjustment:
                var range = $"An adjustment needs min ≤ 0 ≤ max, within ±{MaxPointsLimit}.";
                var min = Bounded(draft.Min, $"{path}.min", errors, -MaxPointsLimit, lowIncluded: true, 0, range) ?? 0;
                var max = Bounded(draft.Max, $"{path}.max", errors, 0, lowIncluded: true, MaxPointsLimit, range) ?? 0;
                if (errors.Count > before)
                {
                    break;
                }

                if (min == 0 && max == 0)
                {
                    errors.Add($"{path}", "An adjustment needs a non-zero min or max.");
                }
                else
                {
                    criterion = criterion with { Min = min, Max = max };
                }

                break;
            case CriterionType.Qualitative:
            default:
                break;
        }

        return errors.Count == before ? criterion : null;
    }

    private static Criterion ValidateQuantitative(
        CriterionDraft draft, Criterion criterion, string path, HashSet<string> memberIds, bool complete, ValidationErrors errors)
    {
        Direction? direction = draft.Direction switch { "increase" => Domain.Direction.Increase, "decrease" => Domain.Direction.Decrease, _ => null };
        Measure? measure = draft.Measure switch { "absolute" => Domain.Measure.Absolute, "percentChange" => Domain.Measure.PercentChange, _ => null };
        Accrual? accrual = draft.Accrual switch { "cumulative" => Domain.Accrual.Cumulative, "rate" => Domain.Accrual.Rate, _ => null };
        ScoringMethod? method = draft.Method switch { "linear" => ScoringMethod.Linear, "leaderRelative" => ScoringMethod.LeaderRelative, _ => null };

        if (direction is null)
        {
            errors.Add($"{path}.direction", "direction must be 'increase' or 'decrease'.");
        }

        if (measure is null)
        {
            errors.Add($"{path}.measure", "measure must be 'absolute' or 'percentChange'.");
        }

        if (accrual is null)
        {
            errors.Add($"{path}.accrual", "accrual must be 'cumulative' or 'rate'.");
        }

        if (method is null)
        {
            errors.Add($"{path}.method", "method must be 'linear' or 'leaderRelative'.");
        }

        if (direction == Domain.Direction.Decrease && measure == Domain.Measure.Absolute)
        {
            errors.Add($"{path}.direction", "A 'decrease' target must be measured as 'percentChange' (e.g. reduce crime by at least 5% against last year's baseline).");
        }

        var targets = new Dictionary<string, UnitTarget>(StringComparer.Ordinal);
        if (draft.Targets is null || draft.Targets.Count == 0)
        {
            errors.Add($"{path}.targets", "A quantitative criterion needs a target for at least one member unit.");
        }
        else
        {
            foreach (var (unitId, target) in draft.Targets.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var targetPath = $"{path}.targets.{Truncate(unitId)}";
                if (!memberIds.Contains(unitId))
                {
                    errors.Add(targetPath, $"'{Truncate(unitId)}' is not a member of this compact.");
                    continue;
                }

                if (Required(target?.Target, $"{targetPath}.target", errors, 0, lowIncluded: false, MaxMagnitude,
                    "target must be a number greater than 0 and at most 10^12.") is not { } value)
                {
                    continue;
                }

                decimal? baseline = null;
                if (measure == Domain.Measure.PercentChange && (complete || target!.Baseline is not null))
                {
                    baseline = Required(target!.Baseline, $"{targetPath}.baseline", errors, 0, lowIncluded: false, MaxMagnitude,
                        "A percentChange target needs a baseline greater than 0 and at most 10^12 (last year's figure).");
                    if (baseline is null)
                    {
                        continue;
                    }
                }
                else if (measure != Domain.Measure.PercentChange && target!.Baseline is not null)
                {
                    errors.Add($"{targetPath}.baseline", "baseline applies only to percentChange criteria.");
                    continue;
                }

                targets[unitId] = new UnitTarget(value, baseline);
            }
        }

        return criterion with { Direction = direction, Measure = measure, Accrual = accrual, Method = method, Targets = targets };
    }

    /// <summary>
    /// An optional number under the precision rule within [low, high] (or (low, high] when <paramref name="lowIncluded"/> is false):
    /// null when it is absent, or when it breaks a rule (the error added at <paramref name="path"/>).
    /// </summary>
    private static decimal? Bounded(
        NumberLiteral? literal, string path, ValidationErrors errors, decimal low, bool lowIncluded, decimal high, string outOfRange)
    {
        if (literal is not { } written)
        {
            return null;
        }

        if (!ExactNumbers.TryParse(written.Text, out var value, out var problem))
        {
            errors.Add(path, problem);
            return null;
        }

        if (value < low || (!lowIncluded && value == low) || value > high)
        {
            errors.Add(path, outOfRange);
            return null;
        }

        return value;
    }

    /// <summary>As <see cref="Bounded"/>, and absent is an error too.</summary>
    private static decimal? Required(
        NumberLiteral? literal, string path, ValidationErrors errors, decimal low, bool lowIncluded, decimal high, string outOfRange)
    {
        if (literal is null)
        {
            errors.Add(path, outOfRange);
            return null;
        }

        return Bounded(literal, path, errors, low, lowIncluded, high, outOfRange);
    }

    private static string? RequiredText(string? value, string field, ValidationErrors errors, int maxLength = MaxTitleLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "This text is required.");
            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            errors.Add(field, "Control characters are not allowed.");
            return null;
        }

        return value.Trim();
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
