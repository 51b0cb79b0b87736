namespace Compacts.Functions.Compacts;

/// <summary>The compact as the API returns it: its id, then the definition.</summary>
public sealed record CompactResponse(
    string CompactId,
    string Title,
    string Cluster,
    int Year,
    CompactStatus Status,
    string TimeZone,
    DateOnly? SignedOn,
    IReadOnlyList<Member> Members,
    ReportingRules Reporting,
    ReviewSettings Review,
    IReadOnlyList<Content> Contents,
    string? Place)
{
    public static CompactResponse From(string compactId, Compact c) =>
        new(compactId, c.Title, c.Cluster, c.Year, c.Status, c.TimeZone, c.SignedOn, c.Members, c.Reporting, c.Review, c.Contents, c.Place);
}
