namespace Compacts.Functions.Office;

/// <summary>A block of an <see cref="OfficialDocument"/>'s body.</summary>
public abstract record DocumentBlock
{
    /// <summary>A justified paragraph with a first-line indent, as official texts are set.</summary>
    public sealed record Text(string Content, bool Bold = false, bool Italic = false) : DocumentBlock;

    /// <summary>A bold section heading (e.g. "I. KẾT QUẢ").</summary>
    public sealed record Heading(string Content) : DocumentBlock;

    /// <summary>A bordered table: the columns' headers in bold, then the rows (numbers right-aligned, scores with two decimals).</summary>
    public sealed record Table(IReadOnlyList<SheetColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : DocumentBlock;
}
