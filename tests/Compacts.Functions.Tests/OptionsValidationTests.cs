using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Tests;

/// <summary>Every options section is checked when the app starts: a bad setting stops the start with its message.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "Scans:DownloadMinutes", "60", "Scans:DownloadMinutes" },
        { "Scans:MaxBytes", "0", "Scans:MaxBytes" },
        { "Reminders:MaxAttempts", "0", "Reminders:MaxAttempts" },
        { "Standings:GraceDays", "-1", "Standings:GraceDays" },
        { "Compacts:DefaultTimeZone", "Mars/Olympus", "Compacts:DefaultTimeZone" },
        { "Reminders:PortalBaseUrl", "ftp://thidua.example.gov.vn/", "Reminders:PortalBaseUrl" },
        { "Reminders:PortalBaseUrl", "thidua.example.gov.vn", "Reminders:PortalBaseUrl" },
        { "Reminders:StandingsLinkBase", "/api", "Reminders:PortalBaseUrl" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_app_at_start(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await (await StartAsync(new() { [key] = value })).DisposeAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SendGrid_key_without_a_sender_address_stops_the_app_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            async () => await (await StartAsync(new() { ["SendGrid:ApiKey"] = "SG.key", ["SendGrid:FromEmail"] = "not an address" })).DisposeAsync());
        Assert.Contains("SendGrid:FromEmail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_settings_start_the_app()
    {
        await (await StartAsync([])).DisposeAsync();
    }

    [Theory]
    [InlineData(null, null, "http://localhost:7071/#/standings/c/2024-03")]
    [InlineData("", " ", "http://localhost:7071/#/standings/c/2024-03")]
    [InlineData("https://thidua.example.gov.vn/", null, "https://thidua.example.gov.vn/#/standings/c/2024-03")]
    [InlineData(null, "https://thidua.example.gov.vn/api", "https://thidua.example.gov.vn/#/standings/c/2024-03")]
    [InlineData(null, "https://cong.example.gov.vn/thidua/", "https://cong.example.gov.vn/thidua/#/standings/c/2024-03")]
    [InlineData("https://moi.example.gov.vn/", "https://cu.example.gov.vn/api", "https://moi.example.gov.vn/#/standings/c/2024-03")]
    public async Task Mails_link_the_portal_of_PortalBaseUrl_or_of_the_former_StandingsLinkBase(string? portal, string? legacy, string standings)
    {
        await using var host = await StartAsync(new() { ["Reminders:PortalBaseUrl"] = portal, ["Reminders:StandingsLinkBase"] = legacy });

        var links = host.Services.GetRequiredService<Domain.Reminders.PortalLinks>();

        Assert.Equal(standings, links.Standings("c", new Domain.Period(2024, 3)).AbsoluteUri);
    }

    private static async Task<StartedHost> StartAsync(Dictionary<string, string?> settings)
    {
        var all = TestApp.Settings("tvalidate");
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddCompactsApp();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new StartedHost(host);
    }

    private sealed class StartedHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
