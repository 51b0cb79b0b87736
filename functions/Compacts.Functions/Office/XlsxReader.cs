using Compacts.Functions.Streams;
using System.IO.Compression;
using System.Xml;

namespace Compacts.Functions.Office;

/// <summary>
/// Reads the table of an uploaded workbook's first sheet without trusting the file: the ZIP's directory is checked first (the sum
/// of the entries' declared uncompressed sizes at most <see cref="MaxUncompressedBytes"/>), and every part is then inflated through
/// a counting stream that stops at the entry's declared size and at the same total, so a ZIP that lies in its directory (a zip bomb)
/// is refused after at most the limit's bytes. The XML is read forward only (<see cref="XmlReader"/>, no document tree, no DTD), the
/// sheet row by row: a sheet's memory is the kept cells of at most <paramref name="maxRows"/> rows, whatever its size. Shared strings
/// (each <c>&lt;si&gt;</c>'s text runs, phonetic runs left out) and inline strings are both read.
/// </summary>
public static class XlsxReader
{
    public const long MaxUncompressedBytes = 50L * 1024 * 1024;

    /// <summary>Rows above the header that are looked at before the sheet is declared to have no header.</summary>
    public const int MaxRowsBeforeHeader = 100;

    /// <summary>Problems listed at most (a workbook wrong everywhere is not answered with a million lines).</summary>
    public const int MaxProblems = 1000;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    /// <summary>
    /// The first sheet's table: its header row is the first row with a cell reading <paramref name="headerName"/> (after NFC and
    /// trimming). Throws <see cref="WorkbookRefusedException"/>: 413 over a limit (uncompressed size, more than
    /// <paramref name="maxRows"/> data rows), 400 for a file that is no readable workbook or a sheet without the header.
    /// </summary>
    public static SheetTable Read(Stream zip, string headerName, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var declared = 0L;
            foreach (var entry in archive.Entries)
            {
                // Deflate never grows data by more than a few bytes a block: compressed bytes far beyond the declared size mean the
                // directory understates what the entry inflates to (a zip bomb's trick; the runtime would stop at the declared size).
                if (entry.CompressedLength > entry.Length + (entry.Length / 100) + 1024)
                {
                    throw new WorkbookRefusedException(413, $"The workbook's part '{entry.FullName}' declares {entry.Length} bytes but holds far more compressed data (a zip bomb). Nothing was stored.");
                }

                declared += entry.Length;
                if (declared > MaxUncompressedBytes)
                {
                    throw TooLarge();
                }
            }

            var budget = new Budget(MaxUncompressedBytes);
            var (sheetName, sheetPath, date1904) = FirstSheet(archive, budget);
            var strings = SharedStrings(archive, budget);
            var sheet = archive.GetEntry(sheetPath) ?? throw NotAWorkbook($"The workbook names a sheet part '{sheetPath}' it does not hold.");
            return ReadSheet(Open(sheet, budget), sheetName, strings, headerName, maxRows) with { Date1904 = date1904 };
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or FormatException or OverflowException)
        {
            throw NotAWorkbook("It is not a readable .xlsx workbook (" + ex.Message + ")");
        }
    }

    private static WorkbookRefusedException TooLarge() => new(413,
        string.Create(CultureInfo.InvariantCulture, $"The workbook unpacks to more than {MaxUncompressedBytes / (1024 * 1024)} MB. Nothing was stored."));

    private static WorkbookRefusedException NotAWorkbook(string detail) => new(400, detail.TrimEnd('.') + ". Nothing was stored.");

    private static (string Name, string Path, bool Date1904) FirstSheet(ZipArchive archive, Budget budget)
    {
        var workbook = archive.GetEntry("xl/workbook.xml") ?? throw NotAWorkbook("The file has no xl/workbook.xml: it is no Excel workbook");
        string? name = null, relationId = null;
        var date1904 = false;
        using (var reader = XmlReader.Create(Open(workbook, budget), Xml))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNs)
                {
                    continue;
                }

                if (reader.LocalName == "workbookPr")
                {
                    date1904 = reader.GetAttribute("date1904") is "1" or "true";
                }
                else if (reader.LocalName == "sheet" && name is null)
                {
                    name = reader.GetAttribute("name");
                    relationId = reader.GetAttribute("id", RelNs);
                }
            }
        }

        if (name is null || relationId is null)
        {
            throw NotAWorkbook("The workbook has no sheet");
        }

        var target = Relationships(archive, budget).GetValueOrDefault(relationId) ?? throw NotAWorkbook("The workbook's first sheet has no part");
        return (name.Normalize(NormalizationForm.FormC), PartPath(target), date1904);
    }

    private static Dictionary<string, string> Relationships(ZipArchive archive, Budget budget)
    {
        var relations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (archive.GetEntry("xl/_rels/workbook.xml.rels") is not { } entry)
        {
            return relations;
        }

        using var reader = XmlReader.Create(Open(entry, budget), Xml);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == PackageRelNs
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
            {
                relations[id] = target;
            }
        }

        return relations;
    }

    /// <summary>A relationship target of the workbook part as a path in the ZIP ("worksheets/sheet1.xml" is "xl/worksheets/sheet1.xml").</summary>
    private static string PartPath(string target) => target.StartsWith('/') ? target[1..] : "xl/" + target;

    private static List<string> SharedStrings(ZipArchive archive, Budget budget)
    {
        var strings = new List<string>();
        if (archive.GetEntry("xl/sharedStrings.xml") is not { } entry)
        {
            return strings;
        }

        using var reader = XmlReader.Create(Open(entry, budget), Xml);
        reader.MoveToContent();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.NamespaceURI == MainNs)
            {
                strings.Add(StringItem(reader));
            }
        }

        return strings;
    }

    /// <summary>The text of an <c>&lt;si&gt;</c> or <c>&lt;is&gt;</c> element: its <c>&lt;t&gt;</c> runs, phonetic runs (<c>&lt;rPh&gt;</c>) left out.</summary>
    private static string StringItem(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        var inText = false;
        var phonetic = 0;
        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement:
                    phonetic++;
                    break;
                case XmlNodeType.Element when reader.LocalName == "t":
                    inText = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText && phonetic == 0:
                    text.Append(reader.Value);
                    break;
            }
        }

        return text.ToString().Normalize(NormalizationForm.FormC);
    }

    private static SheetTable ReadSheet(Stream part, string sheetName, List<string> strings, string headerName, int maxRows)
    {
        var problems = new List<CellProblem>();
        void Problem(int row, string column, string code, string reason)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(new CellProblem(sheetName, row, column, code, reason));
            }
        }

        var headerRow = 0;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyDictionary<string, SheetCell>>();
        var merged = new List<(int FromColumn, int FromRow, int ToColumn, int ToRow, string Reference)>();
        var rowsSeen = 0;
        var lastRow = 0;
        using var reader = XmlReader.Create(part, Xml);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNs)
            {
                continue;
            }

            if (reader.LocalName == "row")
            {
                var number = reader.GetAttribute("r") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : lastRow + 1;
                lastRow = number;
                var cells = RowCells(reader, number, strings);
                if (cells.Count == 0)
                {
                    continue; // an empty row (trailing rows a spreadsheet program leaves) is no row of the table
                }

                if (headerRow == 0)
                {
                    if (++rowsSeen > MaxRowsBeforeHeader)
                    {
                        break;
                    }

                    if (cells.Values.Any(c => c.Content == CellContent.Text && c.Text.Trim() == headerName))
                    {
                        headerRow = number;
                        foreach (var cell in cells.Values.Where(c => c.Content == CellContent.Text && c.Text.Trim().Length > 0))
                        {
                            headers[cell.Column] = cell.Text.Trim();
                        }
                    }

                    continue;
                }

                if (rows.Count == maxRows)
                {
                    throw new WorkbookRefusedException(413, string.Create(CultureInfo.InvariantCulture,
                        $"The sheet '{sheetName}' has more than {maxRows} rows below its header; import at most {maxRows} at once. Nothing was stored."));
                }

                var kept = new Dictionary<string, SheetCell>(StringComparer.Ordinal);
                foreach (var cell in cells.Values)
                {
                    if (!headers.ContainsKey(cell.Column))
                    {
                        Problem(number, cell.Column, CellCodes.NoHeader, "This column has no header: a value here belongs to no column of the table.");
                        continue;
                    }

                    switch (cell.Content)
                    {
                        case CellContent.Error:
                            Problem(number, cell.Column, CellCodes.ErrorValue, $"The cell holds the error value {cell.Text}.");
                            break;
                        case CellContent.FormulaWithoutValue:
                            Problem(number, cell.Column, CellCodes.FormulaWithoutResult, "The cell's formula has no saved result; open the workbook in a spreadsheet program and save it again.");
                            break;
                        default:
                            kept[cell.Column] = cell;
                            break;
                    }
                }

                rows.Add(kept);
            }
            else if (reader.LocalName == "mergeCell" && reader.GetAttribute("ref") is { } range && range.Split(':') is [var from, var to]
                && Position(from) is { } a && Position(to) is { } b)
            {
                merged.Add((a.Column, a.Row, b.Column, b.Row, range));
            }
        }

        if (headerRow == 0)
        {
            throw NotAWorkbook($"The sheet '{sheetName}' has no header row: no row has a cell '{headerName}' (the template's header row)");
        }

        var lastDataRow = rows.Count == 0 ? headerRow : rows[^1].Values.Select(c => c.Row).DefaultIfEmpty(headerRow).Max();
        foreach (var (fromColumn, fromRow, toColumn, toRow, reference) in merged)
        {
            if (toRow >= headerRow && fromRow <= Math.Max(lastDataRow, headerRow) && (fromColumn != toColumn || fromRow != toRow))
            {
                Problem(fromRow, ColumnName(fromColumn), CellCodes.Merged,
                    $"The cells {reference} are merged; a merged cell cannot be imported (its value would belong to its first cell only). Unmerge them and fill each cell.");
            }
        }

        return new SheetTable(sheetName, headerRow, headers, rows, problems);
    }

    /// <summary>The non-empty cells of the row the reader is on, by column letter; the reader is left at the row's end.</summary>
    private static Dictionary<string, SheetCell> RowCells(XmlReader reader, int rowNumber, List<string> strings)
    {
        var cells = new Dictionary<string, SheetCell>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            return cells;
        }

        var depth = reader.Depth;
        var nextColumn = 1;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c")
            {
                continue;
            }

            var column = reader.GetAttribute("r") is { } r && Position(r) is { } p ? p.Column : nextColumn;
            nextColumn = column + 1;
            var type = reader.GetAttribute("t") ?? "n";
            string? value = null, inline = null;
            var formula = false;
            if (!reader.IsEmptyElement)
            {
                var cellDepth = reader.Depth;
                var inValue = false;
                var valueText = new StringBuilder();
                while (reader.Read() && reader.Depth > cellDepth)
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element when reader.LocalName == "v":
                            inValue = !reader.IsEmptyElement;
                            value = "";
                            break;
                        case XmlNodeType.Element when reader.LocalName == "f":
                            formula = true;
                            break;
                        case XmlNodeType.Element when reader.LocalName == "is":
                            inline = StringItem(reader);
                            break;
                        case XmlNodeType.EndElement when reader.LocalName == "v":
                            inValue = false;
                            value = valueText.ToString();
                            break;
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inValue:
                            valueText.Append(reader.Value);
                            break;
                    }
                }
            }

            var name = ColumnName(column);
            var cell = (type, value, inline) switch
            {
                (_, null or "", null) when formula => new SheetCell(rowNumber, name, CellContent.FormulaWithoutValue, ""),
                ("inlineStr", _, { } text) => Text(text),
                ("s", { } index, _) => Text(strings[int.Parse(index, CultureInfo.InvariantCulture)]),
                ("str" or "d", { } text, _) => Text(text.Normalize(NormalizationForm.FormC)),
                ("b", { } flag, _) => new SheetCell(rowNumber, name, CellContent.Boolean, flag.Trim() == "1" ? "TRUE" : "FALSE"),
                ("e", { } error, _) => new SheetCell(rowNumber, name, CellContent.Error, error),
                ("n", { Length: > 0 } number, _) => new SheetCell(rowNumber, name, CellContent.Number, ShortestDecimal(number)),
                _ => null,
            };
            if (cell is not null)
            {
                cells[name] = cell;
            }

            SheetCell? Text(string text) => text.Trim().Length == 0 ? null : new SheetCell(rowNumber, name, CellContent.Text, text);
        }

        return cells;
    }

    /// <summary>
    /// A number cell's value as the shortest decimal that reads back as the same double: Excel stores binary doubles and writes up to
    /// 17 digits, so a cell showing 1180.1 may hold <c>1180.0999999999999</c>; the digits the person typed are the shortest ones.
    /// </summary>
    public static string ShortestDecimal(string stored) =>
        double.Parse(stored, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The column number and row of an A1 reference; null when it is not one.</summary>
    public static (int Column, int Row)? Position(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
            if (column > 16_384)
            {
                return null;
            }
        }

        return i > 0 && i < reference.Length && int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0
            ? (column, row)
            : null;
    }

    /// <summary>A column's letters: 1 is A, 27 is AA.</summary>
    public static string ColumnName(int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters;
    }

    private static InflateLimit Open(ZipArchiveEntry entry, Budget budget) => new InflateLimit(entry.Open(), entry.Length, budget);

    /// <summary>What may still be inflated across all the workbook's parts.</summary>
    private sealed class Budget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    /// <summary>
    /// An entry's inflated bytes, counted: more than the entry declared in the directory, or more than the workbook's budget, and the
    /// read throws (413) instead of inflating on.
    /// </summary>
    private sealed class InflateLimit(Stream inner, long declared, Budget budget) : ForwardOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            ReadSoFar += n;
            budget.Left -= n;
            if (ReadSoFar > declared || budget.Left < 0)
            {
                throw TooLarge();
            }

            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
