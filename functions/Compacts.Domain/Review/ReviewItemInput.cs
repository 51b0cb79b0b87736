namespace Compacts.Domain.Review;

/// <summary>
/// One criterion's item of a review as it arrived. <paramref name="HasValue"/> false: the item has no "value" key; true with
/// <paramref name="Value"/> null or <c>OtherInput("null")</c>: an explicit JSON null (removes an adjustment).
/// </summary>
public sealed record ReviewItemInput(bool HasValue, InputValue? Value, string? Comment);
