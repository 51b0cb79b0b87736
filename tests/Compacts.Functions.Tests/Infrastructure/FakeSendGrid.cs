using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// A stand-in for the SendGrid API on 127.0.0.1: records every <c>POST /v3/mail/send</c> the real client makes and answers
/// 202, or what a test scripts (429 with Retry-After, 500…).
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private int _accepted;

    private FakeSendGrid(WebApplication app) => _app = app;

    public sealed record Request(string Authorization, JsonElement Body, int AnsweredWith)
    {
        public JsonElement Personalization => Body.GetProperty("personalizations")[0];

        public string Subject => Personalization.GetProperty("subject").GetString()!;

        public string LedgerKey => Personalization.GetProperty("custom_args").GetProperty("ledgerKey").GetString()!;

        public IEnumerable<string> To => Personalization.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("email").GetString()!);

        public string Text => Body.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "text/plain").GetProperty("value").GetString()!;
    }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public IEnumerable<Request> Accepted => Requests.Where(r => r.AnsweredWith == 202);

    public string Url { get; private set; } = "";

    /// <summary>Answer every request with this status from now on (until <see cref="Script"/> or <see cref="Heal"/>).</summary>
    public int? AlwaysAnswer { get; set; }

    public void Script(int status, string? retryAfter = null) => _script.Enqueue((status, retryAfter));

    public void Heal() => AlwaysAnswer = null;

    /// <summary>The app's settings that send through this stand-in, from the Cluster 6 secretariat, linking the portal at thidua.example.gov.vn.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["SendGrid:ApiKey"] = "SG.test-key",
        ["SendGrid:Host"] = Url,
        ["SendGrid:FromEmail"] = "thuky@cum6.bocongan.gov.vn",
        ["SendGrid:FromName"] = "Thư ký Cụm thi đua số 6",
        ["Reminders:PortalBaseUrl"] = "https://thidua.example.gov.vn/",
    };

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            var (status, retryAfter) = fake.AlwaysAnswer is { } always ? (always, null) : fake._script.TryDequeue(out var next) ? next : (202, null);
            fake.Requests.Enqueue(new Request(context.Request.Headers.Authorization.ToString(), body.RootElement.Clone(), status));
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            if (status == 202)
            {
                context.Response.Headers["X-Message-Id"] = $"msg-{Interlocked.Increment(ref fake._accepted)}";
                return;
            }

            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = status == 429 ? "too many requests" : "server error" } } });
        });
        await app.StartAsync();
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
