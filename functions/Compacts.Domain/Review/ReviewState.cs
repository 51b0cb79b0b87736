namespace Compacts.Domain.Review;

/// <summary>Where a unit's monthly report stands in review (JSON: submitted, returned, confirmed).</summary>
public enum ReviewState
{
    /// <summary>The latest revision waits for review.</summary>
    Submitted,

    /// <summary>A reviewer sent the latest revision back with reasons.</summary>
    Returned,

    /// <summary>A reviewer confirmed the latest revision, possibly with corrected figures.</summary>
    Confirmed,
}
