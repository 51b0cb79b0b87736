using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Compacts.Domain.Reminders;

/// <summary>
/// A mail's body as blocks — paragraphs, lists, tables, links — written once as plain text and once as HTML (every piece of
/// text escaped: names, comments and titles may hold markup).
/// </summary>
internal sealed class MailBody
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All); // escapes markup, keeps Vietnamese letters
    private readonly List<(string Text, string Html)> _blocks = [];

    public MailBody Line(string text)
    {
        _blocks.Add((text, $"<p>{Html.Encode(text)}</p>"));
        return this;
    }

    /// <summary>A paragraph only when there is something to say.</summary>
    public MailBody LineIf(bool condition, Func<string> text) => condition ? Line(text()) : this;

    public MailBody List(IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            _blocks.Add((string.Join("\r\n", list.Select(i => $"- {i}")), $"<ul>{string.Concat(list.Select(i => $"<li>{Html.Encode(i)}</li>"))}</ul>"));
        }

        return this;
    }

    /// <summary>A table in HTML; in plain text one list line per row, written by <paramref name="asText"/>.</summary>
    public MailBody Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, Func<IReadOnlyList<string>, string> asText)
    {
        var html = new StringBuilder("<table border=\"1\" cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse\"><thead><tr>");
        foreach (var cell in header)
        {
            html.Append("<th>").Append(Html.Encode(cell)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Html.Encode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        _blocks.Add((string.Join("\r\n", rows.Select(r => $"- {asText(r)}")), html.Append("</tbody></table>").ToString()));
        return this;
    }

    /// <summary>A link to a portal page: <c>label: url</c> in plain text, an anchor in HTML.</summary>
    public MailBody Link(string label, Uri url)
    {
        _blocks.Add(($"{label}: {url.AbsoluteUri}", $"<p><a href=\"{Html.Encode(url.AbsoluteUri)}\">{Html.Encode(label)}</a></p>"));
        return this;
    }

    public MailText Build(string subject) => new(
        subject,
        string.Join("\r\n", _blocks.Select(b => b.Text)) + "\r\n",
        $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>{string.Concat(_blocks.Select(b => b.Html))}</body></html>");
}
