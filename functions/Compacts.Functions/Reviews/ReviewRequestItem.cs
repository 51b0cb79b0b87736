namespace Compacts.Functions.Reviews;

/// <param name="Value">A number or a yes/no of the criterion's type; null removes an adjustment.</param>
public sealed record ReviewRequestItem(JsonElement? Value, string? Comment);
