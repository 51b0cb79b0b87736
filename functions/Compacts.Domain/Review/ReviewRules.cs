namespace Compacts.Domain.Review;

/// <summary>
/// The review state table (docs/review.md, "States and actions" and "Locked"): what a new revision, a review and an explanation do to
/// a report in each state. <c>locked</c>: the month is final (a final run of it exists).
/// </summary>
public static class ReviewRules
{
    /// <summary>A new revision (PUT); <paramref name="current"/> is null for the report's first revision.</summary>
    public static Transition OnRevision(ReviewState? current, bool locked, bool byAdmin)
    {
        if (current != ReviewState.Confirmed)
        {
            return Transition.Move(ReviewState.Submitted, ReviewEventKind.Submitted);
        }

        if (!locked)
        {
            return Transition.Move(ReviewState.Submitted, ReviewEventKind.Reopened);
        }

        return byAdmin
            ? Transition.Move(ReviewState.Confirmed, ReviewEventKind.LockedCorrection)
            : Transition.Refused(ReviewState.Confirmed,
                "The month is final and the report is 'confirmed'; only an admin may still correct it with a new revision.");
    }

    public static Transition OnReview(ReviewState current, ReviewDecision decision, bool locked, bool byAdmin)
    {
        if (locked)
        {
            return Transition.Refused(current, $"The month is final and the report is '{Name(current)}'; its reports are no longer reviewed.");
        }

        return (decision, current) switch
        {
            (ReviewDecision.Return, ReviewState.Submitted) => Transition.Move(ReviewState.Returned, ReviewEventKind.Returned),
            (ReviewDecision.Confirm, ReviewState.Submitted) => Transition.Move(ReviewState.Confirmed, ReviewEventKind.Confirmed),
            (ReviewDecision.Confirm, ReviewState.Returned) when byAdmin => Transition.Move(ReviewState.Confirmed, ReviewEventKind.Confirmed),
            (_, ReviewState.Confirmed) => Transition.Refused(current, "The report is 'confirmed'; only a new revision reopens it."),
            (ReviewDecision.Confirm, _) => Transition.Refused(current,
                "The report is 'returned'; it waits for the unit's explanation or a new revision, and only an admin may confirm it now."),
            _ => Transition.Refused(current, "The report is 'returned'; it waits for the unit's explanation or a new revision."),
        };
    }

    public static Transition OnExplanation(ReviewState current, bool locked)
    {
        if (locked)
        {
            return Transition.Refused(current, $"The month is final and the report is '{Name(current)}'; it is no longer explained.");
        }

        return current == ReviewState.Returned
            ? Transition.Move(ReviewState.Submitted, ReviewEventKind.Explained)
            : Transition.Refused(current, $"The report is '{Name(current)}'; only a returned report is explained.");
    }

    /// <summary>The state as the API writes it (submitted, returned, confirmed).</summary>
    public static string Name(ReviewState state) => state.ToString().ToLowerInvariant();
}
