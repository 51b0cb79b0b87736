namespace Compacts.Domain.Tests.Reference;

/// <summary>A compact as the reference standings read it: year, IANA time zone, reporting rules,
/// ordered contents (compact order of criteria) and the member list.</summary>
public sealed record RefCompact(
    int Year,
    string TimeZone,
    RefReporting Reporting,
    IReadOnlyList<RefContent> Contents,
    IReadOnlyList<string> MemberUnitIds);
