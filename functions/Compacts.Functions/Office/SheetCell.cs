namespace Compacts.Functions.Office;

/// <summary>
/// One non-empty cell as a workbook holds it: a number (its shortest round-trip decimal text, <c>1180.0999999999999</c> read as
/// <c>1180.1</c>), text (NFC-normalised, not trimmed), a boolean (<c>TRUE</c>/<c>FALSE</c>), or an error value such as <c>#DIV/0!</c>.
/// A formula counts as its cached value.
/// </summary>
public sealed record SheetCell(int Row, string Column, CellContent Content, string Text)
{
    public string Reference => string.Create(CultureInfo.InvariantCulture, $"{Column}{Row}");
}
