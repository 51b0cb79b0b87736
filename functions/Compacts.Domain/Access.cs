using Compacts.Domain.Review;

namespace Compacts.Domain;

/// <summary>Who is calling: an admin (role Compacts.Admin) and/or a registered reporter of one unit.</summary>
public sealed record Caller(string UserId, bool IsAdmin, string? UnitId)
{
    public bool IsReporterOf(string unitId) => UnitId is not null && UnitId == unitId;
}

/// <summary>The authorization rules of docs/api.md, "Who may call".</summary>
public static class Access
{
    public static bool CanReadCompact(Caller caller, Compact compact) =>
        caller.IsAdmin || (caller.UnitId is { } unit && compact.IsMember(unit));

    public static bool IsHeadReporter(Caller caller, Compact compact) =>
        caller.UnitId is { } unit && compact.FindMember(unit)?.Role == MemberRole.Head;

    public static bool CanSubmitReport(Caller caller, Compact compact, string unitId) =>
        caller.IsAdmin || (caller.IsReporterOf(unitId) && compact.IsMember(unitId));

    /// <summary>The unit's users, its reviewers (so the deputy's users read the head's reports) and admins.</summary>
    public static bool CanReadReport(Caller caller, Compact compact, string unitId) =>
        ReviewAccess.MayRead(caller, compact, unitId);

    public static bool CanReadPeriodReports(Caller caller, Compact compact) =>
        caller.IsAdmin || IsHeadReporter(caller, compact);
}
