using Azure.Storage.Queues;
using Compacts.Functions.Service;

namespace Compacts.Functions.Tests;

/// <summary>GET /api/health: what the availability test in Azure checks (storage, queues, the SendGrid key's Key Vault reference).</summary>
public sealed class HealthTests
{
    private static async Task<TestResponse> Health(TestApp app, params object[] instead) =>
        await app.SendAsync<ServiceFunctions>(TestRequest.Get(null), (f, req, ct) => f.Health(req, ct), instead);

    [Fact]
    public async Task Health_is_healthy_when_tables_blobs_and_queues_answer_and_mail_goes_to_the_outbox()
    {
        await using var app = new TestApp();

        var response = await Health(app);

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        Assert.True(response.Json.GetProperty("queues").GetBoolean());
        Assert.Equal("outbox", response.Json.GetProperty("mail").GetString());
    }

    [Fact]
    public async Task A_SendGrid_key_that_is_still_a_Key_Vault_reference_makes_health_unhealthy()
    {
        // App Service leaves the setting as written when it cannot read the secret (no role, no secret, vault gone).
        await using var app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-abc;SecretName=sendgrid-api-key)",
        });

        var response = await Health(app);

        Assert.Equal(503, response.Status);
        Assert.Equal("unhealthy", response.Json.GetProperty("status").GetString());
        Assert.Equal("unresolved", response.Json.GetProperty("mail").GetString());
        Assert.True(response.Json.GetProperty("tables").GetBoolean());
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.DoesNotContain("kv-abc", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_SendGrid_key_is_healthy_and_never_shown()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "SG.resolved-secret" });

        var response = await Health(app);

        Assert.Equal(200, response.Status);
        Assert.Equal("sendgrid", response.Json.GetProperty("mail").GetString());
        Assert.DoesNotContain("SG.", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_storage_that_does_not_answer_makes_health_unhealthy()
    {
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        await using var app = new TestApp();
        var unreachable = new QueueServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), options);

        var response = await Health(app, unreachable);

        Assert.Equal(503, response.Status);
        Assert.False(response.Json.GetProperty("queues").GetBoolean());
        Assert.True(response.Json.GetProperty("blobs").GetBoolean());
    }
}
