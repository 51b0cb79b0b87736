namespace Compacts.Functions.Tests;

public sealed class TableKeysTests
{
    [Fact]
    public void A_compact_month_partition_is_the_compact_id_and_the_period()
    {
        Assert.Equal("cum6-2024_2024-03", TableKeys.MonthPartition("cum6-2024", new Period(2024, 3)));
    }

    [Theory]
    [InlineData("cur_thanh-hoa", true)]
    [InlineData("cur_", true)]
    [InlineData("cur`", false)]
    [InlineData("cura", false)]
    [InlineData("cu", false)]
    [InlineData("rev_thanh-hoa_000001", false)]
    public void A_prefix_range_holds_exactly_the_keys_with_the_prefix(string key, bool inside)
    {
        var (from, to) = TableKeys.PrefixRange("cur_");
        Assert.Equal(inside, string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0);
    }
}
