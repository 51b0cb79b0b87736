using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Review;

public class EffectiveValuesTests
{
    private static readonly Dictionary<string, ReportValue> Reported = new(StringComparer.Ordinal)
    {
        ["crime-reduction"] = ReportValue.Of(3000),
        ["ministry-targets"] = ReportValue.Of(true),
        ["bonus"] = ReportValue.Of(1),
    };

    private static readonly Dictionary<string, ReviewItem> Confirming = new(StringComparer.Ordinal)
    {
        ["crime-reduction"] = new("Theo thống kê ngành", true, ReportValue.Of(2990)),
        ["ministry-targets"] = new("Đã đối chiếu", false, ReportValue.Of(true)),
        ["bonus"] = new("Không có quyết định", true, null),
        ["charity-houses"] = new("Chỉ ghi nhận", false, null),
        ["penalty"] = new("Bị phê bình", true, ReportValue.Of(-1)),
    };

    [Fact]
    public void Without_a_confirming_review_the_reported_values_count()
    {
        Assert.Equal(Reported, EffectiveValues.Of(Reported, null));
        Assert.Empty(EffectiveValues.Corrections(Reported, null));
    }

    [Fact]
    public void A_correction_replaces_the_reported_value_a_removal_drops_it_and_other_items_change_nothing()
    {
        var effective = EffectiveValues.Of(Reported, Confirming);

        Assert.Equal(
            new Dictionary<string, ReportValue>
            {
                ["crime-reduction"] = ReportValue.Of(2990),
                ["ministry-targets"] = ReportValue.Of(true),
                ["penalty"] = ReportValue.Of(-1), // set by the reviewer where the unit left it empty
            },
            effective);
        Assert.Equal(ReportValue.Of(3000), Reported["crime-reduction"]); // the reported values are left as they were
    }

    [Fact]
    public void The_corrections_list_old_and_new_values_side_by_side_by_criterion_id()
    {
        Assert.Equal(
            [
                new Correction("bonus", ReportValue.Of(1), null, "Không có quyết định"),
                new Correction("crime-reduction", ReportValue.Of(3000), ReportValue.Of(2990), "Theo thống kê ngành"),
                new Correction("penalty", null, ReportValue.Of(-1), "Bị phê bình"),
            ],
            EffectiveValues.Corrections(Reported, Confirming));
    }
}
