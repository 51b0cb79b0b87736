using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Review;

public class ReviewValidatorTests
{
    // crime-reduction (quantitative: targets for thanh-hoa and nghe-an only), ministry-targets (qualitative),
    // charity-houses (occurrence), bonus (adjustment 0..2).
    private static readonly Compact Compact = Drafts.Valid();

    private const string Unit = "nghe-an";

    private static readonly Dictionary<string, ReportValue> Reported = new(StringComparer.Ordinal)
    {
        ["crime-reduction"] = ReportValue.Of(3000),
        ["ministry-targets"] = ReportValue.Of(true),
        ["charity-houses"] = ReportValue.Of(3),
    };

    private static ReviewInput Confirm(params (string Id, ReviewItemInput Item)[] items) =>
        new(3, "confirm", null, items.ToDictionary(i => i.Id, i => i.Item, StringComparer.Ordinal));

    private static ReviewInput Return(params (string Id, ReviewItemInput Item)[] items) =>
        new(3, "return", "Số liệu chưa khớp với thống kê ngành.", items.ToDictionary(i => i.Id, i => i.Item, StringComparer.Ordinal));

    private static ReviewItemInput Value(string number, string? comment = null) => new(true, new NumberInput(number), comment);

    private static ReviewItemInput Comment(string comment) => new(false, null, comment);

    private static ReviewBody Valid(ReviewInput input, IReadOnlyDictionary<string, ReportValue>? reported = null)
    {
        var (body, errors) = ReviewValidator.Validate(Compact, Unit, input, reported ?? Reported);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return body!;
    }

    [Fact]
    public void A_confirm_needs_neither_a_comment_nor_items()
    {
        var body = Valid(new ReviewInput(3, "confirm", null, null));

        Assert.Equal((3, ReviewDecision.Confirm, ""), (body.Revision, body.Decision, body.Comment));
        Assert.Empty(body.Items);
    }

    [Fact]
    public void A_value_that_differs_from_the_reported_one_is_a_correction_with_its_comment()
    {
        var body = Valid(Confirm(("crime-reduction", Value("2990", "Theo số liệu thống kê ngành")), ("ministry-targets", new(true, new BooleanInput(false), "Chưa đạt"))));

        Assert.Equal(new ReviewItem("Theo số liệu thống kê ngành", true, ReportValue.Of(2990)), body.Items["crime-reduction"]);
        Assert.Equal(new ReviewItem("Chưa đạt", true, ReportValue.Of(false)), body.Items["ministry-targets"]);
    }

    [Fact]
    public void A_value_equal_to_the_reported_one_is_no_correction_and_needs_no_comment()
    {
        var body = Valid(Confirm(("crime-reduction", Value("3000.00")), ("charity-houses", Value("3e0"))));

        Assert.Equal(new ReviewItem(null, false, ReportValue.Of(3000)), body.Items["crime-reduction"]);
        Assert.Equal(new ReviewItem(null, false, ReportValue.Of(3)), body.Items["charity-houses"]);
    }

    [Fact]
    public void A_confirm_item_may_carry_only_a_comment()
    {
        var body = Valid(Confirm(("charity-houses", Comment("Đã đối chiếu biên bản bàn giao"))));

        Assert.Equal(new ReviewItem("Đã đối chiếu biên bản bàn giao", false, null), body.Items["charity-houses"]);
    }

    [Fact]
    public void A_reviewer_sets_an_adjustment_the_unit_left_empty_and_null_removes_a_reported_one()
    {
        var withBonus = new Dictionary<string, ReportValue>(Reported) { ["bonus"] = ReportValue.Of(1) };

        var set = Valid(Confirm(("bonus", Value("1", "Được Bộ khen đột xuất"))));
        var removed = Valid(Confirm(("bonus", new(true, null, "Không có quyết định khen"))), withBonus);
        var removedAsTheHttpLayerWritesNull = Valid(Confirm(("bonus", new(true, new OtherInput("Null"), "Không có quyết định khen"))), withBonus);
        var nothingToRemove = Valid(Confirm(("bonus", new(true, new OtherInput("null"), null))));

        Assert.Equal(new ReviewItem("Được Bộ khen đột xuất", true, ReportValue.Of(1)), set.Items["bonus"]);
        Assert.Equal(new ReviewItem("Không có quyết định khen", true, null), removed.Items["bonus"]);
        Assert.Equal(removed.Items["bonus"], removedAsTheHttpLayerWritesNull.Items["bonus"]);
        Assert.Equal(new ReviewItem(null, false, null), nothingToRemove.Items["bonus"]);
    }

    [Fact]
    public void A_return_names_each_criterion_with_its_reason()
    {
        var body = Valid(Return(("crime-reduction", Comment("Thiếu số liệu tháng 5")), ("bonus", Comment("Chưa có quyết định"))));

        Assert.Equal(ReviewDecision.Return, body.Decision);
        Assert.Equal("Số liệu chưa khớp với thống kê ngành.", body.Comment);
        Assert.Equal(new ReviewItem("Thiếu số liệu tháng 5", false, null), body.Items["crime-reduction"]);
        Assert.Equal(2, body.Items.Count);
    }

    public static TheoryData<string, ReviewInput, string> Invalid => new()
    {
        { "no revision", Confirm() with { Revision = null }, "revision" },
        { "revision 0", Confirm() with { Revision = 0 }, "revision" },
        { "no decision", Confirm() with { Decision = null }, "decision" },
        { "unknown decision", Confirm() with { Decision = "Confirm" }, "decision" },
        { "comment over 4000 characters", Confirm() with { Comment = new string('a', 4001) }, "comment" },
        { "comment with a control character", Confirm() with { Comment = "a\u0007b" }, "comment" },
        { "correction without a comment", Confirm(("crime-reduction", Value("2990"))), "items.crime-reduction.comment" },
        { "correction with a blank comment", Confirm(("crime-reduction", Value("2990", "  "))), "items.crime-reduction.comment" },
        { "correction with an over-long comment", Confirm(("crime-reduction", Value("2990", new string('a', 4001)))), "items.crime-reduction.comment" },
        { "item with neither value nor comment", Confirm(("charity-houses", new(false, null, null))), "items.charity-houses" },
        { "null for a qualitative criterion", Confirm(("ministry-targets", new(true, null, "x"))), "items.ministry-targets.value" },
        { "null for a quantitative criterion", Confirm(("crime-reduction", new(true, new OtherInput("Null"), "x"))), "items.crime-reduction.value" },
        { "a number for a qualitative criterion", Confirm(("ministry-targets", Value("1", "x"))), "items.ministry-targets.value" },
        { "a fraction of an occurrence", Confirm(("charity-houses", Value("2.5", "x"))), "items.charity-houses.value" },
        { "seven decimals", Confirm(("crime-reduction", Value("2990.1234567", "x"))), "items.crime-reduction.value" },
        { "a negative quantity", Confirm(("crime-reduction", Value("-1", "x"))), "items.crime-reduction.value" },
        { "an adjustment above its max", Confirm(("bonus", Value("2.5", "x"))), "items.bonus.value" },
        { "a number written as a JSON string", Confirm(("crime-reduction", new(true, new TextInput("2990", false), "x"))), "items.crime-reduction.value" },
        { "an object as a value", Confirm(("crime-reduction", new(true, new OtherInput("Object"), "x"))), "items.crime-reduction.value" },
        { "an unknown criterion", Confirm(("no-such", Comment("x"))), "items.no-such" },
        { "a return without a comment", Return(("bonus", Comment("x"))) with { Comment = null }, "comment" },
        { "a return with a blank comment", Return(("bonus", Comment("x"))) with { Comment = " \n" }, "comment" },
        { "a return without items", Return(), "items" },
        { "a return item without a comment", Return(("bonus", new(false, null, null))), "items.bonus.comment" },
        { "a return with a value", Return(("crime-reduction", Value("2990", "x"))), "items.crime-reduction.value" },
        { "a return with a null value", Return(("bonus", new(true, null, "x"))), "items.bonus.value" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_review_is_refused_naming_the_field(string because, ReviewInput input, string field)
    {
        var (body, errors) = ReviewValidator.Validate(Compact, Unit, input, Reported);

        Assert.Null(body);
        Assert.True(errors.ToDictionary().ContainsKey(field), $"{because}: expected '{field}', got {string.Join(", ", errors.ToDictionary().Keys)}");
    }

    [Fact]
    public void Items_are_only_for_criteria_assigned_to_the_unit()
    {
        var input = Confirm(("crime-reduction", Value("10", "x")), ("ministry-targets", Comment("ok")));

        var (body, errors) = ReviewValidator.Validate(Compact, "ha-tinh", input, new Dictionary<string, ReportValue>());

        Assert.Null(body);
        Assert.Equal(["items.crime-reduction"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_comment_of_exactly_4000_characters_is_accepted_and_only_a_rule_that_applies_is_reported()
    {
        var longest = new string('ệ', 4000);

        Assert.Equal(longest, Valid(Return(("bonus", Comment(longest))) with { Comment = longest }).Comment);
        var (_, errors) = ReviewValidator.Validate(Compact, Unit, Confirm(("crime-reduction", Value("abc", null))), Reported);
        Assert.Equal(["items.crime-reduction.value"], errors.ToDictionary().Keys); // a bad value asks for no comment
    }

    [Fact]
    public void An_explanation_gives_a_text_per_criterion_and_a_comment_that_may_be_left_out_when_items_are_given()
    {
        var full = ReviewValidator.ValidateExplanation(Compact, Unit, new ExplanationInput(2, "Đã bổ sung biên bản.",
            new Dictionary<string, InputValue> { ["crime-reduction"] = new TextInput("Số liệu theo Công an tỉnh", false) }));
        var itemsOnly = ReviewValidator.ValidateExplanation(Compact, Unit, new ExplanationInput(2, null,
            new Dictionary<string, InputValue> { ["bonus"] = new TextInput("Có quyết định số 12", false) }));
        var commentOnly = ReviewValidator.ValidateExplanation(Compact, Unit, new ExplanationInput(2, "Số liệu đúng.", null));

        Assert.Equal(2, full.Body!.Revision);
        Assert.Equal("Đã bổ sung biên bản.", full.Body.Comment);
        Assert.Equal("Số liệu theo Công an tỉnh", full.Body.Items["crime-reduction"]);
        Assert.Equal("", itemsOnly.Body!.Comment);
        Assert.Equal("Có quyết định số 12", itemsOnly.Body.Items["bonus"]);
        Assert.Empty(commentOnly.Body!.Items);
    }

    public static TheoryData<string, ExplanationInput, string> InvalidExplanations => new()
    {
        { "no revision", new ExplanationInput(null, "x", null), "revision" },
        { "negative revision", new ExplanationInput(-1, "x", null), "revision" },
        { "neither comment nor items", new ExplanationInput(1, null, null), "comment" },
        { "a blank comment and no items", new ExplanationInput(1, "  ", new Dictionary<string, InputValue>()), "comment" },
        { "an over-long comment", new ExplanationInput(1, new string('a', 4001), null), "comment" },
        { "a number for a criterion", new ExplanationInput(1, "x", new Dictionary<string, InputValue> { ["bonus"] = new NumberInput("1") }), "items.bonus" },
        { "a blank text for a criterion", new ExplanationInput(1, "x", new Dictionary<string, InputValue> { ["bonus"] = new TextInput("", false) }), "items.bonus" },
        { "an over-long text", new ExplanationInput(1, null, new Dictionary<string, InputValue> { ["bonus"] = new TextInput(new string('a', 4001), false) }), "items.bonus" },
        { "an unknown criterion", new ExplanationInput(1, "x", new Dictionary<string, InputValue> { ["nope"] = new TextInput("y", false) }), "items.nope" },
    };

    [Theory]
    [MemberData(nameof(InvalidExplanations))]
    public void An_invalid_explanation_is_refused_naming_the_field(string because, ExplanationInput input, string field)
    {
        var (body, errors) = ReviewValidator.ValidateExplanation(Compact, Unit, input);

        Assert.Null(body);
        Assert.True(errors.ToDictionary().ContainsKey(field), $"{because}: expected '{field}', got {string.Join(", ", errors.ToDictionary().Keys)}");
    }

    [Fact]
    public void An_explanation_of_a_criterion_not_assigned_to_the_unit_is_refused()
    {
        var (_, errors) = ReviewValidator.ValidateExplanation(Compact, "ha-tinh", new ExplanationInput(1, "x",
            new Dictionary<string, InputValue> { ["crime-reduction"] = new TextInput("y", false) }));

        Assert.Equal(["items.crime-reduction"], errors.ToDictionary().Keys);
    }
}
