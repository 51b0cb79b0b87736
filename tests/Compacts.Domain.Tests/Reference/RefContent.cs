namespace Compacts.Domain.Tests.Reference;

/// <summary>A content (nội dung) with its criteria in order.</summary>
public sealed record RefContent(string Id, IReadOnlyList<RefCriterion> Criteria);
