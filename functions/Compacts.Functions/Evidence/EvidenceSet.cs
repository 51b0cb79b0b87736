namespace Compacts.Functions.Evidence;

/// <summary>
/// What one revision of a report holds: how many files and bytes (the limits count these) and the highest version per criterion.
/// </summary>
public sealed record EvidenceSet(int Revision, int Files, long Bytes, IReadOnlyDictionary<string, int> Versions)
{
    public static EvidenceSet Empty(int revision) => new(revision, 0, 0, new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The criteria with at least one file.</summary>
    public IReadOnlySet<string> Criteria => Versions.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The criteria with at least one file that may serve as evidence: every version from 1 to the highest is listed (none is ever
    /// removed), and a version in <paramref name="malicious"/> does not count.
    /// </summary>
    public IReadOnlySet<string> CriteriaWithUsableFiles(IReadOnlySet<(string CriterionId, int Version)> malicious) => Versions
        .Where(v => Enumerable.Range(1, v.Value).Any(version => !malicious.Contains((v.Key, version))))
        .Select(v => v.Key)
        .ToHashSet(StringComparer.Ordinal);

    public int NextVersion(string criterionId) => Versions.GetValueOrDefault(criterionId) + 1;

    public EvidenceSet With(string criterionId, int version, long size) => this with
    {
        Files = Files + 1,
        Bytes = Bytes + size,
        Versions = new Dictionary<string, int>(Versions, StringComparer.Ordinal) { [criterionId] = version },
    };
}
