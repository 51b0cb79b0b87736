namespace Compacts.Domain.Review;

/// <summary>What one accepted request did to a report, as its history records it (JSON: camelCase, e.g. lockedCorrection).</summary>
public enum ReviewEventKind
{
    /// <summary>A revision entered review.</summary>
    Submitted,

    /// <summary>A reviewer returned the latest revision.</summary>
    Returned,

    /// <summary>The unit explained a returned revision, keeping its figures.</summary>
    Explained,

    /// <summary>A reviewer confirmed the latest revision.</summary>
    Confirmed,

    /// <summary>A new revision of a confirmed report sent it back to review.</summary>
    Reopened,

    /// <summary>An admin's revision of a confirmed report in a final month: recorded, the state stays confirmed, no run changes.</summary>
    LockedCorrection,
}
