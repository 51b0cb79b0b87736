namespace Compacts.Functions.Office;

/// <summary>
/// One sheet of a workbook: its name (at most 31 characters, none of <c>[]:*?/\</c>), the title and subtitle above the table,
/// the columns, and the rows (read once, as they are written: a row's cells in column order, null for an empty cell; a number
/// is a <see cref="decimal"/> or an <see cref="int"/>).
/// </summary>
public sealed record WorkbookSheet(string Name, string Title, string? Subtitle, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows)
{
    public const int MaxNameLength = 31;

    /// <summary>A sheet name Excel accepts, from any text: the forbidden characters replaced, cut to 31 characters.</summary>
    public static string SafeName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = new string([.. text.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '-' : c)]).Trim('\'').Trim();
        name = name.Length == 0 ? "Sheet" : name;
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }
}
