namespace Compacts.Functions.Reviews;

/// <summary>The wire shape of a review body, for the OpenAPI document (the route reads it with <see cref="Http.ReviewRequest"/>).</summary>
/// <param name="Decision">confirm or return.</param>
/// <param name="Items">Per criterion: a corrected value (confirm only; null removes an adjustment) and a comment.</param>
public sealed record ReviewRequestBody(int Revision, string Decision, string? Comment, IReadOnlyDictionary<string, ReviewRequestItem>? Items);
