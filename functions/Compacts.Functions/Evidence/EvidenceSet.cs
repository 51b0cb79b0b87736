namespace Compacts.Functions.Evidence;

/// <summary>
/// What one revision of a report holds: how many files and bytes (the limits count these) and the highest version per criterion.
/// </summary>
public sealed record EvidenceSet(int Revision, int Files, long Bytes, IReadOnlyDictionary<string, int> Versions)
{
    public static EvidenceSet Empty(int revision) => new(revision, 0, 0, new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The criteria with at least one file.</summary>
    public IReadOnlySet<string> Criteria => Versions.Keys.ToHashSet(StringComparer.Ordinal);

    public int NextVersion(string criterionId) => Versions.GetValueOrDefault(criterionId) + 1;

    public EvidenceSet With(string criterionId, int version, long size) => this with
    {
        Files = Files + 1,
        Bytes = Bytes + size,
        Versions = new Dictionary<string, int>(Versions, StringComparer.Ordinal) { [criterionId] = version },
    };
}
