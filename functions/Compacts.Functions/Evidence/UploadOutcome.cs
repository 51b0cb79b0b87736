using Compacts.Domain.Review;

namespace Compacts.Functions.Evidence;

public abstract record UploadOutcome
{
    public sealed record Stored(EvidenceFile File) : UploadOutcome;

    public sealed record NoReport : UploadOutcome;

    /// <summary>409: the report is confirmed (its evidence is frozen) or got a newer revision during the upload.</summary>
    public sealed record Refused(ReviewState State, int CurrentRevision, string Detail) : UploadOutcome;

    /// <summary>413: the revision's file count or total size would pass its limit.</summary>
    public sealed record OverLimit(string Detail) : UploadOutcome;

    /// <summary>415: a ZIP that is no Word or Excel document (<paramref name="Actual"/> null), or not the one declared.</summary>
    public sealed record NotTheType(string? Declared, string? Actual) : UploadOutcome;

    public sealed record TooMuchContention : UploadOutcome;
}
