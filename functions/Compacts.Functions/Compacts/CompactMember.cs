namespace Compacts.Functions.Compacts;

/// <summary>A member of a compact with its unit's name (null when the unit has no record).</summary>
public sealed record CompactMember(string UnitId, string? Name, MemberRole Role);
