namespace Compacts.Domain.Ballots;

/// <summary>The rules of opening a ballot and of a unit's vote (docs/ballots.md).</summary>
public static class BallotValidator
{
    public const int MaxTitleLength = 300;
    public static readonly decimal DefaultThreshold = 0.5m;

    /// <summary>
    /// A ballot from <paramref name="draft"/> on <paramref name="compact"/>: candidates are members (default: every member, in member order),
    /// at least one and each once; 1 ≤ seats ≤ candidates; closesAt after <paramref name="now"/>; 0 ≤ threshold &lt; 1 (default 0.5).
    /// </summary>
    public static (Ballot? Ballot, ValidationErrors Errors) Validate(BallotDraft draft, Compact compact, DateTimeOffset now, string openedBy)
    {
        var errors = new ValidationErrors();
        if (!Identifiers.IsValidId(draft.BallotId))
        {
            errors.Add("ballotId", "ballotId is 1 to 64 characters of a-z, 0-9 and '-'.");
        }

        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add("title", "title is required.");
        }
        else if (title.Length > MaxTitleLength || title.Any(char.IsControl))
        {
            errors.Add("title", $"title has at most {MaxTitleLength} characters and no control characters.");
        }

        var candidates = Candidates(draft.Candidates, compact, errors);
        if (draft.Seats is not { } seats || seats < 1 || (candidates is not null && seats > candidates.Count))
        {
            errors.Add("seats", "seats is a whole number from 1 to the number of candidates.");
        }

        var closesAt = OffsetInstant.TryParse(draft.ClosesAt);
        if (closesAt is null)
        {
            errors.Add("closesAt", $"closesAt is required: an ISO 8601 date-time with a UTC offset, e.g. {OffsetInstant.Example}.");
        }
        else if (closesAt <= now)
        {
            errors.Add("closesAt", "closesAt must lie in the future.");
        }

        var threshold = DefaultThreshold;
        if (draft.Threshold is { } literal)
        {
            if (!ExactNumbers.TryParse(literal.Text, out threshold, out var problem))
            {
                errors.Add("threshold", problem);
            }
            else if (threshold is < 0 or >= 1)
            {
                errors.Add("threshold", "threshold is at least 0 and less than 1 (the share of ballots cast a candidate's votes must exceed).");
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new Ballot(draft.BallotId!, title, draft.Seats!.Value, candidates!, closesAt!.Value, draft.AllowSelfVote ?? false, threshold,
            [.. compact.Members.Select(m => m.UnitId)], now, openedBy), errors);
    }

    private static List<string>? Candidates(IReadOnlyList<string?>? given, Compact compact, ValidationErrors errors)
    {
        if (given is null)
        {
            return [.. compact.Members.Select(m => m.UnitId)];
        }

        if (given.Count == 0)
        {
            errors.Add("candidates", "A ballot has at least one candidate (leave candidates out for every member).");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < given.Count; i++)
        {
            var candidate = given[i];
            if (candidate is null || !compact.IsMember(candidate))
            {
                errors.Add($"candidates[{i}]", "A candidate is a member of the compact.");
                valid = false;
            }
            else if (!seen.Add(candidate))
            {
                errors.Add($"candidates[{i}]", "A candidate is named once.");
                valid = false;
            }
        }

        return valid ? [.. given.OfType<string>()] : null;
    }

    /// <summary>
    /// A unit's choices: 0 to seats distinct candidates ([] is a blank ballot), never the unit itself unless the ballot allows it.
    /// The choices come back in the ballot's candidate order, so the order a voter wrote them in is kept nowhere.
    /// </summary>
    public static (VoteChoices? Choices, ValidationErrors Errors) ValidateVote(Ballot ballot, string unitId, IReadOnlyList<string?>? choices)
    {
        var errors = new ValidationErrors();
        if (choices is null)
        {
            errors.Add("choices", $"choices is required: a list of 0 to {ballot.Seats} candidate ids ([] is a blank ballot).");
            return (null, errors);
        }

        if (choices.Count > ballot.Seats)
        {
            errors.Add("choices", $"A ballot names at most {ballot.Seats} candidate(s).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (choice is null || !ballot.Candidates.Contains(choice, StringComparer.Ordinal))
            {
                errors.Add($"choices[{i}]", "Not a candidate of this ballot.");
            }
            else if (!seen.Add(choice))
            {
                errors.Add($"choices[{i}]", "A candidate is named once.");
            }
            else if (choice == unitId && !ballot.AllowSelfVote)
            {
                errors.Add($"choices[{i}]", "A unit may not vote for itself in this ballot.");
            }
        }

        return errors.IsEmpty ? (new VoteChoices([.. ballot.Candidates.Where(seen.Contains)]), errors) : (null, errors);
    }
}
