namespace Compacts.Domain.Review;

/// <summary>A review as it arrived (parsed from JSON by the HTTP layer), before <see cref="ReviewValidator"/> checks it.</summary>
public sealed record ReviewInput(int? Revision, string? Decision, string? Comment, IReadOnlyDictionary<string, ReviewItemInput>? Items);
