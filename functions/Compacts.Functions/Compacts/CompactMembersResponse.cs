namespace Compacts.Functions.Compacts;

/// <summary>A compact's members in the compact's order, with their units' names: what every reader of the compact may see of them.</summary>
public sealed record CompactMembersResponse(string CompactId, IReadOnlyList<CompactMember> Members);
