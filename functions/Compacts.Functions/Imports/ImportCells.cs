using Compacts.Functions.Office;

namespace Compacts.Functions.Imports;

/// <summary>How an import reads a cell: ids and headers compared after NFC and trimming, numbers by the number rules, instants in the compact's zone.</summary>
public static class ImportCells
{
    /// <summary>A cell as a report value: a number cell as its digits, text (a number stored as text) as a form field is read, TRUE/FALSE as a boolean.</summary>
    public static InputValue Value(SheetCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Content switch
        {
            CellContent.Number => new NumberInput(cell.Text),
            CellContent.Boolean => new BooleanInput(cell.Text == "TRUE"),
            _ => new TextInput(cell.Text.Trim(), FromForm: true),
        };
    }

    /// <summary>A cell's text, NFC-normalised and trimmed (a number cell gives its digits).</summary>
    public static string Text(SheetCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Text.Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>
    /// An instant from a cell: a date-time cell (a serial number) or text <c>yyyy-MM-dd HH:mm[:ss]</c> is a local time of the compact's
    /// zone; text with a UTC offset (<c>2024-04-03T09:12:00+07:00</c>) is that instant. Null with a reason otherwise.
    /// </summary>
    public static (DateTimeOffset? Instant, string? Problem) Instant(SheetCell cell, SheetTable table, CompactCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(calendar);
        const string Expected = "receivedAt must be a date and time (a date cell, 2024-04-03 09:12 in the compact's time zone, or 2024-04-03T09:12:00+07:00).";
        if (cell.Content == CellContent.Number)
        {
            var serial = double.Parse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return serial is > 0 and < 2_958_466 ? (calendar.ToUtc(table.LocalDateTime(serial)), null) : (null, Expected);
        }

        var text = Text(cell);
        if (OffsetInstant.TryParse(text) is { } instant)
        {
            return (instant, null);
        }

        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? (calendar.ToUtc(local), null)
            : (null, Expected);
    }
}
