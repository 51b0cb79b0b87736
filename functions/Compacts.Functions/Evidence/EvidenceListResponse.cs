namespace Compacts.Functions.Evidence;

/// <summary>
/// A revision's evidence: its files by criterion then version, their count and bytes, and (for the latest revision) the criteria
/// whose required evidence is missing for a value that scores.
/// </summary>
public sealed record EvidenceListResponse(
    string CompactId, Period Period, string UnitId, int Revision, string State, int Count, long Bytes, IReadOnlyList<string>? Missing,
    IReadOnlyList<EvidenceResponse> Files);
