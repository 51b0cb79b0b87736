using Compacts.Domain;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.Functions.Units;

public sealed record UnitBody(string? Name, IReadOnlyList<string?>? Emails);
