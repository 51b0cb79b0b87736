using Compacts.Domain;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Compacts.Functions.Reminders;

public sealed record MailLedgerResponse(string CompactId, Period Period, IReadOnlyList<MailRecord> Mails);
