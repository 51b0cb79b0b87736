using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Compacts.Functions.Office;

/// <summary>
/// Writes a Word document the way official documents are set (docs/documents.md): A4 portrait, margins 20 mm top and bottom,
/// 30 mm left, 20 mm right; Times New Roman 14 pt; the heading as a borderless two-column table (authority and issuer on the
/// left, nation and motto on the right), the place and date line in italics, the title in bold capitals, the body, and the
/// signature blocks side by side.
/// </summary>
public static class DocxWriter
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Times New Roman";
    private const int BodySize = 28; // half-points: 14 pt
    private const int HeadingSize = 26; // 13 pt
    private const int NationSize = 24; // 12 pt: the national title on one line
    private const int TableSize = 24; // 12 pt
    private const int TextWidth = 11906 - 1701 - 1134; // A4 width less the margins, in twentieths of a point

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void Write(Stream stream, OfficialHeading heading, OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(document);
        using var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        var body = new Body();
        body.Append(HeadingTable(heading));
        body.Append(Line(heading.DateLine, JustificationValues.Right, italic: true, spaceBefore: 120));
        body.Append(Line(document.Title.ToUpper(Vietnamese), JustificationValues.Center, bold: true, spaceBefore: 360));
        if (document.Subtitle is not null)
        {
            body.Append(Line(document.Subtitle, JustificationValues.Center, bold: true, spaceAfter: 240));
        }

        foreach (var block in document.Body)
        {
            switch (block)
            {
                case DocumentBlock.Heading h:
                    body.Append(Line(h.Content, JustificationValues.Both, bold: true, spaceBefore: 120));
                    break;
                case DocumentBlock.Text t:
                    body.Append(BodyText(t.Content, t.Bold, t.Italic));
                    break;
                case DocumentBlock.Table table:
                    body.Append(DataTable(table));
                    body.Append(Line("", JustificationValues.Left));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown block {block.GetType().Name}.");
            }
        }

        if (document.Signatures.Count > 0)
        {
            body.Append(SignatureTable(document.Signatures));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleRunProperties(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) }))
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        });

    private static Table HeadingTable(OfficialHeading heading)
    {
        var left = new List<Paragraph>();
        if (heading.Authority is not null)
        {
            left.Add(Line(heading.Authority, JustificationValues.Center, size: HeadingSize));
        }

        left.Add(Line(heading.Issuer, JustificationValues.Center, bold: true, size: HeadingSize, underline: true));
        var right = new List<Paragraph>
        {
            Line(OfficialHeading.Nation, JustificationValues.Center, bold: true, size: NationSize),
            Line(OfficialHeading.Motto, JustificationValues.Center, bold: true, underline: true),
        };
        var leftWidth = TextWidth * 3 / 8;
        return new Table(
            new TableProperties(new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = leftWidth.ToString(CultureInfo.InvariantCulture) }, new GridColumn { Width = (TextWidth - leftWidth).ToString(CultureInfo.InvariantCulture) }),
            new TableRow(Cell(leftWidth, left), Cell(TextWidth - leftWidth, right)));
    }

    private static Table DataTable(DocumentBlock.Table table)
    {
        var total = table.Columns.Sum(c => c.Width);
        var widths = table.Columns.Select(c => (int)(TextWidth * c.Width / total)).ToList();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var result = new Table(
            new TableProperties(new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, border, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader())); // repeated on each page the table spans
        header.Append(table.Columns.Select((c, i) => Cell(widths[i], [Line(c.Header, JustificationValues.Center, bold: true, size: TableSize)])));
        result.Append(header);
        foreach (var row in table.Rows)
        {
            result.Append(new TableRow(table.Columns.Select((c, i) =>
            {
                var value = i < row.Count ? row[i] : null;
                var (text, justification) = value switch
                {
                    null => ("", JustificationValues.Left),
                    decimal d => (d.ToString(c.Kind == CellKind.Score ? "#,##0.00" : "#,##0.############", Vietnamese), JustificationValues.Right),
                    int n => (n.ToString("#,##0", Vietnamese), JustificationValues.Right),
                    _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", JustificationValues.Left),
                };
                return Cell(widths[i], [Line(text, justification, size: TableSize)]);
            })));
        }

        return result;
    }

    /// <summary>
    /// The signature blocks side by side; a single signer signs on the right half, beside the recipients' block (nơi nhận) as
    /// official documents set it.
    /// </summary>
    private static Table SignatureTable(IReadOnlyList<SignatureBlock> signatures)
    {
        var columns = Math.Max(signatures.Count, 2);
        var width = TextWidth / columns;
        var row = new TableRow();
        if (signatures.Count == 1)
        {
            row.Append(Cell(width,
            [
                Line("Nơi nhận:", JustificationValues.Left, bold: true, italic: true, size: TableSize, spaceBefore: 240),
                Line("- Các đơn vị trong Cụm;", JustificationValues.Left, size: 22),
                Line("- Lưu: VT, Cụm.", JustificationValues.Left, size: 22),
            ]));
        }

        row.Append(signatures.Select(s => Cell(width,
        [
            Line(s.Title.ToUpper(Vietnamese), JustificationValues.Center, bold: true, spaceBefore: 240),
            Line(s.Hint, JustificationValues.Center, italic: true),
            Line("", JustificationValues.Center, spaceBefore: 1200),
            Line(new string('.', 84 / columns), JustificationValues.Center), // a name line that keeps to its column
        ])));
        return new Table(
            new TableProperties(new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = width.ToString(CultureInfo.InvariantCulture) })),
            row);
    }

    private static TableCell Cell(int width, IEnumerable<Paragraph> paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
        cell.Append(paragraphs);
        return cell;
    }

    private static Paragraph BodyText(string text, bool bold, bool italic) =>
        new(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = "60", After = "60" },
                new Indentation { FirstLine = "567" },
                new Justification { Val = JustificationValues.Both }),
            Run(text, bold, italic, BodySize, underline: false));

    private static Paragraph Line(
        string text, JustificationValues justification, bool bold = false, bool italic = false, int size = BodySize, bool underline = false,
        int spaceBefore = 0, int spaceAfter = 0) =>
        new(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture), After = spaceAfter.ToString(CultureInfo.InvariantCulture) },
                new Justification { Val = justification }),
            Run(text, bold, italic, size, underline));

    private static Run Run(string text, bool bold, bool italic, int size, bool underline)
    {
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        properties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }); // the schema's order: sz before u
        if (underline)
        {
            properties.Append(new Underline { Val = UnderlineValues.Single });
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
