namespace Compacts.Domain.Tests;

/// <summary>Valid drafts to start from; each test changes one thing.</summary>
internal static class Drafts
{
    public static CriterionDraft Quantitative(string id = "crime-reduction") => new(
        id, "Kéo giảm tội phạm ít nhất 5%", "quantitative", 20, "decrease", "percentChange", "cumulative", "leaderRelative",
        new Dictionary<string, TargetDraft?> { ["thanh-hoa"] = new(5, 2410), ["nghe-an"] = new(5, 2650) }, null, null, null);

    public static CriterionDraft Qualitative(string id = "ministry-targets") =>
        new(id, "Hoàn thành chỉ tiêu Bộ giao", "qualitative", 10, null, null, null, null, null, null, null, null);

    public static CriterionDraft Occurrence(string id = "charity-houses") =>
        new(id, "Nhà tình nghĩa", "occurrence", 10, null, null, null, null, null, 2.5m, null, null);

    public static CriterionDraft Adjustment(string id = "bonus") =>
        new(id, "Điểm thưởng", "adjustment", null, null, null, null, null, null, null, 0, 2);

    public static CompactDraft Compact(params CriterionDraft?[] criteria) => new(
        "Giao ước thi đua \"Vì an ninh Tổ quốc\" năm 2024",
        "Cụm thi đua số 6 - Bộ Công an",
        2024,
        "Asia/Ho_Chi_Minh",
        "2024-03-14",
        [new MemberDraft("thanh-hoa", "head"), new MemberDraft("nghe-an", "member"), new MemberDraft("ha-tinh", "member")],
        new ReportingDraft(5, "17:00", 0.5m, 10, [3, 1]),
        [new ContentDraft("c4", "Kéo giảm tội phạm", criteria.Length > 0 ? criteria : [Quantitative(), Qualitative(), Occurrence(), Adjustment()])]);

    public static Compact Valid(params CriterionDraft?[] criteria)
    {
        var (compact, errors) = CompactValidator.Validate(Compact(criteria));
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return compact!;
    }
}
