using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Compacts.Functions.Office;

/// <summary>
/// Writes a workbook the way offices file it, with the Open XML SDK: each sheet begins with the official heading
/// (<see cref="OfficialHeading"/>), then the title, the subtitle and the table; the rows through the rows of the table are frozen,
/// the header row repeats on every printed page, and the page is A4 landscape, fitted to one page wide. Cells are written as
/// they come (the SDK's <see cref="OpenXmlWriter"/>, no document tree), so a sheet of any length takes the memory of one row;
/// texts are inline strings (no shared-string table to hold), numbers are numbers.
/// </summary>
public static class XlsxWriter
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int HeaderRow = 8;
    private const double HeadingWidth = 90;
    private const double DefaultWidth = 9;

    private static class Style
    {
        public const uint Default = 0, Bold = 1, Centered = 2, Italic = 3, Title = 4, Header = 5, Text = 6, Integer = 7, Score = 8;
    }

    public static void Write(Stream stream, OfficialHeading heading, IEnumerable<WorkbookSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var written = new List<(string Name, string PartId)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            var name = Unique(sheet.Name, names);
            var part = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                WriteSheet(writer, heading, sheet);
            }

            written.Add((name, workbookPart.GetIdOfPart(part)));
        }

        workbookPart.Workbook = new Workbook(
            new Sheets(written.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = s.PartId })),
            new DefinedNames(written.Select((s, i) => new DefinedName($"'{s.Name.Replace("'", "''", StringComparison.Ordinal)}'!${HeaderRow}:${HeaderRow}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = (uint)i,
            })));
        workbookPart.Workbook.Save();
    }

    private static void WriteSheet(OpenXmlWriter writer, OfficialHeading heading, WorkbookSheet sheet)
    {
        var columns = sheet.Columns;
        // The heading needs about 90 characters across (the national title and motto on the right, the issuer on the left): a
        // narrow table's heading runs on over extra columns of the default width.
        var widths = columns.Select(c => c.Width).ToList();
        while (widths.Count < 2 || widths.Sum() < HeadingWidth)
        {
            widths.Add(DefaultWidth);
        }

        var last = widths.Count;
        var split = 1; // the heading's left block: columns 1..split, about two fifths of the width
        while (split < last - 1 && widths.Take(split).Sum() < widths.Sum() * 0.38)
        {
            split++;
        }

        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = HeaderRow,
                TopLeftCell = $"A{HeaderRow + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue>([$"A{HeaderRow + 1}"]) })
        {
            WorkbookViewId = 0,
        }));
        writer.WriteElement(new Columns(widths.Select((width, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = width,
            CustomWidth = true,
        })));

        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, [(1, heading.Authority ?? heading.Issuer, heading.Authority is null ? Style.Bold : Style.Centered), (split + 1, OfficialHeading.Nation, Style.Bold)]);
        WriteRow(writer, 2, [(1, heading.Authority is null ? null : heading.Issuer, Style.Bold), (split + 1, OfficialHeading.Motto, Style.Bold)]);
        WriteRow(writer, 3, [(split + 1, heading.DateLine, Style.Italic)]);
        WriteRow(writer, 5, [(1, sheet.Title, Style.Title)], TitleHeight(sheet.Title, columns));
        if (sheet.Subtitle is not null)
        {
            WriteRow(writer, 6, [(1, sheet.Subtitle, Style.Italic)]);
        }

        WriteRow(writer, HeaderRow, [.. columns.Select((c, i) => (i + 1, (string?)c.Header, Style.Header))], HeaderHeight(columns));
        var rowIndex = HeaderRow;
        foreach (var row in sheet.Rows)
        {
            rowIndex++;
            writer.WriteStartElement(DataHeight(columns, row) is { } points
                ? new Row { RowIndex = (uint)rowIndex, Height = points, CustomHeight = true }
                : new Row { RowIndex = (uint)rowIndex });
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WriteElement(DataCell(Reference(i + 1, rowIndex), columns[i].Kind, i < row.Count ? row[i] : null));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData

        var merges = new List<(int From, int To, int Row)> { (1, split, 1), (split + 1, last, 1), (1, split, 2), (split + 1, last, 2), (split + 1, last, 3), (1, last, 5) };
        if (sheet.Subtitle is not null)
        {
            merges.Add((1, last, 6));
        }

        writer.WriteElement(new MergeCells(merges.Where(m => m.To > m.From).Select(m => new MergeCell { Reference = $"{Reference(m.From, m.Row)}:{Reference(m.To, m.Row)}" })));
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteEndElement(); // worksheet
    }

    /// <summary>
    /// Points enough for the longest wrapped header (a spreadsheet program does not grow a row for wrapped text on opening): a
    /// line per width's worth of characters, at most six.
    /// </summary>
    private static double HeaderHeight(IEnumerable<SheetColumn> columns) =>
        16 * columns.Select(c => Math.Clamp((int)Math.Ceiling(c.Header.Length * 1.35 / Math.Max(c.Width - 1, 1)), 1, 6)).DefaultIfEmpty(1).Max();

    /// <summary>
    /// Points for a data row whose text wraps (12 pt, as the headers: a spreadsheet program keeps the default height on opening, and
    /// wrapped lines would overlap the next row); null for a row on one line.
    /// </summary>
    private static double? DataHeight(IReadOnlyList<SheetColumn> columns, IReadOnlyList<object?> row)
    {
        var lines = 1;
        for (var i = 0; i < columns.Count && i < row.Count; i++)
        {
            if (columns[i].Kind == CellKind.Text && row[i] is string text)
            {
                lines = Math.Max(lines, Math.Clamp((int)Math.Ceiling(text.Length * 1.05 / Math.Max(columns[i].Width - 1, 1)), 1, 6));
            }
        }

        return lines <= 1 ? null : 16 * lines;
    }

    /// <summary>Points for the title merged across the table, wrapped over as many lines as it needs (14 pt bold).</summary>
    private static double? TitleHeight(string title, IEnumerable<SheetColumn> columns)
    {
        var lines = (int)Math.Ceiling(title.Length * 1.4 / Math.Max(columns.Sum(c => c.Width), 1));
        return lines <= 1 ? null : 20 * Math.Min(lines, 6);
    }

    private static void WriteRow(OpenXmlWriter writer, int rowIndex, IEnumerable<(int Column, string? Text, uint Style)> cells, double? height = null)
    {
        writer.WriteStartElement(height is { } points ? new Row { RowIndex = (uint)rowIndex, Height = points, CustomHeight = true } : new Row { RowIndex = (uint)rowIndex });
        foreach (var (column, text, style) in cells)
        {
            writer.WriteElement(TextCell(Reference(column, rowIndex), text ?? "", style));
        }

        writer.WriteEndElement();
    }

    private static Cell DataCell(string reference, CellKind kind, object? value) => value switch
    {
        null => new Cell { CellReference = reference, StyleIndex = kind == CellKind.Text ? Style.Text : Style.Integer },
        decimal number => NumberCell(reference, number.ToString(CultureInfo.InvariantCulture), kind == CellKind.Count ? Style.Integer : Style.Score),
        int number => NumberCell(reference, number.ToString(CultureInfo.InvariantCulture), kind == CellKind.Score ? Style.Score : Style.Integer),
        _ => TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", Style.Text),
    };

    private static Cell NumberCell(string reference, string invariant, uint style) =>
        new(new CellValue(invariant)) { CellReference = reference, DataType = CellValues.Number, StyleIndex = style };

    private static Cell TextCell(string reference, string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };

    /// <summary>A1-style reference: column 1 is A, 27 is AA.</summary>
    public static string Reference(int column, int row)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{letters}{row}");
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = WorkbookSheet.SafeName(name);
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            var stem = WorkbookSheet.SafeName(name);
            candidate = (stem.Length + suffix.Length <= WorkbookSheet.MaxNameLength ? stem : stem[..(WorkbookSheet.MaxNameLength - suffix.Length)]) + suffix;
        }

        return candidate;
    }

    private static Stylesheet Stylesheet()
    {
        static Font Font(double size, bool bold = false, bool italic = false)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            if (italic)
            {
                font.Append(new Italic());
            }

            font.Append(new FontSize { Val = size }, new FontName { Val = "Times New Roman" }, new FontFamilyNumbering { Val = 1 });
            return font;
        }

        static CellFormat Format(uint font, uint fill = 0, uint border = 0, uint numberFormat = 0, HorizontalAlignmentValues? horizontal = null, bool wrap = false)
        {
            var format = new CellFormat { FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, FormatId = 0 };
            format.ApplyFont = font != 0;
            format.ApplyFill = fill != 0;
            format.ApplyBorder = border != 0;
            format.ApplyNumberFormat = numberFormat != 0;
            if (horizontal is not null || wrap)
            {
                format.ApplyAlignment = true;
                format.Append(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap });
            }

            return format;
        }

        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }) { Count = 1 },
            new Fonts(Font(12), Font(12, bold: true), Font(12, italic: true), Font(14, bold: true)) { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE6F0" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            new CellFormats(
                Format(0),                                                                        // Default
                Format(1, horizontal: HorizontalAlignmentValues.Center),                          // Bold
                Format(0, horizontal: HorizontalAlignmentValues.Center),                          // Centered
                Format(2, horizontal: HorizontalAlignmentValues.Center),                          // Italic
                Format(3, horizontal: HorizontalAlignmentValues.Center, wrap: true),              // Title
                Format(1, 2, 1, horizontal: HorizontalAlignmentValues.Center, wrap: true),        // Header
                Format(0, border: 1, horizontal: HorizontalAlignmentValues.Left, wrap: true),     // Text
                Format(0, border: 1, numberFormat: 3, horizontal: HorizontalAlignmentValues.Right), // Integer (#,##0)
                Format(0, border: 1, numberFormat: 164, horizontal: HorizontalAlignmentValues.Right)) // Score (#,##0.00)
            { Count = 9 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
