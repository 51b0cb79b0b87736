namespace Compacts.Domain;

/// <summary>The body of <c>POST /api/compacts/{compactId}/next</c>: the new compact's id, its head and (optionally) its deputy head.</summary>
public sealed record NextYearDraft(string? CompactId, string? Head, string? Deputy);
