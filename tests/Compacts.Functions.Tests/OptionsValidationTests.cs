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
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_app_at_start(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SendGrid_key_without_a_sender_address_stops_the_app_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartAsync(new() { ["SendGrid:ApiKey"] = "SG.key", ["SendGrid:FromEmail"] = "not an address" }));
        Assert.Contains("SendGrid:FromEmail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_settings_start_the_app()
    {
        await StartAsync([]);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        var all = TestApp.Settings("tvalidate");
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddCompactsApp();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
