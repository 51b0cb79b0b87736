namespace Compacts.Functions.Office;

/// <summary>
/// The heading of an official document (thể thức văn bản): on the left the governing authority and the issuing body in capitals,
/// on the right the national title and motto, below them the place and date line. For a cluster named
/// "Cụm thi đua số 6 - Bộ Công an" the authority is "BỘ CÔNG AN" and the issuer "CỤM THI ĐUA SỐ 6"; a name without " - " is
/// the issuer alone.
/// </summary>
public sealed record OfficialHeading(string? Authority, string Issuer, string? Place, DateOnly Date)
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static OfficialHeading Of(string cluster, string? place, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var split = cluster.LastIndexOf(" - ", StringComparison.Ordinal);
        return split > 0
            ? new OfficialHeading(cluster[(split + 3)..].Trim().ToUpper(Vietnamese), cluster[..split].Trim().ToUpper(Vietnamese), place, date)
            : new OfficialHeading(null, cluster.Trim().ToUpper(Vietnamese), place, date);
    }

    /// <summary>
    /// "Thanh Hóa, ngày 02 tháng 12 năm 2026": a day below 10 and the months 1 and 2 take a leading zero, as the rules for
    /// official documents ask.
    /// </summary>
    public string DateLine
    {
        get
        {
            var day = Date.Day < 10 ? $"0{Date.Day}" : Date.Day.ToString(CultureInfo.InvariantCulture);
            var month = Date.Month <= 2 ? $"0{Date.Month}" : Date.Month.ToString(CultureInfo.InvariantCulture);
            var date = string.Create(CultureInfo.InvariantCulture, $"ngày {day} tháng {month} năm {Date.Year}");
            return string.IsNullOrWhiteSpace(Place) ? Capitalized(date) : $"{Place}, {date}";
        }
    }

    private static string Capitalized(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);
}
