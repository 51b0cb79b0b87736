namespace Compacts.Domain.Review;

/// <summary>A unit's explanation as it arrived: the revision it answers, a comment, and a text per criterion.</summary>
public sealed record ExplanationInput(int? Revision, string? Comment, IReadOnlyDictionary<string, InputValue>? Items);
