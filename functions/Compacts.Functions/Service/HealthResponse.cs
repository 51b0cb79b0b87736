using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Compacts.Functions.Service;

/// <summary>
/// <c>Mail</c>: <c>sendgrid</c> (a key is set), <c>outbox</c> (no key: nothing is sent) or <c>unresolved</c> (the setting
/// still reads <c>@Microsoft.KeyVault(…)</c>: App Service could not read the secret, and SendGrid would answer 401).
/// </summary>
public sealed record HealthResponse(string Status, bool Tables, bool Blobs, bool Queues, string Mail);
