namespace Compacts.Functions.Compacts;

public sealed record CompactSummary(string CompactId, string Title, string Cluster, int Year, CompactStatus Status, IReadOnlyList<Member> Members);
