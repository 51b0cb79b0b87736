using System.Globalization;

namespace Compacts.Domain.Tests;

public class ExactNumbersTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("8.75", "8.75")]
    [InlineData("1180.10", "1180.1")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E+2", "150")]
    [InlineData("25e-1", "2.5")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("1000000000000", "1000000000000")]
    [InlineData("0.100000000000000000000000000000", "0.1")]
    [InlineData(" 42 ", "42")]
    public void A_decimal_as_written_is_read_exactly(string text, string expected)
    {
        Assert.True(ExactNumbers.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("1e-308")]
    [InlineData("5e-324")]
    [InlineData("1234567890123456")]
    [InlineData("1180.0999999999999")]
    [InlineData("0.30000000000000004")]
    public void More_than_15_significant_digits_or_6_after_the_point_is_refused(string text)
    {
        Assert.False(ExactNumbers.TryParse(text, out _, out var problem));
        Assert.Equal(ExactNumbers.PrecisionMessage, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999999999999")]
    [InlineData("0x10")]
    public void Anything_else_is_not_a_number(string text) => Assert.False(ExactNumbers.TryParse(text, out _, out _));

    [Fact]
    public void A_zero_with_a_huge_exponent_is_still_zero()
    {
        Assert.True(ExactNumbers.TryParse("0e999999999999", out var value, out _));
        Assert.Equal(0m, value);
    }
}
