namespace Compacts.Functions.Office;

/// <summary>
/// The table of a workbook's first sheet as <see cref="XlsxReader"/> read it: the header row (the first row with the header the
/// import looks for), its columns' headers by column letter (NFC-normalised and trimmed), the data rows after it that hold any value
/// (a row of empty cells is skipped, so empty trailing rows do not count), and what the reading itself refused (merged cells in the
/// table, error values, formulas without a cached value, values in columns without a header).
/// </summary>
public sealed record SheetTable(
    string Sheet,
    int HeaderRow,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<IReadOnlyDictionary<string, SheetCell>> Rows,
    IReadOnlyList<CellProblem> Problems)
{
    /// <summary>The workbook counts its date serials from 1904 (an old Mac setting), not from 1900.</summary>
    public bool Date1904 { get; init; }

    /// <summary>A date cell's serial number as the local date and time it shows (Excel's 1900 system counts from 30 December 1899).</summary>
    public DateTime LocalDateTime(double serial) =>
        (Date1904 ? new DateTime(1904, 1, 1) : new DateTime(1899, 12, 30)).AddSeconds(Math.Round(serial * 86_400));
}
