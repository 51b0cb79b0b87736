using System.Globalization;
using System.IO.Compression;
using System.Security;

namespace Compacts.Functions.Tests.Imports;

/// <summary>
/// Writes .xlsx files cell by cell as spreadsheet programs store them (raw SpreadsheetML in a ZIP), so that a test chooses how
/// each cell is held: a shared or an inline string, a number's stored digits, a formula with or without its cached value, merged
/// cells, empty rows; and extra parts to reach a size.
/// </summary>
public sealed class TestWorkbook(string sheet = "Báo cáo")
{
    private readonly StringBuilder _rows = new();
    private readonly List<string> _shared = [];
    private readonly List<string> _merged = [];
    private readonly List<(string Name, byte[] Content, CompressionLevel Level)> _extra = [];

    public static string Inline(string text) => $"t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is>";

    public static string Number(string stored) => $"><v>{stored}</v>";

    public static string Formula(string formula, string? cached) => cached is null ? $"><f>{formula}</f>" : $"><f>{formula}</f><v>{cached}</v>";

    public static string Boolean(bool value) => $"t=\"b\"><v>{(value ? 1 : 0)}</v>";

    /// <summary>A string kept in the shared-string table.</summary>
    public string Shared(string text)
    {
        _shared.Add(text);
        return $"t=\"s\"><v>{_shared.Count - 1}</v>";
    }

    /// <summary>A row of cells: column letter and the cell's body (from <see cref="Inline"/>, <see cref="Number"/>, …); an empty list is an empty row.</summary>
    public TestWorkbook Row(int row, params (string Column, string Cell)[] cells)
    {
        _rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{row}\">");
        foreach (var (column, cell) in cells)
        {
            _rows.Append(CultureInfo.InvariantCulture, $"<c r=\"{column}{row}\" {cell}</c>");
        }

        _rows.Append("</row>");
        return this;
    }

    /// <summary>Text cells, one per column from A (null: no cell).</summary>
    public TestWorkbook Texts(int row, params string?[] texts) =>
        Row(row, [.. texts.Select((t, i) => (Column: ((char)('A' + i)).ToString(), Cell: t is null ? "" : Inline(t))).Where(c => c.Cell.Length > 0)]);

    public TestWorkbook Merge(string range)
    {
        _merged.Add(range);
        return this;
    }

    /// <summary>Raw row XML appended as is (a million rows without building a million strings).</summary>
    public TestWorkbook RawRows(Action<StringBuilder> write)
    {
        write(_rows);
        return this;
    }

    /// <summary>Another part in the ZIP (not read by the import): a picture's bytes, stored or deflated.</summary>
    public TestWorkbook Extra(string name, byte[] content, CompressionLevel level = CompressionLevel.NoCompression)
    {
        _extra.Add((name, content, level));
        return this;
    }

    public string SheetXml => $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\"><sheetData>{_rows}</sheetData>"
        + (_merged.Count == 0 ? "" : $"<mergeCells count=\"{_merged.Count}\">{string.Concat(_merged.Select(m => $"<mergeCell ref=\"{m}\"/>"))}</mergeCells>")
        + "</worksheet>";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text) => Write(zip, name, Encoding.UTF8.GetBytes(text), CompressionLevel.Optimal);
            Add("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add("xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """);
            Add("xl/sharedStrings.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"{Main}\" count=\"{_shared.Count}\" uniqueCount=\"{_shared.Count}\">"
                + string.Concat(_shared.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
            Add("xl/worksheets/sheet1.xml", SheetXml);
            foreach (var (name, content, level) in _extra)
            {
                Write(zip, name, content, level);
            }
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var entry = zip.CreateEntry(name, level).Open();
        entry.Write(content);
    }

    /// <summary>
    /// A ZIP whose directory lies: <paramref name="workbook"/> with the declared uncompressed size of <paramref name="entry"/> set to
    /// <paramref name="declared"/> in both its local header and the central directory (a zip bomb declares little and inflates to much).
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] workbook, string entry, uint declared)
    {
        var bytes = (byte[])workbook.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && Matches(bytes, i + 30, name, BitConverter.ToUInt16(bytes, i + 26)))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22), declared);
            }
            else if (signature == 0x02014b50 && Matches(bytes, i + 46, name, BitConverter.ToUInt16(bytes, i + 28)))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), declared);
            }
        }

        return bytes;
    }

    private static bool Matches(byte[] bytes, int at, byte[] name, int length) =>
        length == name.Length && at + length <= bytes.Length && bytes.AsSpan(at, length).SequenceEqual(name);
}
