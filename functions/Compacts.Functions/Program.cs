using Compacts.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<FailureMappingMiddleware>();
builder.Services.AddCompactsApp();
builder.Services.AddCompactsTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Services.AddOptions<StorageOptions>().Validate(o => o.QueuePrefix.Length == 0,
    "Storage:QueuePrefix must be empty under the Functions host: its queue triggers listen on the literal queue names.");
builder.Build().Run();
