using Compacts.Functions;
using Compacts.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<FailureMappingMiddleware>();
builder.Services.AddCompactsApp();
builder.Build().Run();
