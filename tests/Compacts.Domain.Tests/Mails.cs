using Compacts.Domain.Reminders;

namespace Compacts.Domain.Tests;

/// <summary>What the mail tests compose with: the units' names, a portal, the context of a compact.</summary>
internal static class Mails
{
    public static readonly Dictionary<string, string> Names = new()
    {
        ["thanh-hoa"] = "Công an tỉnh Thanh Hóa",
        ["nghe-an"] = "Công an tỉnh Nghệ An",
        ["ha-tinh"] = "Công an tỉnh Hà Tĩnh",
        ["quang-binh"] = "Công an tỉnh Quảng Bình",
    };

    public static readonly PortalLinks Portal = new(new Uri("https://thidua.example.gov.vn/"));

    public static MailContext Context(Compact compact, IReadOnlyDictionary<string, string>? names = null) =>
        new("cum6-2024", compact, names ?? Names, Portal);
}
