namespace Compacts.Domain.Tests;

public class ReportValidatorTests
{
    private static readonly Compact Compact = Drafts.Valid();

    private static Dictionary<string, InputValue> Complete() => new()
    {
        ["crime-reduction"] = new NumberInput("1180"),
        ["ministry-targets"] = new BooleanInput(true),
        ["charity-houses"] = new NumberInput("4"),
        ["bonus"] = new NumberInput("1"),
    };

    [Fact]
    public void A_complete_report_is_accepted_with_typed_values()
    {
        var (values, errors) = ReportValidator.Validate(Compact, "thanh-hoa", Complete(), fromForm: false);

        Assert.True(errors.IsEmpty);
        Assert.Equal(1180, values["crime-reduction"].Number);
        Assert.True(values["ministry-targets"].Flag);
        Assert.Equal(4, values["charity-houses"].Number);
        Assert.Equal(1, values["bonus"].Number);
    }

    [Fact]
    public void Adjustments_are_optional()
    {
        var input = Complete();
        input.Remove("bonus");

        var (values, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: false);

        Assert.True(errors.IsEmpty);
        Assert.False(values.ContainsKey("bonus"));
    }

    [Fact]
    public void A_unit_without_a_target_reports_no_value_for_that_criterion()
    {
        var input = Complete();
        input.Remove("crime-reduction");

        var (_, errors) = ReportValidator.Validate(Compact, "ha-tinh", input, fromForm: false);
        Assert.True(errors.IsEmpty);

        var (_, withValue) = ReportValidator.Validate(Compact, "ha-tinh", Complete(), fromForm: false);
        Assert.True(withValue.ToDictionary().ContainsKey("values.crime-reduction"));
    }

    public static TheoryData<string, string, InputValue?> InvalidJsonValues => new()
    {
        { "missing quantitative value", "crime-reduction", null },
        { "negative quantity", "crime-reduction", new NumberInput("-1") },
        { "infinite quantity", "crime-reduction", new NumberInput("Infinity") },
        { "NaN quantity", "crime-reduction", new NumberInput("NaN") },
        { "huge quantity", "crime-reduction", new NumberInput("1e300") },
        { "number sent as a string", "crime-reduction", new TextInput("1180", FromForm: false) },
        { "boolean for a number", "crime-reduction", new BooleanInput(true) },
        { "null value", "crime-reduction", new OtherInput("Null") },
        { "object value", "crime-reduction", new OtherInput("Object") },
        { "missing qualitative value", "ministry-targets", null },
        { "number for a boolean", "ministry-targets", new NumberInput("1") },
        { "'true' as a JSON string", "ministry-targets", new TextInput("true", FromForm: false) },
        { "missing occurrence count", "charity-houses", null },
        { "fractional count", "charity-houses", new NumberInput("2.5") },
        { "negative count", "charity-houses", new NumberInput("-2") },
        { "bonus above max", "bonus", new NumberInput("2.01") },
        { "bonus below min", "bonus", new NumberInput("-0.5") },
    };

    [Theory]
    [MemberData(nameof(InvalidJsonValues))]
    public void An_invalid_value_is_rejected_naming_the_criterion(string because, string criterion, InputValue? value)
    {
        var input = Complete();
        if (value is null)
        {
            input.Remove(criterion);
        }
        else
        {
            input[criterion] = value;
        }

        var (_, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: false);

        Assert.True(errors.ToDictionary().ContainsKey($"values.{criterion}"), because);
        Assert.Single(errors.ToDictionary());
    }

    [Fact]
    public void Unknown_criterion_ids_are_rejected()
    {
        var input = Complete();
        input["arrests"] = new NumberInput("3");

        var (_, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: false);

        Assert.Equal(["values.arrests"], errors.ToDictionary().Keys.ToArray());
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    public void Form_booleans_are_read_as_html_forms_send_them(string text, bool expected)
    {
        var input = Form();
        input["ministry-targets"] = new TextInput(text, FromForm: true);

        var (values, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: true);

        Assert.True(errors.IsEmpty);
        Assert.Equal(expected, values["ministry-targets"].Flag);
    }

    [Fact]
    public void An_unticked_form_checkbox_means_false()
    {
        var input = Form();
        input.Remove("ministry-targets");

        var (values, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: true);

        Assert.True(errors.IsEmpty);
        Assert.False(values["ministry-targets"].Flag);
    }

    [Fact]
    public void Form_numbers_use_the_invariant_decimal_point_and_an_empty_bonus_is_absent()
    {
        var input = Form();
        input["crime-reduction"] = new TextInput(" 1180.5 ", FromForm: true);
        input["bonus"] = new TextInput("", FromForm: true);

        var (values, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: true);

        Assert.True(errors.IsEmpty);
        Assert.Equal(1180.5m, values["crime-reduction"].Number);
        Assert.False(values.ContainsKey("bonus"));
    }

    [Theory]
    [InlineData("crime-reduction", "1.180,5")]
    [InlineData("crime-reduction", "")]
    [InlineData("crime-reduction", "abc")]
    [InlineData("charity-houses", "2.5")]
    [InlineData("ministry-targets", "yes")]
    public void Form_text_that_is_not_a_value_of_the_type_is_rejected(string criterion, string text)
    {
        var input = Form();
        input[criterion] = new TextInput(text, FromForm: true);

        var (_, errors) = ReportValidator.Validate(Compact, "thanh-hoa", input, fromForm: true);

        Assert.True(errors.ToDictionary().ContainsKey($"values.{criterion}"));
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4001, false)]
    public void A_note_holds_at_most_4000_characters(int length, bool accepted)
    {
        var errors = new ValidationErrors();
        ReportValidator.ValidateNote(new string('ư', length), errors);

        Assert.Equal(accepted, errors.IsEmpty);
    }

    [Fact]
    public void A_note_keeps_line_breaks_but_not_other_control_characters()
    {
        var ok = new ValidationErrors();
        ReportValidator.ValidateNote("Dòng 1\r\nDòng 2\tx", ok);
        var bad = new ValidationErrors();
        ReportValidator.ValidateNote("bell\u0007", bad);

        Assert.True(ok.IsEmpty);
        Assert.False(bad.IsEmpty);
    }

    private static Dictionary<string, InputValue> Form() => new()
    {
        ["crime-reduction"] = new TextInput("1180", FromForm: true),
        ["ministry-targets"] = new TextInput("on", FromForm: true),
        ["charity-houses"] = new TextInput("4", FromForm: true),
    };
}
