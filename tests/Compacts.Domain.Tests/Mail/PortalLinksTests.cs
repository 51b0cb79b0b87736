using Compacts.Domain.Reminders;

namespace Compacts.Domain.Tests.Mail;

public class PortalLinksTests
{
    private static readonly Period March = new(2024, 3);

    [Fact]
    public void Each_page_is_the_portals_hash_route_after_its_address()
    {
        var portal = new PortalLinks(new Uri("https://thidua.example.gov.vn/"));

        Assert.Equal("https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an", portal.Report("cum6-2024", March, "nghe-an").AbsoluteUri);
        Assert.Equal("https://thidua.example.gov.vn/#/standings/cum6-2024/2024-03", portal.Standings("cum6-2024", March).AbsoluteUri);
        Assert.Equal("https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03", portal.ReviewQueue("cum6-2024", March).AbsoluteUri);
        Assert.Equal("https://thidua.example.gov.vn/#/review/cum6-2024/2024-03/nghe-an", portal.Review("cum6-2024", March, "nghe-an").AbsoluteUri);
    }

    [Theory]
    [InlineData("http://localhost:7071/", "http://localhost:7071/#/standings/c/2024-03")]
    [InlineData("http://localhost:7071", "http://localhost:7071/#/standings/c/2024-03")]
    [InlineData("https://cong.example.gov.vn/thidua/", "https://cong.example.gov.vn/thidua/#/standings/c/2024-03")]
    [InlineData("https://cong.example.gov.vn/thidua/index.html", "https://cong.example.gov.vn/thidua/index.html#/standings/c/2024-03")]
    [InlineData("https://thidua.example.gov.vn/#/home", "https://thidua.example.gov.vn/#/standings/c/2024-03")]
    public void A_portal_under_a_path_keeps_it_and_a_fragment_it_had_is_replaced(string portal, string expected)
    {
        Assert.Equal(expected, new PortalLinks(new Uri(portal)).Standings("c", March).AbsoluteUri);
    }

    [Fact]
    public void Ids_are_escaped_in_the_route()
    {
        var link = new PortalLinks(new Uri("https://p.example/")).Report("c", March, "a#b/c");

        Assert.Equal("https://p.example/#/report/c/2024-03/a%23b%2Fc", link.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://thidua.example.gov.vn/", true)]
    [InlineData("http://localhost:7071/", true)]
    [InlineData("ftp://thidua.example.gov.vn/", false)]
    [InlineData("file:///srv/portal/index.html", false)]
    [InlineData("mailto:thuky@example.gov.vn", false)]
    [InlineData("/portal/", false)]
    [InlineData("thidua.example.gov.vn", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_portals_address_is_an_absolute_http_or_https_URL(string? text, bool valid)
    {
        Assert.Equal(valid, PortalLinks.IsPortalAddress(text));
        if (!valid && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            Assert.Throws<ArgumentException>(() => new PortalLinks(uri));
        }
    }
}
