namespace Compacts.Domain.Review;

/// <summary>
/// Who reviews and who reads a member's reports (docs/review.md, "Who reviews, who reads"). The reviewers of a report are the users
/// of the head unit, except for the head's own reports, whose reviewers are the users of the deputy unit (with no deputy: admins
/// only). Admins act as admins, never as a unit. Nobody reviews a report of their own unit.
/// </summary>
public static class ReviewAccess
{
    public static bool MayReview(Caller caller, Compact compact, string unitId)
    {
        if (!compact.IsMember(unitId))
        {
            return false;
        }

        if (caller.IsAdmin)
        {
            return true;
        }

        if (caller.UnitId is not { } own || own == unitId)
        {
            return false;
        }

        var head = compact.HeadUnitId();
        return unitId == head ? own == compact.DeputyUnitId() : own == head;
    }

    /// <summary>A report, its revisions, reviews and history: the unit's users, its reviewers and admins.</summary>
    public static bool MayRead(Caller caller, Compact compact, string unitId) =>
        MayExplain(caller, compact, unitId) || MayReview(caller, compact, unitId);

    /// <summary>An explanation of a returned report: the unit's users and admins.</summary>
    public static bool MayExplain(Caller caller, Compact compact, string unitId) =>
        compact.IsMember(unitId) && (caller.IsAdmin || caller.IsReporterOf(unitId));

    /// <summary>
    /// The members whose rows the review queue shows the caller, in member order: every member for admins and the head's users,
    /// only the head for the deputy's users; null for anyone else (403).
    /// </summary>
    public static IReadOnlyList<string>? QueueUnits(Caller caller, Compact compact)
    {
        if (caller.IsAdmin || Access.IsHeadReporter(caller, compact))
        {
            return compact.Members.Select(m => m.UnitId).ToList();
        }

        return caller.UnitId is { } own && own == compact.DeputyUnitId() ? [compact.HeadUnitId()] : null;
    }
}
